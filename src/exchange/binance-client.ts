import { binance } from 'ccxt';
import { yieldToEventLoop } from '../clock/virtual-clock';
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
 * A SpotBinance as its constructor would build it for `env`, made from one template per process.
 * The constructor's cost is ccxt walking every method of its class chain to add a snake_case
 * alias for each (3,000 own properties, all functions), copying the description and defining a
 * closure per API endpoint: the same work for every instance, about 3 ms, once a model run.
 * Every client here has the same options but for the credentials and the transport, so a client
 * reads every property as a constructed one would: functions from one object under it, plain
 * data deep-copied, and a throttler of its own. The implicit API methods (`publicGetTime`, ...)
 * are closures over their instance in ccxt; here each is one function that sends the very same
 * request for the instance it is called on. binance-client.test.ts compares a client with a
 * freshly constructed one, key by key and request by request.
 */
export function newSpotBinance(env: Pick<AdapterEnvironment, 'credentials' | 'fetch'>): binance {
  template ??= spotTemplate();
  const exchange = Object.create(template.shared) as SpotBinance;
  const target = exchange as unknown as Record<string, unknown>;
  for (const [key, value] of template.data) target[key] = copyData(value);
  for (const [key, value] of template.lazyData) copiedOnFirstUse(exchange, key, value);
  exchange.apiKey = env.credentials.apiKey;
  exchange.secret = env.credentials.secret;
  if (env.fetch !== undefined) exchange.fetchImplementation = env.fetch;
  exchange.initThrottler();
  return exchange;
}

type TemplateData = ReadonlyArray<readonly [string, unknown]>;
let template: { shared: SpotBinance; data: TemplateData; lazyData: TemplateData } | undefined;

/**
 * The description's large trees (the error-code map, the feature matrix, the endpoint list)
 * are read by few calls or none (an error answer, the constructor itself), yet were most of a
 * client's copying: each is copied when the client first reads or writes it, and is its own
 * from then on.
 */
const LAZY_COPY_NODES = 100;

function copiedOnFirstUse(exchange: object, key: string, value: unknown): void {
  const settle = (own: unknown): unknown => {
    Object.defineProperty(exchange, key, { value: own, writable: true, enumerable: true, configurable: true });
    return own;
  };
  Object.defineProperty(exchange, key, {
    get: () => settle(copyData(value)),
    set: (next: unknown) => void settle(next),
    enumerable: true,
    configurable: true,
  });
}

function dataNodes(value: unknown): number {
  if (Array.isArray(value)) return value.reduce((sum: number, item: unknown) => sum + dataNodes(item), 1);
  if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.values(value).reduce((sum: number, item: unknown) => sum + dataNodes(item), 1);
  }
  return 1;
}

function spotTemplate(): NonNullable<typeof template> {
  const built = new SpotBinance(binanceClientOptions({ credentials: { apiKey: '', secret: '' } }));
  const twin = new SpotBinance(binanceClientOptions({ credentials: { apiKey: '', secret: '' } }));
  const shared = Object.create(SpotBinance.prototype) as SpotBinance;
  const sharedFields = shared as unknown as Record<string, unknown>;
  const data: Array<readonly [string, unknown]> = [];
  const lazyData: Array<readonly [string, unknown]> = [];
  for (const key of Object.getOwnPropertyNames(built)) {
    const value: unknown = (built as unknown as Record<string, unknown>)[key];
    if (typeof value !== 'function') (dataNodes(value) > LAZY_COPY_NODES ? lazyData : data).push([key, value]);
    else if (value === (twin as unknown as Record<string, unknown>)[key]) sharedFields[key] = value;
    else sharedFields[key] = implicitApiMethod(built, key, value as () => unknown);
  }
  return { shared, data, lazyData };
}

/**
 * ccxt's implicit API method `key` of `built` (`partial` in defineRestApiEndpoint, an arrow
 * function over its instance: `this.request(path, api, method, params, undefined, undefined,
 * config, context)`) as one function for every instance: the endpoint's arguments are read once
 * by calling the template's closure with its `request` recorded, then the function sends them
 * for whichever client calls it.
 */
function implicitApiMethod(built: SpotBinance, key: string, closure: () => unknown): (params?: object, context?: object) => Promise<unknown> {
  let recorded: unknown[] | undefined;
  const fields = built as unknown as Record<string, unknown>;
  fields['request'] = (...args: unknown[]) => void (recorded = args);
  try {
    void closure();
  } finally {
    delete fields['request'];
  }
  if (recorded === undefined || recorded.length !== 8) throw new TypeError(`ccxt.binance's ${key} is not an implicit API method as this version knew them: the constructor's per-instance functions changed`);
  const [path, api, method, , headers, body, config] = recorded;
  return async function (this: binance, params: object = {}, context: object = {}) {
    const request = this.request as (...args: unknown[]) => Promise<unknown>;
    return request.call(this, path, api, method, params, headers, body, config, context);
  };
}

/** A deep copy of plain objects and arrays; anything else (the error classes it maps codes to) is shared as it is. */
function copyData<T>(value: T): T {
  if (Array.isArray(value)) return value.map((item: unknown) => copyData(item)) as T;
  if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    // A loop, not Object.fromEntries(Object.entries(...)): it runs for every client, and pairs
    // of arrays per key were half its time. A plain object inherits no enumerable keys.
    const copy: Record<string, unknown> = {};
    const source = value as Record<string, unknown>;
    for (const key in source) copy[key] = copyData(source[key]);
    return copy as T;
  }
  return value;
}

function spotOnly(description: ReturnType<binance['describe']>): ReturnType<binance['describe']> {
  const api: unknown = description.api;
  if (typeof api !== 'object' || api === null || !('public' in api) || !('private' in api)) {
    throw new TypeError('ccxt.binance describes no spot public and private API: its description changed shape');
  }
  return { ...description, api: { public: api.public, private: api.private } };
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
  // Before each instance's first request ccxt tries to import its optional proxy-agent packages
  // (three dynamic import()s through the module loader): real time the virtual clock cannot see,
  // which on a loaded machine outlasted its wait for a stuck call (a false P1 in loadMarkets) and
  // let virtual timers fire meanwhile (another interleaving for the same seed). tradeprop never
  // sends through a proxy (in-process or loopback only): they count as looked for, and absent.
  exchange.proxiesModulesLoading = Promise.resolve();
  exchange.socksProxyAgentModuleChecked = true;
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
