import type { Clock } from '../clock/clock';
import type { RandomSource } from '../clock/random';
import { dec } from '../domain/decimal';
import type { Market } from '../domain/market';
import { ApiKeyRegistry } from './api/api-keys';
import { createApiHandler } from './api/routes';
import { parseVenueConfig } from './config';
import { createControl } from './control';
import { MatchingEngine } from './engine/engine';
import type { LimitsConfigInput } from './limits/limits-config';
import { withRateLimits } from './limits/rate-limited-handler';
import { RateLimiter } from './limits/rate-limiter';
import { createCancelRace } from './nemesis/cancel-race';
import { createNemesis } from './nemesis/nemesis';
import { createStreamServer } from './stream/stream-server';
import { createInProcessFetch } from './transport/in-process';
import type { Venue } from './types';

export interface VenueOptions {
  clock: Clock;
  random: RandomSource;
  /** Defaults to DEFAULT_MARKETS. */
  markets?: readonly Market[] | undefined;
  /** Maker and taker rates as decimal strings; default "0.001" both. */
  fees?: { maker: string; taker: string } | undefined;
  /** Rate limits and IP bans; default Binance's production limits (6000 weight/min, 100 orders/10 s, 200000/day). */
  limits?: LimitsConfigInput | undefined;
  /** Keep every stream frame for `venue.stream.frames()` (tests, replays); off by default. */
  recordFrames?: boolean | undefined;
}

/** Binance's generated client order ids are 22 characters. */
const GENERATED_CLIENT_ORDER_ID_LENGTH = 22;

/**
 * A deterministic simulated Binance spot venue: time only from `clock`, randomness only from
 * named streams of `random`. Bad markets or fees throw ConfigError naming the field.
 */
export function createVenue(options: VenueOptions): Venue {
  const config = parseVenueConfig({ markets: options.markets, fees: options.fees, limits: options.limits });
  const { clock, random } = options;
  const now = (): number => clock.now();
  const makerRate = dec(config.fees.maker);
  const takerRate = dec(config.fees.taker);
  const engine = new MatchingEngine({ markets: config.markets, makerRate, takerRate, now });
  const keys = new ApiKeyRegistry();
  const clientOrderIds = random.stream('venue-client-order-ids');
  const limiter = new RateLimiter(config.limits);
  const nemesis = createNemesis({
    clock,
    random: random.stream('venue-nemesis'),
    log: engine.log,
    cancelRace: createCancelRace({ engine, keys, markets: config.markets, takeExternal: (input) => control.takeExternal(input) }),
    streamFaults: (account, fault) => stream.injectFault(account, fault),
  });
  // Before the API, which serves its listenKey endpoints; its random stream is its own (named),
  // and it is the event log's only listener, so the order changes nothing else.
  const stream = createStreamServer({
    clock,
    engine,
    keys,
    markets: config.markets,
    apiNow: () => nemesis.venueNow(),
    listenKeyTokens: random.stream('venue-listen-keys'),
    recordFrames: options.recordFrames,
  });
  const api = createApiHandler({
    engine,
    keys,
    markets: config.markets,
    makerRate,
    takerRate,
    // A clock jump moves the API's clock only (server time, the recvWindow check, transactTime):
    // the engine, the limits and the event log stay on the shared clock, so the log stays monotonic.
    now: () => nemesis.venueNow(),
    rateLimits: config.limits.rateLimits,
    generateClientOrderId: () => clientOrderIds.token(GENERATED_CLIENT_ORDER_ID_LENGTH),
  }, stream.listenKeys);
  // Limits wrap the whole API, so both transports (in-process and loopback) are limited alike.
  const handle = withRateLimits(api, { limiter, log: engine.log, now, accountOf: (apiKey) => keys.lookup(apiKey)?.account });
  const control = createControl({ engine, keys, markets: config.markets, credentials: random.stream('venue-credentials'), limiter, now });
  return { clock, markets: config.markets, control, fetch: createInProcessFetch(handle, { nemesis }), handle, nemesis, stream };
}
