import { InvariantViolationError } from '../../src/domain/errors';
import type { TradingModel } from '../../models/trading-model';
import { balancesDifference } from '../invariants/compare-views';
import type { TradingWorld } from '../world';
import { absorbVenueEvents } from './absorb-venue-events';
import { describeFailure } from './trading-command';

/**
 * A fault command's own probe: the trading system fetches its balances (once, or `reads` times
 * at once) while (or right after) the fault holds. The call is let settle and every invariant the property watches is checked
 * before its outcome is judged, so a broken rule (a retry before Retry-After, a blind retry after
 * -1021) is named as itself rather than as the failed call it leads to. Then the call must have
 * succeeded (`invariant` names why) with the venue's balances.
 */
export async function fetchBalancesThroughFault(model: TradingModel, world: TradingWorld, invariant: string, what: string, reads = 1): Promise<void> {
  // `reads` at once: a burst meeting the fault (load combined with faults).
  const burst = Promise.all(Array.from({ length: reads }, () => world.adapter.fetchBalances()));
  const outcome = await world.drive(burst).then(
    (answers) => ({ answers, error: undefined }),
    (error: unknown) => ({ answers: undefined, error }),
  );
  absorbVenueEvents(model, world);
  assertInvariantsHold(model, world);
  if (outcome.answers === undefined) throw new InvariantViolationError(invariant, `${what}: expected success, got ${describeFailure(outcome.error)}`);
  for (const balances of outcome.answers) {
    const difference = balancesDifference(balances, model.balances('truth'), 'fetched', 'model');
    if (difference !== undefined) throw new InvariantViolationError('L1', `${what} returned ${difference}`);
  }
}

/** The property's invariants, now, mid-step: what TradingCommand.run checks after the step. */
export function assertInvariantsHold(model: TradingModel, world: TradingWorld): void {
  for (const { invariant, check } of world.checks) {
    const difference = check(model, world);
    if (difference !== undefined) throw new InvariantViolationError(invariant, difference);
  }
}
