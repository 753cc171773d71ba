import fc from 'fast-check';
import { InvariantViolationError } from '../../src/domain/errors';
import type { TradingModel } from '../../models/trading-model';
import { orderDifference, ordersDifference } from '../invariants/compare-views';
import { forgottenByHistory } from '../invariants/forgotten-orders';
import type { TradingWorld } from '../world';
import { describeMarketChoice, marketChoiceArbitrary, marketOf, type MarketChoice } from '../markets/market-choice';
import { absorbVenueEvents } from './absorb-venue-events';
import { TradingCommand, expectSuccess } from './trading-command';

/**
 * Cancels every open order of one market at once (DELETE /api/v3/openOrders). The venue must
 * cancel exactly the model's open orders there, the answer must list exactly those, each equal
 * to the model's view (fills kept), and afterwards the adapter's whole local view equals the
 * model's (O1), its ledger released what they held (L1, checked after the step).
 */
export class CancelAllCommand extends TradingCommand {
  /** The market the last run resolved the choice to, for the counterexample. */
  private symbol: string | undefined;

  constructor(private readonly marketChoice: MarketChoice) {
    super();
  }

  // Always: with nothing open it is a caller's no-op (Binance -2011), which the adapter must answer with an empty list.
  check(): boolean {
    return true;
  }

  protected async apply(model: TradingModel, world: TradingWorld): Promise<void> {
    const { symbol } = marketOf(model.markets, this.marketChoice);
    this.symbol = symbol;
    const open = model.openOrders(symbol).map((order) => order.clientOrderId);
    const answer = await expectSuccess(world.drive(world.adapter.cancelAll(symbol)), 'O1', `cancelAll ${symbol}`);
    absorbVenueEvents(model, world);
    const stillOpen = model.openOrders(symbol);
    if (stillOpen[0] !== undefined) throw new InvariantViolationError('O1', `cancelAll ${symbol} left ${stillOpen[0].clientOrderId} open at the venue`);
    const answered = answer.map((order) => order.clientOrderId);
    if (answered.join(',') !== open.join(',')) throw new InvariantViolationError('O1', `cancelAll answered [${answered.join(', ')}], the open orders were [${open.join(', ')}]`);
    for (const view of answer) {
      model.syncOrder(view.clientOrderId);
      const expected = model.order(view.clientOrderId, 'truth');
      const difference = expected === undefined ? `the model lost ${view.clientOrderId}` : orderDifference(view, expected);
      if (difference !== undefined) throw new InvariantViolationError('O1', `cancelAll returned ${difference}`);
    }
    const local = ordersDifference(world.adapter.orders(), model.orders('known'), forgottenByHistory(world));
    if (local !== undefined) throw new InvariantViolationError('O1', `after cancelAll ${local}`);
  }

  toString(): string {
    return `cancelAll(${this.symbol ?? describeMarketChoice(this.marketChoice)})`;
  }
}

export const cancelAllArbitrary: fc.Arbitrary<CancelAllCommand> = marketChoiceArbitrary.map((market) => new CancelAllCommand(market));
