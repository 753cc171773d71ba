import { dec } from '../../src/domain/decimal';
import { orderStatusOf } from '../../src/exchange/order-tracker';
import { TRADER } from '../world';
import { forgottenByHistory } from './forgotten-orders';
import type { InvariantCheck } from './invariant-check';

/**
 * O4, from the venue's own records: no intent has more than one venue order. A run gives every
 * intent a fresh client order id (`tp-N`, never reused), so grouping the account's orders by
 * client order id groups them by intent, closed orders included. (Binance lets an id be reused
 * once its first order closed, which is exactly how a blind retry after a fill places twice.)
 */
export const oneVenueOrderPerIntent: InvariantCheck = {
  invariant: 'O4',
  check(_model, world) {
    const byIntent = new Map<string, string[]>();
    for (const order of world.venue.control.orders(TRADER)) {
      byIntent.set(order.clientOrderId, [...(byIntent.get(order.clientOrderId) ?? []), `${order.orderId} ${order.status}`]);
    }
    for (const [clientOrderId, orders] of byIntent) {
      if (orders.length > 1) return `intent ${clientOrderId} has ${orders.length} venue orders: ${orders.join(', ')}`;
    }
    return undefined;
  },
};

/**
 * O3, right after a reconcile step: every order the adapter knows exists at the venue with the
 * venue's status and filled quantity, and every order of the account at the venue is known to
 * the adapter, including those whose placement answer was lost.
 */
export const reconciledViewMatchesVenue: InvariantCheck = {
  invariant: 'O3',
  check(_model, world) {
    if (world.reconciledAtStep !== world.trace.length + 1) return undefined;
    const local = new Map(world.adapter.orders().map((order) => [order.clientOrderId, order]));
    const venue = world.venue.control.orders(TRADER);
    const forgotten = forgottenByHistory(world);
    for (const order of venue) {
      const known = local.get(order.clientOrderId);
      if (known === undefined && forgotten({ status: orderStatusOf(order.status) })) continue;
      if (known === undefined) return `after reconcile the venue holds ${order.clientOrderId} (${order.status}) that the adapter does not know`;
      const status = orderStatusOf(order.status);
      if (known.status !== status || !dec(known.filled).eq(dec(order.executedQty))) {
        return `after reconcile ${order.clientOrderId} is ${known.status} filled ${known.filled} locally, ${status} filled ${order.executedQty} at the venue`;
      }
    }
    const atVenue = new Set(venue.map((order) => order.clientOrderId));
    const phantom = [...local.keys()].find((clientOrderId) => !atVenue.has(clientOrderId));
    return phantom === undefined ? undefined : `after reconcile the adapter knows ${phantom}, which the venue does not hold`;
  },
};
