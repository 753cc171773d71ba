import fc from 'fast-check';
import { InvariantViolationError } from '../../src/domain/errors';
import type { TradingModel } from '../../models/trading-model';
import { balancesDifference } from '../invariants/compare-views';
import type { TradingWorld } from '../world';
import { absorbVenueEvents } from './absorb-venue-events';
import { TradingCommand, expectSuccess } from './trading-command';

/**
 * Load for the rate limiter: `count` balance queries issued at once. GET /api/v3/account weighs
 * 20, so 300 of them fill a whole minute of Binance's 6000 REQUEST_WEIGHT: the limiter has to
 * hold the rest for the next window. Every one must still answer the model's balances.
 */
export class BurstFetchBalancesCommand extends TradingCommand {
  constructor(readonly count: number) {
    super();
  }

  // Always: load can come at any moment.
  check(): boolean {
    return true;
  }

  protected async apply(model: TradingModel, world: TradingWorld): Promise<void> {
    const burst = Promise.all(Array.from({ length: this.count }, () => world.adapter.fetchBalances()));
    const answers = await expectSuccess(world.drive(burst), 'R1', `a burst of ${this.count} fetchBalances`);
    absorbVenueEvents(model, world);
    for (const balances of answers) {
      const difference = balancesDifference(balances, model.balances('truth'), 'fetched', 'model');
      if (difference !== undefined) throw new InvariantViolationError('L1', `a fetchBalances of the burst returned ${difference}`);
    }
  }

  toString(): string {
    return `burstFetchBalances(${this.count})`;
  }
}

/** Around one minute's weight: small enough to stay cheap, large enough to need the next window. */
export const burstFetchBalancesArbitrary = fc.integer({ min: 280, max: 320 }).map((count) => new BurstFetchBalancesCommand(count));
