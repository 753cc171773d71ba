import { pro, type binance } from 'ccxt';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { sharedClientOptions, SpotBinance } from './binance-client';
import * as clientTemplate from './client-template';
import { copyData, implicitApiMethod } from './client-template';
import type { AdapterEnvironment, TransportResponse } from './contract';

/** The options that construct a client for `env` directly, as a client made from the template ends up. */
function binanceClientOptions(env: Pick<AdapterEnvironment, 'credentials' | 'fetch'>) {
  return { apiKey: env.credentials.apiKey, secret: env.credentials.secret, fetchImplementation: env.fetch, ...sharedClientOptions() };
}

/**
 * Every object (not function) reachable from `root`'s properties, `root` excluded: its own and
 * those it reads from objects under it, up to its class's prototype.
 */
function objectsOf(root: object): Set<object> {
  const seen = new Set<object>();
  const visit = (value: unknown): void => {
    if (value === null || typeof value !== 'object' || seen.has(value)) return;
    seen.add(value);
    for (const key of Object.getOwnPropertyNames(value)) visit((value as Record<string, unknown>)[key]);
  };
  for (let layer: object | null = root; layer !== null && !Object.hasOwn(layer, 'constructor'); layer = Object.getPrototypeOf(layer) as object | null) {
    for (const key of Object.getOwnPropertyNames(layer)) visit((root as Record<string, unknown>)[key]);
  }
  return seen;
}

function own(exchange: object): Record<string, unknown> {
  return exchange as Record<string, unknown>;
}

/** The arguments `exchange[key]({ probe: 1 }, { ctx: 2 })` hands to `request`, which is recorded instead of sent. */
function requestOf(exchange: object, key: string): unknown[] {
  let recorded: unknown[] = [];
  const fields = own(exchange);
  fields['request'] = (...args: unknown[]) => void (recorded = args);
  try {
    const method = fields[key];
    if (typeof method !== 'function') throw new TypeError(`${key} is not a function`);
    void method.call(exchange, { probe: 1 }, { ctx: 2 });
  } finally {
    delete fields['request'];
  }
  return recorded;
}

const CLIENTS = [
  { name: 'ccxt.binance, spot only', Client: SpotBinance },
  { name: 'ccxt.pro.binance', Client: pro.binance },
] as const;

/** A data property's flags and value, or that it is an accessor (a tree not yet copied). */
function descriptorOf(holder: object, key: string): PropertyDescriptor | 'accessor' | undefined {
  const descriptor = Object.getOwnPropertyDescriptor(holder, key);
  return descriptor?.get === undefined ? descriptor : 'accessor';
}

