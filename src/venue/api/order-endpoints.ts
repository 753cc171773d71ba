import { dec, type Decimal } from '../../domain/decimal';
import type { OrderRef } from '../engine/engine';
import type { VenueOrder } from '../engine/order';
import type { ApiKeyEntry } from './api-keys';
import { marketById, type ApiContext } from './context';
import { apiErrors } from './errors';
import {
  AllOrdersParamsSchema,
  CancelAllParamsSchema,
  CancelParamsSchema,
  NewOrderParamsSchema,
  OpenOrdersParamsSchema,
  OrderRefParamsSchema,
  parseEndpointParams,
  type NewOrderParams,
  type RawParams,
} from './params';
import { checkTimeWindow, pageLimit } from './paging';
import { cancelOrderBody, newOrderBody, queryOrderBody } from './responses';

/** Binance's spot assets carry 8 decimals; more is -1111 before any filter is checked. */
const MAX_PARAM_DECIMALS = 8;

/** POST /api/v3/order: LIMIT (GTC, IOC, FOK), LIMIT_MAKER and MARKET (quantity or quoteOrderQty). */
export function newOrder(ctx: ApiContext, raw: RawParams, caller: ApiKeyEntry): unknown {
  const params = parseEndpointParams(NewOrderParamsSchema, raw);
  const market = marketById(ctx, params.symbol);
  const amounts = orderAmounts(params);
  const result = ctx.engine.placeOrder({
    account: caller.account,
    market,
    side: params.side === 'BUY' ? 'buy' : 'sell',
    type: params.type,
    timeInForce: params.timeInForce,
    ...amounts,
    clientOrderId: params.newClientOrderId ?? ctx.generateClientOrderId(),
    selfTradePreventionMode: params.selfTradePreventionMode,
  });
  if (!result.ok) throw apiErrors.rejected(result.reason);
  // Binance: "MARKET and LIMIT order types default to FULL, all other orders default to ACK."
  const respType = params.newOrderRespType ?? (params.type === 'LIMIT_MAKER' ? 'ACK' : 'FULL');
  return newOrderBody(result.value.order, result.value.trades, respType, ctx.now());
}

/**
 * The parameters each type takes (Binance's "Trade endpoints" table): LIMIT timeInForce,
 * quantity, price; LIMIT_MAKER quantity, price; MARKET quantity or quoteOrderQty. A missing one
 * is -1102, one the type does not take -1106.
 */
function orderAmounts(params: NewOrderParams): { price?: Decimal | undefined; quantity?: Decimal | undefined; quoteOrderQty?: Decimal | undefined } {
  const refuse = (name: 'timeInForce' | 'price' | 'quoteOrderQty'): void => {
    if (params[name] !== undefined) throw apiErrors.notRequired(name);
  };
  if (params.type === 'MARKET') {
    refuse('timeInForce');
    refuse('price');
    if (params.quantity === undefined && params.quoteOrderQty === undefined) throw apiErrors.eitherOf('quantity', 'quoteOrderQty');
    if (params.quantity !== undefined) refuse('quoteOrderQty');
    return { quantity: optionalDecimal(params.quantity), quoteOrderQty: optionalDecimal(params.quoteOrderQty) };
  }
  if (params.type === 'LIMIT' && params.timeInForce === undefined) throw apiErrors.mandatory('timeInForce');
  if (params.type === 'LIMIT_MAKER') refuse('timeInForce');
  refuse('quoteOrderQty');
  if (params.quantity === undefined) throw apiErrors.mandatory('quantity');
  if (params.price === undefined) throw apiErrors.mandatory('price');
  return { quantity: withinPrecision(dec(params.quantity)), price: withinPrecision(dec(params.price)) };
}

function optionalDecimal(value: string | undefined): Decimal | undefined {
  return value === undefined ? undefined : withinPrecision(dec(value));
}

