import { InvariantViolationError } from '../../src/domain/errors';
import type { TradingModel } from '../../models/trading-model';
import { balancesDifference } from '../invariants/compare-views';
import type { TradingWorld } from '../world';
import { absorbVenueEvents } from './absorb-venue-events';
import { describeFailure } from './trading-command';

/**
 * A fault command's own probe: the trading system fetches its balances while (or right after)
 * the fault holds. The call is let settle and every invariant the property watches is checked
 * before its outcome is judged, so a broken rule (a retry before Retry-After, a blind retry after
 * -1021) is named as itself rather than as the failed call it leads to. Then the call must have
 * succeeded (`invariant` names why) with the venue's balances.
 */
export async function fetchBalancesThroughFault(model: TradingModel, world: TradingWorld, invariant: string, what: string): Promise<void> {
  const outcome = await world.drive(world.adapter.fetchBalances()).then(
    (balances) => ({ balances, error: undefined }),
    (error: unknown) => ({ balances: undefined, error }),
  );
  absorbVenueEvents(model, world);
  assertInvariantsHold(model, world);
  if (outcome.balances === undefined) throw new InvariantViolationError(invariant, `${what}: expected success, got ${describeFailure(outcome.error)}`);
  const difference = balancesDifference(outcome.balances, model.balances('truth'), 'fetched', 'model');
  if (difference !== undefined) throw new InvariantViolationError('L1', `${what} returned ${difference}`);
}

/** The property's invariants, now, mid-step: what TradingCommand.run checks after the step. */
export function assertInvariantsHold(model: TradingModel, world: TradingWorld): void {
  for (const { invariant, check } of world.checks) {
    const difference = check(model, world);
    if (difference !== undefined) throw new InvariantViolationError(invariant, difference);
  }
}
