import type { binance } from 'ccxt';
import type { AdapterEnvironment } from './contract';

/**
 * ccxt clients made from one template per class and process. A ccxt constructor does the same
 * work for every instance: it walks every method of its class chain to add a snake_case alias
 * for each (3,000 own properties, all functions), copies the exchange's description and defines
 * a closure per API endpoint; 3 ms for ccxt.binance, 5 for ccxt.pro.binance, once a model run.
 * Every client here has the same options but for the credentials and the transport, so a client
 * reads every property as a constructed one would: the functions the constructor shares between
 * instances (prototype methods, ccxt's module functions) from one object under it, plain data
 * deep-copied, and a throttler of its own. The implicit API methods (`publicGetTime`, ...) are
 * closures over their instance in ccxt; here each is one function that sends the very same
 * request for the instance it is called on. binance-client.test.ts compares clients with freshly
 * constructed ones, key by key and request by request.
 */
export function clientFromTemplate<C extends binance>(Client: new (options: object) => C, options: object, env: Pick<AdapterEnvironment, 'credentials' | 'fetch'>): C {
  const template = templateOf(Client, options);
  const exchange = Object.create(template.shared) as C;
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

interface Template {
  shared: object;
  data: TemplateData;
  lazyData: TemplateData;
}

/** By class: the options are the same for every client of a class (binanceClientOptions without credentials). */
const templates = new Map<new (options: object) => binance, Template>();

function templateOf<C extends binance>(Client: new (options: object) => C, options: object): Template {
  const known = templates.get(Client);
  if (known !== undefined) return known;
  const built = new Client(options);
  const twin = new Client(options);
  const shared = Object.create(Client.prototype) as object;
  const sharedFields = shared as Record<string, unknown>;
  const data: Array<readonly [string, unknown]> = [];
  const lazyData: Array<readonly [string, unknown]> = [];
  for (const key of Object.getOwnPropertyNames(built)) {
    const value: unknown = (built as unknown as Record<string, unknown>)[key];
    if (typeof value !== 'function') (dataNodes(value) > LAZY_COPY_NODES ? lazyData : data).push([key, value]);
    else if (value === (twin as unknown as Record<string, unknown>)[key]) sharedFields[key] = value;
    else sharedFields[key] = implicitApiMethod(built, key, value as () => unknown);
  }
  const template = { shared, data, lazyData };
  templates.set(Client, template);
  return template;
}

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

/**
 * ccxt's implicit API method `key` of `built` (`partial` in defineRestApiEndpoint, an arrow
 * function over its instance: `this.request(path, api, method, params, undefined, undefined,
 * config, context)`) as one function for every instance: the endpoint's arguments are read once
 * by calling the template's closure with its `request` recorded, then the function sends them
 * for whichever client calls it.
 */
function implicitApiMethod(built: binance, key: string, closure: () => unknown): (params?: object, context?: object) => Promise<unknown> {
  let recorded: unknown[] | undefined;
  const fields = built as unknown as Record<string, unknown>;
  fields['request'] = (...args: unknown[]) => void (recorded = args);
  try {
    void closure();
  } finally {
    delete fields['request'];
  }
  if (recorded === undefined || recorded.length !== 8) throw new TypeError(`ccxt's ${key} is not an implicit API method as this version knew them: the constructor's per-instance functions changed`);
  const [path, api, method, , headers, body, config] = recorded;
  return async function (this: binance, params: object = {}, context: object = {}) {
    const request = this.request as (...args: unknown[]) => Promise<unknown>;
    return request.call(this, path, api, method, params, headers, body, config, context);
  };
}

/** A deep copy of plain objects and arrays; anything else (the error classes it maps codes to) is shared as it is. */
export function copyData<T>(value: T): T {
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
