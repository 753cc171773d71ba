import { transitionKey } from '../../models/transition-coverage';
import { concurrentCallersArbitrary } from '../commands/concurrent-callers';
import { placeLimitArbitrary } from '../commands/place-limit';
import { adapterOrdersEqualModel } from '../invariants/order-state';
import type { TradingPropertyOptions } from '../trading-property';

/**
 * P1: with load within the venue's limits (bursts of 2-12 calls from 2-4 callers at the start of a
 * fresh weight window), every call settles within its configured deadline, and none waits behind
 * another caller's slow answer: each settles within the venue's delay on its own answers plus N
 * prompt calls (concurrent-callers.ts says exactly how). Resting orders placed beside the bursts
 * give their cancels and fetches something to aim at; every answer equals the model (O1).
 */
export const callsSettleWithinDeadline: TradingPropertyOptions = {
  name: 'calls-settle-within-deadline',
  checks: [adapterOrdersEqualModel],
  commands: [concurrentCallersArbitrary, concurrentCallersArbitrary, placeLimitArbitrary],
  maxCommands: 5,
  claims: [transitionKey('order', 'new', 'ACCEPT', 'open'), transitionKey('order', 'open', 'CANCEL', 'canceled')],
};
