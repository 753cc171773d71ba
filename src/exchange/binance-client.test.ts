import { describe, expect, it } from 'vitest';
import { RandomSource, VirtualClock } from '../clock';
import { LiveEnvironmentRefusedError } from '../domain/errors';
import { MarketSchema, type Market } from '../domain/market';
import { createVenue } from '../venue';
import type { AdapterEnvironment, TransportRequest, TransportResponse } from './contract';
import { binance } from 'ccxt';
import { createBinanceClient, pointApiAt, putOnInjectedClock, sendRoundedDecimalsAsTheyAre, spotOnly } from './binance-client';
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

  it('keeps ccxt\'s real URLs, the streams\' hosts too, for the in-process origin, trailing slashes or not', () => {
    const ccxtOwn = new binance().urls.api;
    for (const baseUrl of ['https://api.binance.com', 'https://api.binance.com//']) {
      expect(createBinanceClient(environment({ baseUrl })).urls.api, baseUrl).toEqual(ccxtOwn);
    }
  });

  it('moves every urls.api entry onto a loopback origin, path kept', () => {
    const exchange = createBinanceClient(environment({ baseUrl: 'http://127.0.0.1:8123/' }));
    expect(exchange.urls.api['public']).toBe('http://127.0.0.1:8123/api/v3');
    expect(exchange.urls.api['private']).toBe('http://127.0.0.1:8123/api/v3');
    const urls = allStrings(exchange.urls.api).filter((url) => /^(https?|wss?):\/\//.test(url));
    expect(urls.length).toBeGreaterThan(10);
    for (const url of urls) expect(url).toMatch(/^(http|ws):\/\/127\.0\.0\.1:8123\//);
  });

  it('pointApiAt moves http(s) and ws(s) URLs and leaves everything else alone', () => {
    const urls = { a: 'https://x.com/p', b: 'wss://y.com/ws', h: 'http://x.com/q', w: 'ws://y.com:9/s', c: 'name', t: 'see https://x.com/p', d: 3, e: null };
    expect(pointApiAt(urls, 'http://h:1')).toEqual({ a: 'http://h:1/p', b: 'ws://h:1/ws', h: 'http://h:1/q', w: 'ws://h:1/s', c: 'name', t: 'see https://x.com/p', d: 3, e: null });
  });

  it('an author\'s client fetches every open order without a symbol instead of throwing ccxt\'s warning', async () => {
    const seen: string[] = [];
    const fetch = async (url: string): Promise<TransportResponse> => {
      seen.push(url);
      return { status: 200, statusText: 'OK', headers: { 'content-type': 'application/json' }, text: async () => '[]' };
    };
    const exchange = createBinanceClient(environment({ fetch }));
    await expect(exchange.fetchOpenOrders()).resolves.toEqual([]);
    expect(seen.at(-1)).toMatch(/\/api\/v3\/openOrders\?timestamp=/);
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

describe('putOnInjectedClock', () => {
  it('gives ccxt seconds, milliseconds and microseconds of the injected clock', async () => {
    const clock = new VirtualClock();
    await clock.advance(12_345);
    const exchange = createBinanceClient(environment({ clock }));
    expect(clock.now()).toBe(1_704_067_212_345);
    expect([exchange.seconds(), exchange.milliseconds(), exchange.microseconds()]).toEqual([1_704_067_212, 1_704_067_212_345, 1_704_067_212_345_000]);
  });

  it('yields a turn for a sleep of zero and leaves longer sleeps to ccxt\'s own', async () => {
    const exchange = new binance();
    const slept: number[] = [];
    exchange.sleep = async (ms: number) => void slept.push(ms);
    putOnInjectedClock(exchange, { clock: new VirtualClock() });
    await exchange.sleep(0);
    await exchange.sleep(-1);
    await exchange.sleep(25);
    expect(slept).toEqual([25]);
  });
});

describe('spotOnly', () => {
  it('keeps the spot public and private API of the description, nothing else', () => {
    const description = { id: 'binance', api: { public: { get: ['time'] }, private: { post: ['order'] }, sapi: { get: ['x'] } } };
    expect(spotOnly(description as unknown as ReturnType<binance['describe']>)).toEqual({ id: 'binance', api: { public: { get: ['time'] }, private: { post: ['order'] } } });
  });

  it.each([
    ['no API', {}],
    ['an API that is null', { api: null }],
    ['an API that is a string', { api: 'public private' }],
    ['no private API', { api: { public: {} } }],
    ['no public API', { api: { private: {} } }],
  ])('refuses a description with %s', (_, description) => {
    expect(() => spotOnly(description as unknown as ReturnType<binance['describe']>)).toThrow(/describes no spot public and private API/);
  });
});

describe('sendRoundedDecimalsAsTheyAre', () => {
  it('hands a plain decimal string on as it is and everything else to ccxt\'s rounding', () => {
    const exchange = new binance();
    exchange.priceToPrecision = (symbol: string, value: unknown) => `price ${symbol} ${String(value)}`;
    exchange.amountToPrecision = (symbol: string, value: unknown) => `amount ${symbol} ${String(value)}`;
    sendRoundedDecimalsAsTheyAre(exchange);
    expect([exchange.priceToPrecision('A/B', '2763000000.5'), exchange.amountToPrecision('A/B', '0.00000001')]).toEqual(['2763000000.5', '0.00000001']);
    expect([exchange.priceToPrecision('A/B', 12.5), exchange.amountToPrecision('A/B', '1e-7'), exchange.priceToPrecision('A/B', ' 1')]).toEqual(['price A/B 12.5', 'amount A/B 1e-7', 'price A/B  1']);
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
