import type { ApiContext } from './context';
import { exchangeInfoBody } from './exchange-info';
import { ExchangeInfoParamsSchema, NoParamsSchema, parseEndpointParams, type RawParams } from './params';

/** GET /api/v3/ping: an empty object. */
export function ping(_ctx: ApiContext, raw: RawParams): unknown {
  parseEndpointParams(NoParamsSchema, raw);
  return {};
}

/** GET /api/v3/time */
export function serverTime(ctx: ApiContext, raw: RawParams): unknown {
  parseEndpointParams(NoParamsSchema, raw);
  return { serverTime: ctx.now() };
}

/** GET /api/v3/exchangeInfo (the symbol/symbols filters are not needed by ccxt and ignored). */
export function exchangeInfo(ctx: ApiContext, raw: RawParams): unknown {
  parseEndpointParams(ExchangeInfoParamsSchema, raw);
  return exchangeInfoBody(ctx.markets, ctx.now(), ctx.rateLimits);
}
