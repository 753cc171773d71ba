import { binance } from 'ccxt';
import { DECIMAL_PATTERN } from '../domain/decimal';
import { LiveEnvironmentRefusedError } from '../domain/errors';
import type { AdapterEnvironment } from './contract';
import { nodeCryptoHmac } from './node-hmac';

/** ccxt's own origin for Binance spot: with it, ccxt's spot-only error map stays active. */
export const BINANCE_ORIGIN = 'https://api.binance.com';

/**
 * A `ccxt.binance` kept on spot, on the injected clock and transport, with decimals as strings.
 * Throws LiveEnvironmentRefusedError for `live` before anything is built or sent (invariant S4).
 */
export function createBinanceClient(env: Pick<AdapterEnvironment, 'environment' | 'clock' | 'credentials' | 'baseUrl' | 'fetch'>): binance {
  if (env.environment === 'live') throw new LiveEnvironmentRefusedError();
  const exchange = new binance(binanceClientOptions(env));
  putOnInjectedClock(exchange, env);
  if (normalizeOrigin(env.baseUrl) !== BINANCE_ORIGIN) {
    exchange.urls.api = pointApiAt(exchange.urls.api, normalizeOrigin(env.baseUrl));
  }
  return exchange;
}

/** The constructor options of every Binance client here, REST (`ccxt.binance`) or streaming (`ccxt.pro.binance`). */
export function binanceClientOptions(env: Pick<AdapterEnvironment, 'credentials' | 'fetch'>) {
  return {
    apiKey: env.credentials.apiKey,
    secret: env.credentials.secret,
    ...(env.fetch === undefined ? {} : { fetchImplementation: env.fetch }),
    // ccxt's throttle sleeps on the real clock (and ccxt.pro's per-client ws Throttler is a
    // real-time token bucket); limiting is the adapter's job on virtual time.
    enableRateLimit: false,
    // Spot only, one GET /api/v3/exchangeInfo for loadMarkets (shared/notes/ccxt-binance.md):
    // with keys set, defaults also call sapi capital/margin and fapi/dapi exchangeInfo.
    options: {
      defaultType: 'spot',
      fetchMarkets: { types: ['spot'] },
      fetchCurrencies: false,
      fetchMargins: false,
      adjustForTimeDifference: false,
      newOrderRespType: { limit: 'FULL', market: 'FULL' },
      fetchOpenOrders: { warnWithoutSymbol: false },
    },
  };
}

/** Time, decimals and signatures of a Binance client (REST or streaming) on what tradeprop injects. */
export function putOnInjectedClock(exchange: binance, env: Pick<AdapterEnvironment, 'clock'>): void {
  // Every timestamp ccxt signs comes from the injected clock: binance.js nonce() is
  // milliseconds() - options.timeDifference; seconds/microseconds are kept consistent with it.
  exchange.milliseconds = () => env.clock.now();
  exchange.seconds = () => Math.floor(env.clock.now() / 1000);
  exchange.microseconds = () => env.clock.now() * 1000;
  // Unified structures then hold decimal strings instead of JS numbers (base/Exchange.js:
  // `this.number = Number; // or String`). ccxt types the field as string -> number.
  exchange.number = String as unknown as binance['number'];
  // Same signatures as ccxt's own JavaScript HMAC, from node:crypto (node-hmac.ts).
  exchange.hmac = nodeCryptoHmac(exchange.hmac);
}

/**
 * For a client whose caller has already rounded every price and amount to the market's tick and
 * step, exactly (the reference adapter: precision.ts): ccxt then sends a plain decimal string as
 * it is. ccxt's decimalToPrecision divides by the tick in binary floating point and, once
 * value / tick passes 2^53, moves an on-tick value off it (2763000000 at a 0.00000025 tick
 * became 2763000000.0000005, above maxPrice). Other values still go through ccxt's rounding.
 */
export function sendRoundedDecimalsAsTheyAre(exchange: binance): void {
  exchange.priceToPrecision = keepDecimalStrings(exchange.priceToPrecision.bind(exchange));
  exchange.amountToPrecision = keepDecimalStrings(exchange.amountToPrecision.bind(exchange));
}

/** `format`, except that a plain decimal string comes back unchanged. */
function keepDecimalStrings<S, R>(format: (symbol: S, value: unknown) => R): (symbol: S, value: unknown) => R | string {
  return (symbol, value) => (typeof value === 'string' && DECIMAL_PATTERN.test(value) ? value : format(symbol, value));
}

function normalizeOrigin(url: string): string {
  return url.replace(/\/+$/, '');
}

/**
 * Every URL of ccxt's `urls.api` (spot public/private, sapi, fapi, ws, ...) moved onto `origin`,
 * path kept (`https://api.binance.com/api/v3` -> `http://127.0.0.1:PORT/api/v3`), so nothing can
 * leave for a real Binance host. WebSocket URLs go to the same host with ws:// or wss://.
 */
export function pointApiAt<T>(urls: T, origin: string): T {
  const wsOrigin = origin.replace(/^http/, 'ws');
  const move = (value: unknown): unknown => {
    if (typeof value === 'string') {
      if (/^https?:\/\//.test(value)) return value.replace(/^https?:\/\/[^/]+/, origin);
      if (/^wss?:\/\//.test(value)) return value.replace(/^wss?:\/\/[^/]+/, wsOrigin);
      return value;
    }
    if (value !== null && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, move(inner)]));
    }
    return value;
  };
  return move(urls) as T;
}

/**
 * ccxt's typings declare amounts and prices as `number`, but createOrderRequest hands them to
 * amountToPrecision / priceToPrecision, whose decimalToPrecision works on strings exactly (see
 * precision.ts). Passing the string keeps the value off binary floating point (invariant D2).
 */
export function asCcxtAmount(decimal: string): number {
  return decimal as unknown as number;
}
