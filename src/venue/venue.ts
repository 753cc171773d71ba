import type { Clock } from '../clock/clock';
import type { RandomSource } from '../clock/random';
import { dec } from '../domain/decimal';
import type { Market } from '../domain/market';
import { ApiKeyRegistry } from './api/api-keys';
import { createApiHandler } from './api/routes';
import { parseVenueConfig } from './config';
import { createControl } from './control';
import { MatchingEngine } from './engine/engine';
import { createInProcessFetch } from './transport/in-process';
import type { Venue } from './types';

export interface VenueOptions {
  clock: Clock;
  random: RandomSource;
  /** Defaults to DEFAULT_MARKETS. */
  markets?: readonly Market[] | undefined;
  /** Maker and taker rates as decimal strings; default "0.001" both. */
  fees?: { maker: string; taker: string } | undefined;
}

/** Binance's generated client order ids are 22 characters. */
const GENERATED_CLIENT_ORDER_ID_LENGTH = 22;

/**
 * A deterministic simulated Binance spot venue: time only from `clock`, randomness only from
 * named streams of `random`. Bad markets or fees throw ConfigError naming the field.
 */
export function createVenue(options: VenueOptions): Venue {
  const config = parseVenueConfig({ markets: options.markets, fees: options.fees });
  const { clock, random } = options;
  const now = (): number => clock.now();
  const makerRate = dec(config.fees.maker);
  const takerRate = dec(config.fees.taker);
  const engine = new MatchingEngine({ markets: config.markets, makerRate, takerRate, now });
  const keys = new ApiKeyRegistry();
  const clientOrderIds = random.stream('venue-client-order-ids');
  const handle = createApiHandler({
    engine,
    keys,
    markets: config.markets,
    makerRate,
    takerRate,
    now,
    generateClientOrderId: () => clientOrderIds.token(GENERATED_CLIENT_ORDER_ID_LENGTH),
  });
  const control = createControl({ engine, keys, markets: config.markets, credentials: random.stream('venue-credentials') });
  return { clock, markets: config.markets, control, fetch: createInProcessFetch(handle), handle };
}
