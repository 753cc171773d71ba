import { describe, expect, it } from 'vitest';
import { createAdapter } from '../../src/exchange/reference-adapter';
import { transitionKey } from '../../models/transition-coverage';
import { orderStateConsistency } from '../data-integrity/order-state-consistency';
import { checkInPremerge } from '../premerge-check';

/**
 * The order-type commands in the premerge profile: the runs of order-state-consistency on the
 * reference adapter pass, reach the expiry transitions, and actually run every new command
 * (a step that only ever hit a local refusal would check nothing about the venue).
 */
describe('order-type commands in the premerge profile', () => {
  it('run, take and expire against the book, and pass on the reference adapter', async () => {
    const steps: string[] = [];
    const { outcome, checker } = await checkInPremerge(orderStateConsistency, createAdapter, (_world, trace) => {
      steps.push(...trace.map((row) => row.command));
    });
    expect(outcome.failure).toBeUndefined();
    for (const key of [
      transitionKey('order', 'open', 'EXPIRE', 'expired'),
      transitionKey('order', 'partially_filled', 'EXPIRE', 'expired'),
      transitionKey('order', 'new', 'REJECT', 'rejected'),
    ]) {
      expect(checker.coverage.count(key), key).toBeGreaterThan(0);
    }
    for (const command of [/^place\(.* IOC\)$/, /^place\(.* FOK\)$/, /^place\(.* MAKER\)$/, /^placeMarket\(.* cost /, /^placeMarket\(.* (buy|sell) \d/, /^cancelAll\(/, /^fetchOpenOrders\(/, /^fetchMyTrades\(/]) {
      expect(steps.some((step) => command.test(step)), String(command)).toBe(true);
    }
  });
});
