import { describe, expect, it } from 'vitest';
import { RandomSource, VirtualClock } from '../clock';
import { DuplicateOrderError, ExchangeUnavailableError, FilterViolationError, MalformedResponseError, OrderRejectedError } from '../domain/errors';
import type { Market } from '../domain/market';
import type { OrderIntent } from '../domain/order';
import type { OrderFill } from './order-tracker';
import { createVenue, type Venue } from '../venue';
import { parseAdapterSettings, type AdapterSettings } from './config';
import type { AdapterEnvironment, FetchLike } from './contract';
import { createReferenceAdapter, ReferenceAdapter } from './reference-adapter';

/**
 * Ordinary calls that reach the reference adapter's error and edge paths: callers racing on one
 * client order id, intents it must refuse, answers about another order, a reconcile among other
 * calls, request weights against a tight limit, and trade lists longer than one page.
 */
interface World {
  clock: VirtualClock;
  venue: Venue;
  env: AdapterEnvironment;
  adapter: ReferenceAdapter;
  run<T>(work: Promise<T>): Promise<T>;
  requests(): string[];
}

async function start(options: { settings?: Partial<AdapterSettings>; fetch?: (venueFetch: FetchLike) => FetchLike } = {}): Promise<World> {
  const clock = new VirtualClock();
  const random = new RandomSource('error-paths');
  const venue = createVenue({ clock, random });
  const credentials = venue.control.createAccount('alice');
  venue.control.deposit('alice', 'USDT', '1000000');
  const fetch = options.fetch?.(venue.fetch) ?? venue.fetch;
  const env: AdapterEnvironment = { environment: 'sim', clock, random: random.stream('adapter'), credentials, baseUrl: 'https://api.binance.com', fetch };
  const adapter = await createReferenceAdapter(env, { settings: { ...parseAdapterSettings({ environment: 'sim' }), ...options.settings } });
  await clock.run(adapter.loadMarkets());
  const loadRequests = venue.control.events().filter((event) => event.type === 'request').length;
  const requests = () => venue.control.events().flatMap((event) => (event.type === 'request' ? [`${event.method} ${event.path}`] : [])).slice(loadRequests);
  return { clock, venue, env, adapter, run: (work) => clock.run(work), requests };
}

const buy = (clientOrderId: string, price = '30000', amount = '0.01'): OrderIntent => ({ clientOrderId, symbol: 'BTC/USDT', side: 'buy', type: 'limit', price, amount });

describe('callers racing on one client order id', () => {
  it('the same intent placed twice at once is one POST, and both callers get its view; fields in another order are the same intent', async () => {
    const w = await start();
    const intent = buy('tp-1');
    const reordered = Object.fromEntries(Object.entries(intent).reverse()) as unknown as OrderIntent;
    const [first, second] = await w.run(Promise.all([w.adapter.place(intent), w.adapter.place(reordered)]));
    expect(second).toEqual(first);
    expect(w.requests()).toEqual(['POST /api/v3/order']);
  });

  it('another intent under an id being placed is refused, nothing sent for it', async () => {
    const w = await start();
    const first = w.adapter.place(buy('tp-1'));
    const other = w.adapter.place(buy('tp-1', '29000'));
    await expect(other).rejects.toThrow(new DuplicateOrderError('client order id tp-1 is being placed for another intent; nothing was sent'));
    expect((await w.run(first)).price).toBe('30000');
    expect(w.requests()).toEqual(['POST /api/v3/order']);
  });

  it('an id already placed is refused once its placement is over, nothing sent', async () => {
    const w = await start();
    await w.run(w.adapter.place(buy('tp-1')));
    await expect(w.run(w.adapter.place(buy('tp-1')))).rejects.toThrow(new DuplicateOrderError('client order id tp-1 was already placed; nothing was sent'));
    expect(w.requests()).toEqual(['POST /api/v3/order']);
  });
});

