import { describe, expect, it } from 'vitest';
import { RandomSource, VirtualClock } from '../clock';
import { LiveEnvironmentRefusedError } from '../domain/errors';
import { MarketSchema, type Market } from '../domain/market';
import { createVenue } from '../venue';
import type { AdapterEnvironment, TransportRequest, TransportResponse } from './contract';
import { binanceClientOptions, createBinanceClient, newSpotBinance, pointApiAt, SpotBinance } from './binance-client';
import { createReferenceAdapter } from './reference-adapter';

function environment(overrides: Partial<AdapterEnvironment> = {}): AdapterEnvironment {
  return {
    environment: 'sim', clock: new VirtualClock(), random: new RandomSource('client').stream('adapter'),
    credentials: { apiKey: 'key', secret: 'secret' }, baseUrl: 'https://api.binance.com', ...overrides,
  };
}

function allStrings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (value !== null && typeof value === 'object') return Object.values(value).flatMap(allStrings);
  return [];
}

describe('createBinanceClient', () => {
  it('refuses live before building anything', () => {
    expect(() => createBinanceClient(environment({ environment: 'live' }))).toThrow(LiveEnvironmentRefusedError);
  });

  it('keeps ccxt\'s real URLs for the in-process origin', () => {
    const exchange = createBinanceClient(environment());
    expect(exchange.urls.api['public']).toBe('https://api.binance.com/api/v3');
  });

  it('moves every urls.api entry onto a loopback origin, path kept', () => {
    const exchange = createBinanceClient(environment({ baseUrl: 'http://127.0.0.1:8123/' }));
    expect(exchange.urls.api['public']).toBe('http://127.0.0.1:8123/api/v3');
    expect(exchange.urls.api['private']).toBe('http://127.0.0.1:8123/api/v3');
    const urls = allStrings(exchange.urls.api).filter((url) => /^(https?|wss?):\/\//.test(url));
    expect(urls.length).toBeGreaterThan(10);
    for (const url of urls) expect(url).toMatch(/^(http|ws):\/\/127\.0\.0\.1:8123\//);
  });

  it('pointApiAt leaves non-URL values alone', () => {
    expect(pointApiAt({ a: 'https://x.com/p', b: 'wss://y.com/ws', c: 'name', d: 3 }, 'http://h:1')).toEqual({ a: 'http://h:1/p', b: 'ws://h:1/ws', c: 'name', d: 3 });
  });

  it('signs with the injected clock\'s time and keeps decimals as strings', async () => {
    const clock = new VirtualClock();
    await clock.advance(12_345);
    const seen: string[] = [];
    const fetch = async (url: string, init: TransportRequest): Promise<TransportResponse> => {
      seen.push(`${url} ${init.body ?? ''}`);
      const body = url.includes('/exchangeInfo')
        ? JSON.stringify({ timezone: 'UTC', serverTime: clock.now(), rateLimits: [], symbols: [] })
        : JSON.stringify({ balances: [{ asset: 'BTC', free: '0.10000000', locked: '0.00000000' }] });
      return { status: 200, statusText: 'OK', headers: { 'content-type': 'application/json' }, text: async () => body };
    };
    const exchange = createBinanceClient(environment({ clock, fetch }));
    const balance = await exchange.fetchBalance();
    expect(seen.find((request) => request.includes('/account'))).toContain(`timestamp=${clock.now()}`);
    // With number = String ccxt hands on Binance's own string, not a JS number.
    expect(balance['BTC']?.free).toBe('0.10000000');
  });
});

describe('prices and amounts on their way through ccxt', () => {
  // ccxt's decimalToPrecision divides by the tick in floating point: past value / tick = 2^53 an
  // on-tick price moves (2763000000 at a 0.00000025 tick becomes 2763000000.0000005).
  const market: Market = MarketSchema.parse({
    symbol: 'XYZ/BTC', id: 'XYZBTC', base: 'XYZ', quote: 'BTC',
    priceFilter: { minPrice: '0.00000025', maxPrice: '2763000000', tickSize: '0.00000025' },
    lotSize: { minQty: '0.00000001', maxQty: '1000000000', stepSize: '0.00000001' },
    notional: { minNotional: '0.002763', maxNotional: '9000000000000' },
    orderTypes: ['LIMIT', 'LIMIT_MAKER', 'MARKET'],
  });

  it('reach the venue exactly as the adapter rounded them, even where ccxt rounding would move them', async () => {
    const clock = new VirtualClock();
    const random = new RandomSource('precision');
    const venue = createVenue({ clock, random, markets: [market] });
    const credentials = venue.control.createAccount('alice');
    venue.control.deposit('alice', 'BTC', '1000');
    venue.control.deposit('alice', 'XYZ', '1000000000');
    const adapter = await createReferenceAdapter({ ...environment(), clock, credentials, fetch: venue.fetch });
    await clock.run(adapter.loadMarkets());
    const sold = await clock.run(adapter.place({ clientOrderId: 'tp-1', symbol: 'XYZ/BTC', side: 'sell', type: 'limit', price: '2763000000', amount: '0.00000001' }));
    expect(sold.price).toBe('2763000000');
    const sent = await clock.run(adapter.place({ clientOrderId: 'tp-2', symbol: 'XYZ/BTC', side: 'sell', type: 'limit', price: '27630', amount: '123456789.12345678' }));
    expect(sent.amount).toBe('123456789.12345678');
    await adapter.close();
  });
});

/** Every object (not function) reachable from `root`'s own properties, `root` excluded. */
function objectsOf(root: object): Set<object> {
  const seen = new Set<object>();
  const visit = (value: unknown): void => {
    if (value === null || typeof value !== 'object' || seen.has(value)) return;
    seen.add(value);
    for (const key of Object.getOwnPropertyNames(value)) visit((value as Record<string, unknown>)[key]);
  };
  for (const key of Object.getOwnPropertyNames(root)) visit((root as Record<string, unknown>)[key]);
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

describe('newSpotBinance', () => {
  const answering = (seen: string[]) => async (url: string): Promise<TransportResponse> => {
    seen.push(url);
    return { status: 200, statusText: 'OK', headers: { 'content-type': 'application/json' }, text: async () => JSON.stringify({ serverTime: 1 }) };
  };
  const env = { credentials: { apiKey: 'key', secret: 'secret' }, fetch: answering([]) };

  it('reads every property as a constructed client does', () => {
    const fresh = [new SpotBinance(binanceClientOptions(env)), new SpotBinance(binanceClientOptions(env))] as const;
    const made = newSpotBinance(env);
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
    const [first, second] = [objectsOf(new SpotBinance(binanceClientOptions(env))), objectsOf(new SpotBinance(binanceClientOptions(env)))];
    const sharedByConstructor = new Set([...first].filter((value) => second.has(value)));
    const [one, two] = [objectsOf(newSpotBinance(env)), objectsOf(newSpotBinance(env))];
    const shared = [...one].filter((value) => two.has(value) && !sharedByConstructor.has(value));
    expect(one.size).toBeGreaterThan(100);
    expect(shared).toEqual([]);
  });

  it('gives each client its own copy of the large description trees, on first read or write', () => {
    const [one, two] = [newSpotBinance(env), newSpotBinance(env)];
    one.exceptions['exact']['-1021'] = undefined;
    expect(two.exceptions['exact']['-1021']).toBeDefined();
    two.features = { replaced: { yes: 1 } };
    expect([two.features, one.features === two.features]).toEqual([{ replaced: { yes: 1 } }, false]);
    expect(Object.getOwnPropertyDescriptor(two, 'features')).toMatchObject({ value: { replaced: { yes: 1 } }, writable: true });
  });

  it('sends each client\'s implicit API calls through its own transport and credentials', async () => {
    const [seenOne, seenTwo] = [[] as string[], [] as string[]];
    const one = newSpotBinance({ credentials: { apiKey: 'one', secret: 's1' }, fetch: answering(seenOne) });
    const two = newSpotBinance({ credentials: { apiKey: 'two', secret: 's2' }, fetch: answering(seenTwo) });
    await one.publicGetTime();
    await two.publicGetTime();
    await two.publicGetTime();
    expect([seenOne.length, seenTwo.length]).toEqual([1, 2]);
    expect([one.apiKey, two.apiKey, one.throttler === two.throttler]).toEqual(['one', 'two', false]);
  });
});
