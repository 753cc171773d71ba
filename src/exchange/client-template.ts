import type { binance } from 'ccxt';
import type { AdapterEnvironment } from './contract';

/**
 * ccxt clients made from one template per class and process. A ccxt constructor does the same
 * work for every instance: it walks every method of its class chain to add a snake_case alias
 * for each (3,000 own properties, all functions), copies the exchange's description and defines
 * a closure per API endpoint; 3 ms for ccxt.binance, 5 for ccxt.pro.binance, once a model run.
 * Every client here has the same options but for the credentials and the transport, so a client
 * reads every property as a constructed one would: the functions the constructor shares between
 * instances (prototype methods, ccxt's module functions), its primitive settings and its frozen
 * `has` from one object under it, plain data deep-copied, and a throttler of its own. The
 * implicit API methods (`publicGetTime`, ...) are closures over their instance in ccxt; here
 * each is one function that sends the very same request for the instance it is called on. binance-client.test.ts compares clients with freshly
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
  // ccxt's constructor sets an own fetchImplementation too, undefined unless one is given.
  exchange.fetchImplementation = env.fetch;
  exchange.initThrottler();
  return exchange;
}

type TemplateData = ReadonlyArray<readonly [string, unknown]>;

interface Template {
  shared: object;
  data: TemplateData;
  lazyData: TemplateData;
}

/** By class: the options are the same for every client of a class (sharedClientOptions: no credentials, no transport). */
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
    // A primitive cannot be changed in place, only replaced, and a client's write lands on the
    // client: it is read from the shared object until then (ccxt's 400 flags and settings per
    // instance, most of them snake_case twins, were most of a client's own properties).
    if (value === null || (typeof value !== 'object' && typeof value !== 'function')) sharedFields[key] = value;
    else if (SHARED_FROZEN.has(key)) sharedFields[key] = Object.freeze(value);
    else if (typeof value !== 'function') (dataNodes(value) > LAZY_COPY_NODES ? lazyData : data).push([key, value]);
    else if (value === (twin as unknown as Record<string, unknown>)[key]) sharedFields[key] = value;
    else sharedFields[key] = implicitApiMethod(built, key, value as () => unknown);
  }
  const template = { shared, data, lazyData };
  templates.set(Client, template);
  return template;
}

/**
 * Trees ccxt writes only in its constructor, shared by every client of the class, frozen: `has`
 * (a flat map of 240 capabilities, which Exchange.js reads into the old `hasX` flags when it
 * constructs). A write would throw (ccxt's modules are strict), never reach another client.
 */
const SHARED_FROZEN: ReadonlySet<string> = new Set(['has']);

/**
 * The description's large trees (the error-code map, the feature matrix, the endpoint list)
 * are read by few calls or none (an error answer, the constructor itself), yet were most of a
 * client's copying: each is copied when the client first reads or writes it, and is its own
 * from then on.
 */
const LAZY_COPY_NODES = 100;
/**
 * Within a tree copied on first use, a subtree this large is copied on its own first use: the
 * options' network maps (170 of their 290 nodes) are read by currency calls only, and a first
 * copy of the options, on every client's first request, cost as much as its signing.
 */
const NESTED_LAZY_COPY_NODES = 16;

function copiedOnFirstUse(holder: object, key: string, value: unknown): void {
  const settle = (own: unknown): unknown => {
    Object.defineProperty(holder, key, { value: own, writable: true, enumerable: true, configurable: true });
    return own;
  };
  Object.defineProperty(holder, key, {
    get: () => settle(copyLazily(value)),
    set: (next: unknown) => void settle(next),
    enumerable: true,
    configurable: true,
  });
}

/** A copy of a plain object whose large subtrees are copied when first read or written. */
function copyLazily(value: unknown): unknown {
  if (!isPlainObject(value)) return copyData(value);
  const copy: Record<string, unknown> = {};
  for (const key in value) {
    const item = value[key];
    if (dataNodes(item) > NESTED_LAZY_COPY_NODES) copiedOnFirstUse(copy, key, item);
    else copy[key] = copyData(item);
  }
  return copy;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype;
}

/** Template trees never change: each is counted once. */
const nodeCounts = new WeakMap<object, number>();

function dataNodes(value: unknown): number {
  if (value === null || typeof value !== 'object') return 1;
  const known = nodeCounts.get(value);
  if (known !== undefined) return known;
  let count = 1;
  if (Array.isArray(value)) count = value.reduce((sum: number, item: unknown) => sum + dataNodes(item), 1);
  else if (isPlainObject(value)) count = Object.values(value).reduce((sum: number, item: unknown) => sum + dataNodes(item), 1);
  nodeCounts.set(value, count);
  return count;
}

/**
 * ccxt's implicit API method `key` of `built` (`partial` in defineRestApiEndpoint, an arrow
 * function over its instance: `this.request(path, api, method, params, undefined, undefined,
 * config, context)`) as one function for every instance: the endpoint's arguments are read once
 * by calling the template's closure with its `request` recorded, then the function sends them
 * for whichever client calls it.
 */
export function implicitApiMethod(built: binance, key: string, closure: () => unknown): (params?: object, context?: object) => Promise<unknown> {
  let recorded: unknown[] | undefined;
  // `built` only serves to build the template, and is dropped with its recording `request`.
  (built as unknown as Record<string, unknown>)['request'] = (...args: unknown[]) => void (recorded = args);
  void closure();
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
  if (isPlainObject(value)) {
    // A loop, not Object.fromEntries(Object.entries(...)): it runs for every client, and pairs
    // of arrays per key were half its time. A plain object inherits no enumerable keys.
    const copy: Record<string, unknown> = {};
    for (const key in value) copy[key] = copyData(value[key]);
    return copy as T;
  }
  return value;
}