describe('intents the adapter refuses before sending', () => {
  it('an intent that does not fit the schema names each field at fault', async () => {
    const w = await start();
    const invalid = { ...buy('tp-1'), price: 'cheap', amount: 'lots' };
    await expect(w.run(w.adapter.place(invalid))).rejects.toThrow(OrderRejectedError);
    await expect(w.run(w.adapter.place(invalid))).rejects.toThrow(/^invalid order intent: price: [^;]+; amount: [^;]+; nothing was sent$/);
    expect(w.requests()).toEqual([]);
  });

  it('a symbol the venue does not list is a FilterViolationError', async () => {
    const w = await start();
    await expect(w.run(w.adapter.place({ ...buy('tp-1'), symbol: 'DOGE/USDT' }))).rejects.toThrow(new FilterViolationError('SYMBOL', 'the venue lists no market DOGE/USDT; nothing was sent'));
    expect(w.requests()).toEqual([]);
  });
});

describe('answers about another order', () => {
  /** The venue's answers to one route rewritten by `edit`. */
  const rewriting = (route: string, edit: (body: Record<string, unknown>) => Record<string, unknown>) => (venueFetch: FetchLike): FetchLike => async (url, init) => {
    const response = await venueFetch(url, init);
    if (`${init.method} ${new URL(url).pathname}` !== route || response.status !== 200) return response;
    const body = edit(JSON.parse(await response.text()) as Record<string, unknown>);
    return { ...response, text: async () => JSON.stringify(body) };
  };

  it('a cancel answered for another client order id is a MalformedResponseError', async () => {
    const w = await start({ fetch: rewriting('DELETE /api/v3/order', (body) => ({ ...body, origClientOrderId: 'tp-other' })) });
    await w.run(w.adapter.place(buy('tp-1')));
    await expect(w.run(w.adapter.cancel('BTC/USDT', 'tp-1'))).rejects.toThrow(new MalformedResponseError('the venue answered for order tp-other, expected tp-1'));
  });

  it('a placement answered with another price is not adopted: DuplicateOrderError naming both', async () => {
    const w = await start({ fetch: rewriting('POST /api/v3/order', (body) => ({ ...body, price: '29000.00000000' })) });
    const refused = w.run(w.adapter.place(buy('tp-1')));
    await expect(refused).rejects.toThrow(DuplicateOrderError);
    await expect(refused).rejects.toThrow(/^client order id tp-1 names venue order \d+ \(buy 0\.01 @ 29000\), not this intent \(.*30000.*\); nothing was sent$/);
    expect(w.adapter.orders()).toEqual([]);
  });
});

describe('cancelAll', () => {
  it('is an empty list where nothing is open, and the venue\'s failure where it fails', async () => {
    const w = await start();
    expect(await w.run(w.adapter.cancelAll('BTC/USDT'))).toEqual([]);
    w.venue.nemesis.schedule({ kind: 'maintenance' });
    await expect(w.run(w.adapter.cancelAll('BTC/USDT'))).rejects.toBeInstanceOf(ExchangeUnavailableError);
  });
});

describe('a reconcile among other calls', () => {
  it('waits for a place already under way, and a place asked after it waits for the reconcile', async () => {
    const w = await start();
    const placing = w.adapter.place(buy('tp-1'));
    const reconciling = w.adapter.reconcile();
    const later = w.adapter.place(buy('tp-2'));
    await w.run(Promise.all([placing, reconciling, later]));
    // tp-1's POST, then the reconcile alone (tp-1 is unfinished: fetched, then the account), then tp-2.
    expect(w.requests()).toEqual(['POST /api/v3/order', 'GET /api/v3/order', 'GET /api/v3/account', 'POST /api/v3/order']);
  });
});

