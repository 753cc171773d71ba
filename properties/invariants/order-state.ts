import { TERMINAL_STATUSES, type OrderView } from '../../src/domain/order';
import { tryDec } from '../../src/domain/decimal';
import { orderDifference, ordersDifference } from './compare-views';
import { forgottenByHistory } from './forgotten-orders';
import type { InvariantCheck } from './invariant-check';

/**
 * O1: every order the adapter reports equals the model's view of what it should know (an ended
 * one beyond the adapter's configured history may have been forgotten: P2).
 */
export const adapterOrdersEqualModel: InvariantCheck = {
  invariant: 'O1',
  check: (model, world) => ordersDifference(world.adapter.orders(), model.orders('known'), forgottenByHistory(world)),
};

/**
 * O2: the adapter's view of an order only moves along the order machine: filled never
 * decreases and never exceeds the amount, remaining = amount - filled, terminal states absorb.
 */
export const adapterOrdersMoveForward: InvariantCheck = ordersMoveForward('O2');

/** The O2 check under another invariant's name (O6: a late or duplicated event never moves an order back). */
export function ordersMoveForward(invariant: string): InvariantCheck {
  return { invariant, check: (_model, world) => {
    const previous = world.previousLocalOrders;
    const orders = world.adapter.orders();
    let difference: string | undefined;
    for (const order of orders) {
      difference ??= orderShapeProblem(order) ?? movementProblem(previous.get(order.clientOrderId), order);
    }
    previous.clear();
    for (const order of orders) previous.set(order.clientOrderId, order);
    return difference;
  } };
}

function orderShapeProblem(order: OrderView): string | undefined {
  const amount = tryDec(order.amount);
  const filled = tryDec(order.filled);
  const remaining = tryDec(order.remaining);
  if (amount === undefined || filled === undefined || remaining === undefined) {
    return `order ${order.clientOrderId} has a non-decimal amount, filled or remaining`;
  }
  if (filled.isNegative() || filled.gt(amount)) return `order ${order.clientOrderId} filled ${order.filled} is outside 0..${order.amount}`;
  if (!remaining.eq(amount.minus(filled))) {
    return `order ${order.clientOrderId} remaining ${order.remaining} is not amount ${order.amount} - filled ${order.filled}`;
  }
  if (order.status === 'filled' && !remaining.isZero()) return `order ${order.clientOrderId} is filled with ${order.remaining} remaining`;
  return undefined;
}

function movementProblem(before: OrderView | undefined, after: OrderView): string | undefined {
  if (before === undefined) return undefined;
  const filledBefore = tryDec(before.filled);
  const filledAfter = tryDec(after.filled);
  if (filledBefore !== undefined && filledAfter !== undefined && filledAfter.lt(filledBefore)) {
    return `order ${after.clientOrderId} filled went back from ${before.filled} to ${after.filled}`;
  }
  if (TERMINAL_STATUSES.has(before.status)) {
    const changed = orderDifference(after, before);
    if (changed !== undefined) return `order ${after.clientOrderId} changed after reaching ${before.status}: ${changed}`;
  }
  return undefined;
}
