import fc from 'fast-check';
import type { Market } from '../../src/domain/market';
import { InvariantViolationError } from '../../src/domain/errors';
import type { TradingModel } from '../../models/trading-model';
import { ordersDifference } from '../invariants/compare-views';
import type { TradingWorld } from '../world';
import { absorbVenueEvents } from './absorb-venue-events';
import { TradingCommand, expectSuccessUnlessBreakerOpen } from './trading-command';

/**
 * Fetches the open orders of one market: exactly the model's open orders there, in the venue's
 * order (oldest first), each equal to the model's truth, fees included (O1); the adapter's local
 * view is left exactly as it was.
 */
export class FetchOpenOrdersCommand extends TradingCommand {
  constructor(private readonly market: Market) {
    super();
  }

  check(): boolean {
    return true;
  }

  protected async apply(model: TradingModel, world: TradingWorld): Promise<void> {
    const before = world.localViewText();
    const open = await expectSuccessUnlessBreakerOpen(world, () => world.adapter.fetchOpenOrders(this.market.symbol), 'O1', `fetchOpenOrders ${this.market.symbol}`);
    if (open === undefined) {
      absorbVenueEvents(model, world);
      return;
    }
    absorbVenueEvents(model, world);
    const expected = model.openOrders(this.market.symbol);
    const difference = ordersDifference(open, expected);
    if (difference !== undefined) throw new InvariantViolationError('O1', `fetchOpenOrders: ${difference}`);
    const order = open.map((view) => view.clientOrderId).join(',');
    if (order !== expected.map((view) => view.clientOrderId).join(',')) throw new InvariantViolationError('O1', `fetchOpenOrders listed [${order}] out of the venue's order`);
    if (world.localViewText() !== before) throw new InvariantViolationError('O1', 'fetchOpenOrders changed the local view');
  }

  toString(): string {
    return `fetchOpenOrders(${this.market.symbol})`;
  }
}

export function fetchOpenOrdersArbitrary(markets: readonly Market[]): fc.Arbitrary<FetchOpenOrdersCommand> {
  return fc.constantFrom(...markets).map((market) => new FetchOpenOrdersCommand(market));
}
