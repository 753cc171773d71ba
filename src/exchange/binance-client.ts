import { binance } from 'ccxt';
import { yieldToEventLoop } from '../clock/virtual-clock';
import { DECIMAL_PATTERN } from '../domain/decimal';
import { LiveEnvironmentRefusedError } from '../domain/errors';
import type { AdapterEnvironment } from './contract';
import { clientFromTemplate, copyData } from './client-template';
import { nodeCryptoHmac } from './node-hmac';

/** ccxt's own origin for Binance spot: with it, ccxt's spot-only error map stays active. */
export const BINANCE_ORIGIN = 'https://api.binance.com';

/**
 * A `ccxt.binance` kept on spot, on the injected clock and transport, with decimals as strings.
 * Throws LiveEnvironmentRefusedError for `live` before anything is built or sent (invariant S4).
 */
export function createBinanceClient(env: Pick<AdapterEnvironment, 'environment' | 'clock' | 'credentials' | 'baseUrl' | 'fetch'>): binance {
  if (env.environment === 'live') throw new LiveEnvironmentRefusedError();
  const exchange = newSpotBinance(env);
  putOnInjectedClock(exchange, env);
  if (normalizeOrigin(env.baseUrl) !== BINANCE_ORIGIN) {
    exchange.urls.api = pointApiAt(exchange.urls.api, normalizeOrigin(env.baseUrl));
  }
  return exchange;
}

/**
 * ccxt.binance as every adapter builds it, less two costs that are the same for every instance:
 * its description (the whole exchange as data) is built once per process, and limited to the
 * spot REST API (the constructor defines a method per endpoint: spot's instead of also every
 * sapi, fapi, dapi, eapi and papi one, which a spot adapter never calls). ccxt changes parts of
 * the description it is given while it constructs (its `features`), so each instance gets its
 * own copy: nothing one instance does reaches the next.
 */
export class SpotBinance extends binance {
  override describe(): ReturnType<binance['describe']> {
    spotDescription ??= spotOnly(super.describe());
    return copyData(spotDescription);
  }
}

let spotDescription: ReturnType<binance['describe']> | undefined;

/**
 * A SpotBinance as its constructor would build it for `env`, made from the process's template
 * (client-template.ts): construction was about 3 ms, once a model run.
 */
export function newSpotBinance(env: Pick<AdapterEnvironment, 'credentials' | 'fetch'>): binance {
  return clientFromTemplate(SpotBinance, sharedClientOptions(), env);
}

/** `description` with its API limited to spot's public and private endpoints; a TypeError where ccxt no longer describes them so. */
export function spotOnly(description: ReturnType<binance['describe']>): ReturnType<binance['describe']> {
  const api: unknown = description.api;
  if (typeof api !== 'object' || api === null || !('public' in api) || !('private' in api)) {
    throw new TypeError('ccxt.binance describes no spot public and private API: its description changed shape');
  }
  return { ...description, api: { public: api.public, private: api.private } };
}

/**
 * The constructor options every Binance client here shares, REST (`ccxt.binance`) or streaming
 * (`ccxt.pro.binance`): a class's template is built with them (client-template.ts), and each
 * client made from it then gets its own credentials and transport.
 */
export function sharedClientOptions() {
  return {
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
  // Before each instance's first request ccxt tries to import its optional proxy-agent packages
  // (three dynamic import()s through the module loader): real time the virtual clock cannot see,
  // which on a loaded machine outlasted its wait for a stuck call (a false P1 in loadMarkets) and
  // let virtual timers fire meanwhile (another interleaving for the same seed). tradeprop never
  // sends through a proxy (in-process or loopback only): they count as looked for, and absent
  // (the loading promise is all ccxt checks; its socks flag is read only inside that loader).
  exchange.proxiesModulesLoading = Promise.resolve();
  // close() first yields to other tasks with a real sleep(0): a 1 ms timer that driven work then
  // waits out as 20 idle turns and a real-timer turn (virtual-clock.ts), once per run. One
  // macrotask turn yields the same way, without a timer.
  const sleep = exchange.sleep;
  exchange.sleep = (ms: number) => (ms <= 0 ? yieldToEventLoop() : sleep(ms));
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
