import type { Order } from 'ccxt';
import { dec, formatDecimal } from '../../domain/decimal';

/** ccxt keeps the wire's strings ("0.01000000"); compared as decimals, canonical. */
export const canonical = (value: unknown): string => formatDecimal(dec(String(value)));

/** The fields of a ccxt order the stream tests assert, decimals canonical. */
export const orderFields = (order: Order) => ({
  clientOrderId: order.clientOrderId,
  status: order.status,
  side: order.side,
  type: order.type,
  timeInForce: order.timeInForce,
  price: canonical(order.price),
  amount: canonical(order.amount),
  filled: canonical(order.filled),
  remaining: canonical(order.remaining),
});
