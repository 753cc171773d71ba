import fc from 'fast-check';
import { ScheduleFaultCommand } from './fault-command';

/**
 * For a while every request (phase 'request': before the venue sees it) or every answer (phase
 * 'response') is held `ms` on the venue clock: a slow network. Nothing is lost, so every
 * command must still get its answer; delays stay below ccxt's 10 s timeout.
 */
export const responseDelayArbitrary = fc
  .record({ ms: fc.constantFrom(50, 800, 3_000), phase: fc.constantFrom<'request' | 'response'>('request', 'response'), durationMs: fc.constantFrom(10_000, 120_000) })
  .map(({ ms, phase, durationMs }) => new ScheduleFaultCommand(`delay(${ms}ms on each ${phase} for ${durationMs}ms)`, { kind: 'delay', ms, phase }, {}, durationMs));