/** GET /api/v3/order: an order of this account, open or not (-2013 otherwise). */
export function queryOrder(ctx: ApiContext, raw: RawParams, caller: ApiKeyEntry): unknown {
  const params = parseEndpointParams(OrderRefParamsSchema, raw);
  const market = marketById(ctx, params.symbol);
  const order = ctx.engine.findOrder(caller.account, market, orderRef(params));
  if (order === undefined) throw apiErrors.rejected('ORDER_DOES_NOT_EXIST');
  return queryOrderBody(order);
}

/** DELETE /api/v3/order: only an open order can be canceled (-2011 otherwise). */
export function cancelOrder(ctx: ApiContext, raw: RawParams, caller: ApiKeyEntry): unknown {
  const params = parseEndpointParams(CancelParamsSchema, raw);
  const market = marketById(ctx, params.symbol);
  const ref = orderRef(params);
  const result = ctx.engine.cancel(caller.account, market, ref);
  if (!result.ok) throw apiErrors.rejected(result.reason);
  return cancelOrderBody(result.value, params.newClientOrderId ?? ctx.generateClientOrderId(), ctx.now());
}

/**
 * DELETE /api/v3/openOrders: cancels every open order of the account on one symbol, oldest
 * first, and answers the cancels as an array; -2011 when there is none (as Binance answers).
 */
export function cancelAllOpenOrders(ctx: ApiContext, raw: RawParams, caller: ApiKeyEntry): unknown {
  const params = parseEndpointParams(CancelAllParamsSchema, raw);
  const market = marketById(ctx, params.symbol);
  const open = ctx.engine.openOrders(caller.account, market);
  if (open.length === 0) throw apiErrors.rejected('CANCEL_UNKNOWN_ORDER');
  return open.map((order) => {
    const result = ctx.engine.cancel(caller.account, market, { orderId: order.orderId });
    if (!result.ok) throw new Error(`open order ${order.orderId} could not be canceled`);
    return cancelOrderBody(result.value, ctx.generateClientOrderId(), ctx.now());
  });
}

/**
 * GET /api/v3/allOrders: the account's orders on one symbol, open or not, ascending by id.
 * Binance: with orderId, the `limit` orders from that id on; with startTime/endTime (at most 24
 * hours apart), the oldest `limit` in the window; otherwise the most recent `limit` (default 500,
 * max 1000).
 */
export function allOrders(ctx: ApiContext, raw: RawParams, caller: ApiKeyEntry): unknown {
  const params = parseEndpointParams(AllOrdersParamsSchema, raw);
  const market = marketById(ctx, params.symbol);
  const limit = pageLimit(params.limit);
  checkTimeWindow(params.startTime, params.endTime);
  const matching = ctx.engine
    .ordersOf(caller.account)
    .filter((order) => order.market.id === market.id)
    .filter((order) => params.orderId === undefined || order.orderId >= params.orderId)
    .filter((order) => params.startTime === undefined || order.createdAt >= params.startTime)
    .filter((order) => params.endTime === undefined || order.createdAt <= params.endTime);
  const fromOldest = params.orderId !== undefined || params.startTime !== undefined;
  return (fromOldest ? matching.slice(0, limit) : matching.slice(-limit)).map((order) => queryOrderBody(order));
}

/** GET /api/v3/openOrders: one symbol, or every symbol when none is sent. */
export function openOrders(ctx: ApiContext, raw: RawParams, caller: ApiKeyEntry): unknown {
  const params = parseEndpointParams(OpenOrdersParamsSchema, raw);
  const market = params.symbol === undefined ? undefined : marketById(ctx, params.symbol);
  return ctx.engine.openOrders(caller.account, market).map((order: VenueOrder) => queryOrderBody(order));
}

function orderRef(params: { orderId?: number | undefined; origClientOrderId?: string | undefined }): OrderRef {
  if (params.orderId === undefined && params.origClientOrderId === undefined) throw apiErrors.eitherOf('origClientOrderId', 'orderId');
  return { orderId: params.orderId, clientOrderId: params.origClientOrderId };
}

function withinPrecision(value: Decimal): Decimal {
  if (value.decimalPlaces() > MAX_PARAM_DECIMALS) throw apiErrors.tooMuchPrecision();
  return value;
}
