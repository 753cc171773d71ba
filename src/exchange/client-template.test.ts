import { pro, type binance } from 'ccxt';
import { describe, expect, it } from 'vitest';
import { binanceClientOptions, sharedClientOptions, SpotBinance } from './binance-client';
import { clientFromTemplate } from './client-template';
import type { TransportResponse } from './contract';

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

describe.each(CLIENTS)('clientFromTemplate: $name', ({ Client }) => {
  const answering = (seen: string[]) => async (url: string): Promise<TransportResponse> => {
    seen.push(url);
    return { status: 200, statusText: 'OK', headers: { 'content-type': 'application/json' }, text: async () => JSON.stringify({ serverTime: 1 }) };
  };
  const env = { credentials: { apiKey: 'key', secret: 'secret' }, fetch: answering([]) };
  const fromTemplate = (clientEnv: typeof env) => clientFromTemplate<binance>(Client, sharedClientOptions(), clientEnv);

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
    expect(typeof Object.getOwnPropertyDescriptor(one.options, 'networks')?.get).toBe('function');
    expect(one.options['defaultType']).toBe('spot');
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
