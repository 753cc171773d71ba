import type { Decimal } from '../../domain/decimal';
import type { Market } from '../../domain/market';
import type { MatchingEngine } from '../engine/engine';
import type { RateLimitRule } from '../limits/limits-config';
import type { ApiKeyRegistry } from './api-keys';
import { apiErrors } from './errors';

/** What the endpoints work with: the engine, the issued keys, the markets and the fee rates. */
export interface ApiContext {
  engine: MatchingEngine;
  keys: ApiKeyRegistry;
  markets: readonly Market[];
  makerRate: Decimal;
  takerRate: Decimal;
  now: () => number;
  /** The rate limits the venue enforces, listed by exchangeInfo. */
  rateLimits: readonly RateLimitRule[];
  /** Binance generates a client order id when none is sent; here from a seeded stream. */
  generateClientOrderId: () => string;
}

export function marketById(ctx: ApiContext, symbol: string): Market {
  const market = ctx.markets.find((candidate) => candidate.id === symbol);
  if (market === undefined) throw apiErrors.invalidSymbol();
  return market;
}
