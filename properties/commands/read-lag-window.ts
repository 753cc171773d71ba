import fc from 'fast-check';
import { READ_LAG_BOUND_MS } from '../../src/exchange/placement';
import { GET_ORDER, ScheduleFaultCommand } from './fault-command';

/**
 * For a while, order queries do not see orders accepted less than `lagMs` ago: a lookup right
 * after a lost answer may say -2013 for an order that exists. The lag stays within the bound the
 * adapter's exactly-once rule is documented to tolerate (src/exchange/placement.ts).
 */
export const readLagWindowArbitrary = fc
  .record({ lagMs: fc.integer({ min: 100, max: READ_LAG_BOUND_MS }), durationMs: fc.constantFrom(5_000, 30_000, 120_000) })
  .map(({ lagMs, durationMs }) => new ScheduleFaultCommand(`readLag(${lagMs}ms for ${durationMs}ms)`, { kind: 'read_lag', lagMs }, GET_ORDER, durationMs));
