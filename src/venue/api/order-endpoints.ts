import { dec, type Decimal } from '../../domain/decimal';
import type { OrderRef } from '../engine/engine';
import type { VenueOrder } from '../engine/order';
import type { ApiKeyEntry } from './api-keys';
import { marketById, type ApiContext } from './context';
import { apiErrors } from './errors';
import { CancelParamsSchema, NewOrderParamsSchema, OpenOrdersParamsSchema, OrderRefParamsSchema, parseParams, type RawParams } from './params';
import { cancelOrderBody, newOrderBody, queryOrderBody } from './responses';

/** Binance's spot assets carry 8 decimals; more is -1111 before any filter is checked. */
const MAX_PARAM_DECIMALS = 8;

/** POST /api/v3/order */
export function newOrder(ctx: ApiContext, raw: RawParams, caller: ApiKeyEntry): unknown {
  const params = parseParams(NewOrderParamsSchema, raw);
  const market = marketById(ctx, params.symbol);
  const price = withinPrecision(dec(params.price));
  const quantity = withinPrecision(dec(params.quantity));
  const result = ctx.engine.placeLimit({
    account: caller.account,
    market,
    side: params.side === 'BUY' ? 'buy' : 'sell',
    price,
    quantity,
    clientOrderId: params.newClientOrderId ?? ctx.generateClientOrderId(),
  });
  if (!result.ok) throw apiErrors.rejected(result.reason);
  return newOrderBody(result.value.order, result.value.trades, params.newOrderRespType, ctx.now());
}

/** GET /api/v3/order: an order of this account, open or not (-2013 otherwise). */
export function queryOrder(ctx: ApiContext, raw: RawParams, caller: ApiKeyEntry): unknown {
  const params = parseParams(OrderRefParamsSchema, raw);
  const market = marketById(ctx, params.symbol);
  const order = ctx.engine.findOrder(caller.account, market, orderRef(params));
  if (order === undefined) throw apiErrors.rejected('ORDER_DOES_NOT_EXIST');
  return queryOrderBody(order);
}

/** DELETE /api/v3/order: only an open order can be canceled (-2011 otherwise). */
export function cancelOrder(ctx: ApiContext, raw: RawParams, caller: ApiKeyEntry): unknown {
  const params = parseParams(CancelParamsSchema, raw);
  const market = marketById(ctx, params.symbol);
  const ref = orderRef(params);
  const result = ctx.engine.cancel(caller.account, market, ref);
  if (!result.ok) throw apiErrors.rejected(result.reason);
  return cancelOrderBody(result.value, params.newClientOrderId ?? ctx.generateClientOrderId(), ctx.now());
}

/** GET /api/v3/openOrders: one symbol, or every symbol when none is sent. */
export function openOrders(ctx: ApiContext, raw: RawParams, caller: ApiKeyEntry): unknown {
  const params = parseParams(OpenOrdersParamsSchema, raw);
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
