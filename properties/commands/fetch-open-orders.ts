import fc from 'fast-check';
import { InvariantViolationError } from '../../src/domain/errors';
import type { TradingModel } from '../../models/trading-model';
import { ordersDifference } from '../invariants/compare-views';
import type { TradingWorld } from '../world';
import { describeMarketChoice, marketChoiceArbitrary, marketOf, type MarketChoice } from '../markets/market-choice';
import { absorbVenueEvents } from './absorb-venue-events';
import { TradingCommand, expectSuccessUnlessBreakerOpen } from './trading-command';

/**
 * Fetches the open orders of one market: exactly the model's open orders there, in the venue's
 * order (oldest first), each equal to the model's truth, fees included (O1); the adapter's local
 * view is left exactly as it was.
 */
export class FetchOpenOrdersCommand extends TradingCommand {
  /** The market the last run resolved the choice to, for the counterexample. */
  private symbol: string | undefined;

  constructor(private readonly marketChoice: MarketChoice) {
    super();
  }

  // Always: a read is valid at any time, with nothing open too.
  check(): boolean {
    return true;
  }

  protected async apply(model: TradingModel, world: TradingWorld): Promise<void> {
    const { symbol } = marketOf(model.markets, this.marketChoice);
    this.symbol = symbol;
    const before = world.localViewText();
    const open = await expectSuccessUnlessBreakerOpen(world, () => world.adapter.fetchOpenOrders(symbol), 'O1', `fetchOpenOrders ${symbol}`);
    if (open === undefined) {
      absorbVenueEvents(model, world);
      return;
    }
    absorbVenueEvents(model, world);
    const expected = model.openOrders(symbol);
    const difference = ordersDifference(open, expected);
    if (difference !== undefined) throw new InvariantViolationError('O1', `fetchOpenOrders: ${difference}`);
    const order = open.map((view) => view.clientOrderId).join(',');
    if (order !== expected.map((view) => view.clientOrderId).join(',')) throw new InvariantViolationError('O1', `fetchOpenOrders listed [${order}] out of the venue's order`);
    if (world.localViewText() !== before) throw new InvariantViolationError('O1', 'fetchOpenOrders changed the local view');
  }

  toString(): string {
    return `fetchOpenOrders(${this.symbol ?? describeMarketChoice(this.marketChoice)})`;
  }
}

export const fetchOpenOrdersArbitrary: fc.Arbitrary<FetchOpenOrdersCommand> = marketChoiceArbitrary.map((market) => new FetchOpenOrdersCommand(market));
