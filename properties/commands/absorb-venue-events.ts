import { dec } from '../../src/domain/decimal';
import { InvariantViolationError } from '../../src/domain/errors';
import type { VenueEvent, VenueFill, VenueOrderSnapshot } from '../../src/venue/types';
import type { TradingModel } from '../../models/trading-model';
import { TRADER, type TradingWorld } from '../world';

/**
 * Moves the model along what the venue did since the last step: our fills, cancels and expiries. The
 * venue is the ground truth of what happened; the model judges whether it was allowed (the
 * order machine refuses an impossible fill) and what every view must then say.
 * `onAccepted` handles a new order of ours; a step that places nothing passes none, and an
 * order appearing then is a violation (O4: one intent, at most one venue order).
 */
export function absorbVenueEvents(
  model: TradingModel,
  world: TradingWorld,
  onAccepted?: (order: VenueOrderSnapshot) => void,
  /** The step's events when the caller already took them (to see which faults hit it). */
  events: readonly VenueEvent[] = world.takeNewEvents(),
): void {
  for (const event of events) {
    if (event.type === 'order_accepted' && event.order.account === TRADER) {
      if (onAccepted === undefined) {
        throw new InvariantViolationError('O4', `the venue accepted order ${event.order.clientOrderId} that no step placed`);
      }
      onAccepted(event.order);
    } else if (event.type === 'trade') {
      absorbFill(model, world, event.fill);
    } else if (event.type === 'order_canceled' && event.order.account === TRADER) {
      model.cancel(event.order.clientOrderId);
    } else if (event.type === 'order_expired' && event.order.account === TRADER) {
      // IOC, FOK and MARKET leftovers; self-trade prevention is never asked for by the adapter.
      try {
        model.expire(event.order.clientOrderId);
      } catch (error) {
        throw new InvariantViolationError('O2', `the venue expired ${event.order.clientOrderId} (${event.reason}), which the order machine refuses: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  }
}

function absorbFill(model: TradingModel, world: TradingWorld, fill: VenueFill): void {
  const sides = [
    { account: fill.makerAccount, orderId: fill.makerOrderId, commission: fill.makerCommission, role: 'maker' as const },
    { account: fill.takerAccount, orderId: fill.takerOrderId, commission: fill.takerCommission, role: 'taker' as const },
  ];
  for (const side of sides) {
    if (side.account !== TRADER) continue;
    const clientOrderId = world.clientOrderIdOf(side.orderId);
    if (clientOrderId === undefined) throw new InvariantViolationError('O4', `trade ${fill.tradeId} filled venue order ${side.orderId}, unknown to the run`);
    const order = model.order(clientOrderId, 'truth');
    if (order === undefined) throw new InvariantViolationError('O4', `trade ${fill.tradeId} filled ${clientOrderId}, unknown to the model`);
    const market = world.market(fill.symbol);
    const expected = model.expectedCommission(market, order.side, dec(fill.quantity), dec(fill.price), side.role);
    if (!dec(side.commission.amount).eq(expected)) {
      throw new InvariantViolationError('L2', `trade ${fill.tradeId} charged ${side.commission.amount} ${side.commission.asset}, the fee rule gives ${expected.toFixed()}`);
    }
    try {
      model.fill(clientOrderId, { tradeId: fill.tradeId, price: fill.price, quantity: fill.quantity, commission: side.commission, role: side.role });
    } catch (error) {
      throw new InvariantViolationError('O2', `trade ${fill.tradeId} on ${clientOrderId} refused by the order machine: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}
