import fc from 'fast-check';
import { InvariantViolationError } from '../../src/domain/errors';
import type { LimitOrderIntent, OrderView } from '../../src/domain/order';
import type { TradingModel } from '../../models/trading-model';
import { orderDifference } from '../invariants/compare-views';
import type { TradingWorld } from '../world';
import { absorbVenueEvents } from './absorb-venue-events';
import { farOrder, feasible, type FarOrder } from './burst-place-and-cancel';
import { TradingCommand, expectSuccess } from './trading-command';

/**
 * A long-running trader's routine, compressed: `count` times, a far limit order placed and then
 * canceled, each awaited. Every round trip ends one order, so a few of these outrun a small
 * configured history of ended orders (P2) cheaply. Each answer must equal the model (O1).
 */
export class PlaceAndCancelLoopCommand extends TradingCommand {
  private described = '';

  constructor(
    private readonly count: number,
    /** Which feasible market and side of the run's to prefer (an index survives shrinking). */
    private readonly choice: number,
  ) {
    super();
  }

  check(model: Readonly<TradingModel>): boolean {
    return this.plan(model) !== undefined;
  }

  protected async apply(model: TradingModel, world: TradingWorld): Promise<void> {
    const order = this.plan(model);
    if (order === undefined) throw new RangeError('placeAndCancelLoop ran without a feasible market');
    this.described = `${this.count} x ${order.market.symbol} ${order.side} ${order.amount.toFixed()} @ ${order.price.toFixed()}`;
    for (let round = 0; round < this.count; round += 1) {
      const intent: LimitOrderIntent = {
        type: 'limit',
        clientOrderId: world.nextClientOrderId(),
        symbol: order.market.symbol,
        side: order.side,
        price: order.price.toFixed(),
        amount: order.amount.toFixed(),
      };
      const id = intent.clientOrderId;
      const placed = await expectSuccess(world.drive(world.adapter.place(intent)), 'O1', `place ${id}`);
      absorbVenueEvents(model, world, (accepted) => {
        if (accepted.clientOrderId !== id) throw new InvariantViolationError('O4', `the venue accepted ${accepted.clientOrderId} while the loop placed ${id}`);
        world.rememberVenueOrder(accepted.orderId, accepted.clientOrderId);
        model.accept({ clientOrderId: id, symbol: intent.symbol, side: intent.side, price: intent.price, amount: accepted.quantity, venueOrderId: accepted.orderId });
      });
      judge(model, placed, `place ${id}`);
      const canceled = await expectSuccess(world.drive(world.adapter.cancel(intent.symbol, id)), 'O1', `cancel ${id}`);
      absorbVenueEvents(model, world);
      judge(model, canceled, `cancel ${id}`);
    }
  }

  /** The first far order, from the preferred one on, that the funds and MAX_NUM_ORDERS allow. */
  private plan(model: Readonly<TradingModel>): FarOrder | undefined {
    const candidates = model.markets.flatMap((market) => (['sell', 'buy'] as const).map((side) => farOrder(market, side)));
    for (let offset = 0; offset < candidates.length; offset += 1) {
      const order = candidates[(this.choice + offset) % candidates.length];
      if (order !== undefined && feasible(model, order, 1)) return order;
    }
    return undefined;
  }

  toString(): string {
    return `placeAndCancelLoop(${this.described || `${this.count} rounds, #${this.choice}`})`;
  }
}

/** The model learns the order's truth with the answer, which must equal it (O1). */
function judge(model: TradingModel, view: OrderView, what: string): void {
  model.syncOrder(view.clientOrderId);
  const expected = model.order(view.clientOrderId, 'truth');
  const difference = expected === undefined ? `the model has no ${view.clientOrderId}` : orderDifference(view, expected);
  if (difference !== undefined) throw new InvariantViolationError('O1', `${what} returned ${difference}`);
}

export const placeAndCancelLoopArbitrary: fc.Arbitrary<PlaceAndCancelLoopCommand> = fc
  .record({ count: fc.integer({ min: 1, max: 6 }), choice: fc.nat(20) })
  .map(({ count, choice }) => new PlaceAndCancelLoopCommand(count, choice));
