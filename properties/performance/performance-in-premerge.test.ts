import { describe, expect, it } from 'vitest';
import { TERMINAL_STATUSES } from '../../src/domain/order';
import { createAdapter } from '../../src/exchange/reference-adapter';
import { orderStatusOf } from '../../src/exchange/order-tracker';
import { checkInPremerge } from '../premerge-check';
import { TRADER } from '../world';
import { callsSettleWithinDeadline } from './calls-settle-within-deadline';
import { retainedStateStaysBounded } from './retained-state-stays-bounded';

/**
 * The performance properties judge something on the reference adapter in the premerge profile:
 * runs end more orders than the history keeps, so forgetting is exercised and checked, and
 * bursts of concurrent callers meet slow answers.
 */
describe('the performance properties in the premerge profile', () => {
  it('retained-state-stays-bounded outruns the history of 4 in many runs, and the adapter forgets what it must', async () => {
    let runsPastHistory = 0;
    let runsThatForgot = 0;
    const { outcome } = await checkInPremerge(retainedStateStaysBounded, createAdapter, (world) => {
      const ended = world.venue.control.orders(TRADER).filter((order) => TERMINAL_STATUSES.has(orderStatusOf(order.status))).length;
      if (ended > 4) runsPastHistory += 1;
      if (world.adapter.orders().length < world.venue.control.orders(TRADER).length) runsThatForgot += 1;
    });
    expect(outcome.failure).toBeUndefined();
    // Measured on the fixed premerge seeds: 17 of 60 runs end more than 4 orders, and each forgot.
    expect(runsPastHistory).toBeGreaterThanOrEqual(15);
    expect(runsThatForgot).toBe(runsPastHistory);
  });

  it('calls-settle-within-deadline issues bursts from several callers, many meeting a slow answer, and holds', async () => {
    let bursts = 0;
    let slowBursts = 0;
    const { outcome } = await checkInPremerge(callsSettleWithinDeadline, createAdapter, (_world, trace) => {
      for (const row of trace) {
        if (!row.command.startsWith('concurrentCallers(')) continue;
        bursts += 1;
        if (row.command.includes('fetchBalances') && row.command.includes('ms late')) slowBursts += 1;
      }
    });
    expect(outcome.failure).toBeUndefined();
    // Measured on the fixed premerge seeds: 105 bursts, 51 of them with a late account answer.
    expect(bursts).toBeGreaterThanOrEqual(80);
    expect(slowBursts).toBeGreaterThanOrEqual(40);
  });
});