describe.each(CLIENTS)('clientFromTemplate: $name', ({ Client }) => {
  // The template is kept per class and process: each test builds its own from a fresh module, so
  // what it checks is how the template is built, not only what an earlier test left.
  let clientFromTemplate: typeof clientTemplate.clientFromTemplate;
  beforeEach(async () => {
    vi.resetModules();
    ({ clientFromTemplate } = await import('./client-template'));
  });

  const answering = (seen: string[]) => async (url: string): Promise<TransportResponse> => {
    seen.push(url);
    return { status: 200, statusText: 'OK', headers: { 'content-type': 'application/json' }, text: async () => JSON.stringify({ serverTime: 1 }) };
  };
  const env = { credentials: { apiKey: 'key', secret: 'secret' }, fetch: answering([]) };
  const fromTemplate = (clientEnv: { credentials: typeof env.credentials; fetch?: typeof env.fetch | undefined }) => clientFromTemplate<binance>(Client, sharedClientOptions(), clientEnv);

  it('reads every property as a constructed client does', () => {
    const fresh = [new Client(binanceClientOptions(env)), new Client(binanceClientOptions(env))] as const;
    const made = fromTemplate(env);
    const keys = Object.getOwnPropertyNames(fresh[0]);
    expect(keys.filter((key) => !(key in made))).toEqual([]);
    let perInstance = 0;
    for (const key of keys) {
      const [value, other, copy] = [own(fresh[0])[key], own(fresh[1])[key], own(made)[key]];
      if (typeof value !== 'function') {
        expect(copy, key).toEqual(value);
      } else if (value === other) {
        expect(copy, key).toBe(value);
      } else {
        // Made per instance by the constructor (the implicit API methods): the same request.
        perInstance += 1;
        expect([requestOf(made, key), key]).toEqual([requestOf(fresh[0], key), key]);
      }
    }
    expect(perInstance).toBeGreaterThan(50);
    expect(Object.getOwnPropertyNames(made).filter((key) => !(key in fresh[0]))).toEqual([]);
  });

  it('keeps on the client only its data trees, credentials and transport; settings are read from the template', () => {
    const made = fromTemplate(env);
    const primitives = Object.getOwnPropertyNames(made).filter((key) => {
      const value = descriptorOf(made, key);
      return value !== 'accessor' && (value?.value === null || typeof value?.value !== 'object');
    });
    expect(primitives.sort()).toEqual(['apiKey', 'fetchImplementation', 'secret']);
    expect(Object.getOwnPropertyNames(made).length).toBeLessThan(Object.getOwnPropertyNames(new Client(binanceClientOptions(env))).length / 10);
    expect(fromTemplate({ ...env, fetch: undefined }).fetchImplementation).toBeUndefined();
  });

  it('copies the description trees of more than 100 nodes on first use, the others when the client is made', () => {
    const made = fromTemplate(env);
    const lazy = Object.getOwnPropertyNames(made).filter((key) => descriptorOf(made, key) === 'accessor');
    expect(lazy.sort()).toEqual(['api', 'exceptions', 'features', 'fees', 'options']);
    const fresh = new Client(binanceClientOptions(env));
    for (const key of ['urls', 'requiredCredentials', 'timeframes']) expect(descriptorOf(made, key), key).toEqual(Object.getOwnPropertyDescriptor(fresh, key));
    // Once read or written, a tree is an own data property, flags and all, as on a constructed client.
    void made.exceptions;
    made.features = fresh.features;
    for (const key of ['exceptions', 'features']) expect(descriptorOf(made, key), key).toEqual(Object.getOwnPropertyDescriptor(fresh, key));
  });

  it('shares between two clients no more than the constructor shares between two instances', () => {
    const [first, second] = [objectsOf(new Client(binanceClientOptions(env))), objectsOf(new Client(binanceClientOptions(env)))];
    const sharedByConstructor = new Set([...first].filter((value) => second.has(value)));
    const [one, two] = [objectsOf(fromTemplate(env)), objectsOf(fromTemplate(env))];
    const shared = [...one].filter((value) => two.has(value) && !sharedByConstructor.has(value));
    expect(one.size).toBeGreaterThan(100);
    // Only what no client can change: `has`, frozen, its values all primitives.
    expect(shared).toEqual([fromTemplate(env).has]);
    expect(Object.isFrozen(fromTemplate(env).has) && Object.values(fromTemplate(env).has).every((value) => value === null || typeof value !== 'object')).toBe(true);
    expect(() => {
      own(fromTemplate(env).has)['fetchTicker'] = false;
    }).toThrow(TypeError);
  });

  it('gives each client its own copy of the large description trees, on first read or write', () => {
    const [one, two] = [fromTemplate(env), fromTemplate(env)];
    one.exceptions['exact']['-1021'] = undefined;
    expect(two.exceptions['exact']['-1021']).toBeDefined();
    two.features = { replaced: { yes: 1 } };
    expect([two.features, one.features === two.features]).toEqual([{ replaced: { yes: 1 } }, false]);
    expect(Object.getOwnPropertyDescriptor(two, 'features')).toMatchObject({ value: { replaced: { yes: 1 } }, writable: true });
  });

  it("copies a copied tree's large subtrees on their own first use, each client's its own", () => {
    const [one, two] = [fromTemplate(env), fromTemplate(env)];
    const fresh = new Client(binanceClientOptions(env));
    const options = one.options as object;
    const lazy = Object.keys(options).filter((key) => descriptorOf(options, key) === 'accessor');
    expect(lazy.sort()).toEqual(['defaultNetworkCodeReplacements', 'legalMoney', 'networks', 'networksById']);
    expect([descriptorOf(options, 'defaultType'), descriptorOf(options, 'newOrderRespType')]).toEqual([
      Object.getOwnPropertyDescriptor(fresh.options, 'defaultType'),
      Object.getOwnPropertyDescriptor(fresh.options, 'newOrderRespType'),
    ]);
    one.options['networks']['BTC'] = 'changed';
    expect(Object.getOwnPropertyDescriptor(one.options, 'networks')).toMatchObject({ writable: true });
    expect([two.options['networks'], one.options['networks']['BTC']]).toEqual([fresh.options['networks'], 'changed']);
    expect(JSON.stringify(fromTemplate(env).options)).toBe(JSON.stringify(fresh.options));
  });

  it('sends each client\'s implicit API calls through its own transport and credentials', async () => {
    const [seenOne, seenTwo] = [[] as string[], [] as string[]];
    const one = fromTemplate({ credentials: { apiKey: 'one', secret: 's1' }, fetch: answering(seenOne) });
    const two = fromTemplate({ credentials: { apiKey: 'two', secret: 's2' }, fetch: answering(seenTwo) });
    await one.publicGetTime();
    await two.publicGetTime();
    await two.publicGetTime();
    expect([seenOne.length, seenTwo.length]).toEqual([1, 2]);
    expect([one.apiKey, two.apiKey, one.throttler === two.throttler]).toEqual(['one', 'two', false]);
  });
});

describe('copyData', () => {
  it('copies plain objects and arrays deeply, nulls and primitives as they are, and shares anything else', () => {
    const shared = new Map([[1, 2]]);
    const tree = { a: null, b: [null, 1, { c: 'x' }], d: shared, e: undefined };
    const copy = copyData(tree);
    expect(copy).toEqual(tree);
    expect([copy === tree, copy.b === tree.b, copy.b[2] === tree.b[2], copy.d === shared]).toEqual([false, false, false, true]);
  });
});

describe('implicitApiMethod', () => {
  const built = new SpotBinance(sharedClientOptions());
  const self = built as unknown as { request: (...args: unknown[]) => unknown };

  it('sends what the endpoint closure asks of request, for the client it is called on', async () => {
    const method = implicitApiMethod(built, 'publicGetTime', () => self.request('time', 'public', 'GET', {}, { h: 1 }, 'body', { cost: 1 }, {}));
    const sent: unknown[][] = [];
    const client = { request: async (...args: unknown[]) => void sent.push(args) };
    await method.call(client as unknown as SpotBinance, { p: 1 }, { c: 2 });
    await method.call(client as unknown as SpotBinance);
    expect(sent).toEqual([
      ['time', 'public', 'GET', { p: 1 }, { h: 1 }, 'body', { cost: 1 }, { c: 2 }],
      ['time', 'public', 'GET', {}, { h: 1 }, 'body', { cost: 1 }, {}],
    ]);
  });

  it.each([
    ['never calls request', () => undefined],
    ['calls request with other arguments', () => self.request('time', 'public', 'GET')],
  ])('refuses a closure that %s: ccxt changed its per-instance functions', (_, closure) => {
    expect(() => implicitApiMethod(built, 'publicGetTime', closure)).toThrow(/publicGetTime is not an implicit API method/);
  });
});
