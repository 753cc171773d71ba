import fc from 'fast-check';
import { InvariantViolationError } from '../../src/domain/errors';
import type { TradingModel } from '../../models/trading-model';
import { balancesDifference } from '../invariants/compare-views';
import type { TradingWorld } from '../world';
import { absorbVenueEvents } from './absorb-venue-events';
import { TradingCommand, expectSuccessUnlessBreakerOpen } from './trading-command';

/** Fetches the venue's balances: they equal the model's truth; the local ledger is untouched. */
export class FetchBalancesCommand extends TradingCommand {
  // Always: a read is valid at any time.
  check(): boolean {
    return true;
  }

  protected async apply(model: TradingModel, world: TradingWorld): Promise<void> {
    const balances = await expectSuccessUnlessBreakerOpen(world, () => world.adapter.fetchBalances(), 'L1', 'fetchBalances');
    if (balances === undefined) {
      absorbVenueEvents(model, world);
      return;
    }
    absorbVenueEvents(model, world);
    const difference = balancesDifference(balances, model.balances('truth'), 'fetched', 'model');
    if (difference !== undefined) throw new InvariantViolationError('L1', `fetchBalances returned ${difference}`);
  }

  toString(): string {
    return 'fetchBalances()';
  }
}

export const fetchBalancesArbitrary = fc.constant(null).map(() => new FetchBalancesCommand());
