import fc from 'fast-check';
import { InvariantViolationError } from '../../src/domain/errors';
import type { TradingModel } from '../../models/trading-model';
import { orderDifference } from '../invariants/compare-views';
import type { TradingWorld } from '../world';
import { absorbVenueEvents } from './absorb-venue-events';
import { pickOrder } from './pick-order';
import { TradingCommand, expectSuccessUnlessBreakerOpen } from './trading-command';

/** Fetches one of our orders: the answer is the venue's truth, and the local view catches up. */
export class FetchOrderCommand extends TradingCommand {
  private target = '?';

  constructor(private readonly index: number) {
    super();
  }

  // Any order of ours the venue accepted, settled ones included: callers fetch after the fact; never-sent ids are UnknownOrderCommand's.
  check(model: Readonly<TradingModel>): boolean {
    return pickOrder(model, this.index, () => true) !== undefined;
  }

  protected async apply(model: TradingModel, world: TradingWorld): Promise<void> {
    const order = pickOrder(model, this.index, () => true);
    if (order === undefined) throw new RangeError('fetch ran without an order');
    this.target = order.clientOrderId;
    const view = await expectSuccessUnlessBreakerOpen(world, () => world.adapter.fetchOrder(order.symbol, order.clientOrderId), 'O1', `fetch ${order.clientOrderId}`);
    if (view === undefined) {
      absorbVenueEvents(model, world);
      return;
    }
    absorbVenueEvents(model, world);
    model.syncOrder(order.clientOrderId);
    const expected = model.order(order.clientOrderId, 'truth');
    const difference = expected === undefined ? 'the model lost the order' : orderDifference(view, expected);
    if (difference !== undefined) throw new InvariantViolationError('O1', `fetch returned ${difference}`);
  }

  toString(): string {
    return `fetchOrder(${this.target})`;
  }
}

export const fetchOrderArbitrary = fc.nat(20).map((index) => new FetchOrderCommand(index));