describe('request weights against a tight limit', () => {
  // The load spent 40 of 50 (exchangeInfo and account, 20 each): what is left fits a read of one
  // symbol's open orders (6) or of one order's trades (5), not of every symbol's or the account's (80, 20).
  const TIGHT = { weightPerMinute: 50, ordersPer10s: 100, ordersPerDay: 200_000, queueSize: 10 };

  it('open orders of one symbol are read at once', async () => {
    const w = await start({ settings: { limits: TIGHT } });
    const before = w.clock.now();
    await w.run(w.adapter.fetchOpenOrders('BTC/USDT'));
    const [read] = w.venue.control.events().filter((event) => event.type === 'request' && event.path === '/api/v3/openOrders');
    expect(read?.at).toBe(before);
  });

  it('one order\'s trades are read at once', async () => {
    const w = await start({ settings: { limits: { ...TIGHT, weightPerMinute: 48 } } });
    await w.run(w.adapter.place(buy('tp-1')));
    w.venue.control.takeExternal({ symbol: 'BTC/USDT', side: 'sell', quantity: '0.004' });
    const before = w.clock.now();
    // 40 + 1 (POST) + 1 (DELETE) + 5 (myTrades by orderId) = 47.
    expect(await w.run(w.adapter.cancel('BTC/USDT', 'tp-1'))).toMatchObject({ status: 'canceled', filled: '0.004' });
    const [read] = w.venue.control.events().filter((event) => event.type === 'request' && event.path === '/api/v3/myTrades');
    expect(read?.at).toBe(before);
  });
});

describe('trade lists longer than one page (1,000 trades)', () => {
  it('fetchMyTrades and an order\'s fills read every page once, oldest first', async () => {
    const w = await start();
    const fills = 1_001;
    await w.run(w.adapter.place(buy('tp-1', '30000', '1.001')));
    for (let index = 0; index < fills; index += 1) w.venue.control.takeExternal({ symbol: 'BTC/USDT', side: 'sell', quantity: '0.001' });
    const trades = await w.run(w.adapter.fetchMyTrades('BTC/USDT'));
    expect(trades).toHaveLength(fills);
    const ids = trades.map((trade) => BigInt(trade.tradeId));
    expect(new Set(ids).size).toBe(fills);
    expect(ids.every((id, index) => index === 0 || id > (ids[index - 1] ?? id))).toBe(true);
    const view = await w.run(w.adapter.fetchOrder('BTC/USDT', 'tp-1'));
    expect(view).toMatchObject({ status: 'filled', filled: '1.001', remaining: '0' });
    // Two pages each: a full one, then one with the last trade.
    expect(w.requests().filter((route) => route === 'GET /api/v3/myTrades')).toHaveLength(4);
  });

  it('an order\'s fills in pages of two: each page from the trade after the last one read', async () => {
    /** The adapter's own pager with a page of 2, so three fills take two pages. */
    class PagesOfTwo extends ReferenceAdapter {
      tradesOf(market: Market, venueOrderId: string): Promise<OrderFill[]> {
        return this.fetchOrderTrades(market, venueOrderId, 2);
      }
    }
    const w = await start();
    const adapter = new PagesOfTwo(w.env);
    const [market] = await w.run(adapter.loadMarkets());
    const placed = await w.run(adapter.place(buy('tp-1', '30000', '0.003')));
    for (let index = 0; index < 3; index += 1) w.venue.control.takeExternal({ symbol: 'BTC/USDT', side: 'sell', quantity: '0.001' });
    const before = w.requests().length;
    if (market === undefined || placed.venueOrderId === undefined) throw new Error('no market or venue order id');
    const fills = await w.run(adapter.tradesOf(market, placed.venueOrderId));
    expect(fills.map((fill) => fill.quantity)).toEqual(['0.001', '0.001', '0.001']);
    expect(new Set(fills.map((fill) => fill.tradeId)).size).toBe(3);
    expect(w.requests().slice(before)).toEqual(['GET /api/v3/myTrades', 'GET /api/v3/myTrades']);
  });
});
