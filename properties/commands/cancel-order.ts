import fc from 'fast-check';
import { InvariantViolationError } from '../../src/domain/errors';
import type { TradingModel } from '../../models/trading-model';
import { orderDifference } from '../invariants/compare-views';
import type { TradingWorld } from '../world';
import { absorbVenueEvents } from './absorb-venue-events';
import { isOpen, pickOrder } from './pick-order';
import { TradingCommand, expectSuccess } from './trading-command';

/** Cancels one of our open orders: the answer and the local view show it canceled, fills kept. */
export class CancelOrderCommand extends TradingCommand {
  private target = '?';

  constructor(private readonly index: number) {
    super();
  }

  // Open orders only: a cancel of a settled one is CancelSettledOrderCommand's, of an unknown id UnknownOrderCommand's.
  check(model: Readonly<TradingModel>): boolean {
    return pickOrder(model, this.index, isOpen) !== undefined;
  }

  protected async apply(model: TradingModel, world: TradingWorld): Promise<void> {
    const order = pickOrder(model, this.index, isOpen);
    if (order === undefined) throw new RangeError('cancel ran without an open order');
    this.target = order.clientOrderId;
    const view = await expectSuccess(world.drive(world.adapter.cancel(order.symbol, order.clientOrderId)), 'O1', `cancel ${order.clientOrderId}`);
    absorbVenueEvents(model, world);
    model.syncOrder(order.clientOrderId);
    const expected = model.order(order.clientOrderId, 'truth');
    if (expected?.status !== 'canceled') {
      throw new InvariantViolationError('O1', `cancel of ${order.clientOrderId} succeeded but the venue did not cancel it`);
    }
    const difference = orderDifference(view, expected);
    if (difference !== undefined) throw new InvariantViolationError('O1', `cancel returned ${difference}`);
  }

  toString(): string {
    return `cancel(${this.target})`;
  }
}

export const cancelOrderArbitrary = fc.nat(20).map((index) => new CancelOrderCommand(index));
