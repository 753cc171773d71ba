import type { ApiContext } from './context';
import { exchangeInfoBody } from './exchange-info';

/** GET /api/v3/time */
export function serverTime(ctx: ApiContext): unknown {
  return { serverTime: ctx.now() };
}

/** GET /api/v3/exchangeInfo (the symbol/symbols filters are not needed by ccxt and ignored). */
export function exchangeInfo(ctx: ApiContext): unknown {
  return exchangeInfoBody(ctx.markets, ctx.now());
}
