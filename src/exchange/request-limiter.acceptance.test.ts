import { describe, expect, it } from 'vitest';
import { RandomSource } from '../clock/random';
import { VIRTUAL_EPOCH_MS, VirtualClock } from '../clock/virtual-clock';
import { DEFAULT_MARKETS } from '../domain/market';
import { createVenue } from '../venue/index';
import { createLimitOrder } from '../venue/testing/ccxt-binance';
import { BINANCE_ORIGIN, createBinanceClient } from './binance-client';
import type { FetchLike } from './contract';
import type { LimitRule } from './limit-windows';
import { RequestLimiter, type ScheduledRequest } from './request-limiter';

const MINUTE = 60_000;
/** Lower than production so the limiter has to wait: ~8,500 weight and 400 orders do not fit one window. */
const WEIGHT_PER_MINUTE = 1200;
const ORDERS_PER_10S = 50;
const VENUE_LIMITS = {
  rateLimits: [
    { rateLimitType: 'REQUEST_WEIGHT' as const, interval: 'MINUTE' as const, intervalNum: 1, limit: WEIGHT_PER_MINUTE },
    { rateLimitType: 'ORDERS' as const, interval: 'SECOND' as const, intervalNum: 10, limit: ORDERS_PER_10S },
    { rateLimitType: 'ORDERS' as const, interval: 'DAY' as const, intervalNum: 1, limit: 200_000 },
  ],
};
const CLIENT_RULES: LimitRule[] = [
  { rateLimitType: 'REQUEST_WEIGHT', intervalMs: MINUTE, limit: WEIGHT_PER_MINUTE },
  { rateLimitType: 'ORDERS', intervalMs: 10_000, limit: ORDERS_PER_10S },
  { rateLimitType: 'ORDERS', intervalMs: 86_400_000, limit: 200_000 },
];

describe('issue 5, acceptance 3: the limiter against the venue', () => {
  it('a burst of 2,000 mixed requests issued at once completes on the virtual clock with zero 429 answers', async () => {
    const clock = new VirtualClock();
    // MAX_NUM_ORDERS raised from 200 so 800 resting orders fit one symbol.
    const markets = DEFAULT_MARKETS.map((market) => ({ ...market, maxNumOrders: 1000 }));
    const venue = createVenue({ clock, random: new RandomSource('limiter-burst'), limits: VENUE_LIMITS, markets });
    const alice = venue.control.createAccount('alice');
    venue.control.deposit('alice', 'USDT', '100000');
    const limiter = new RequestLimiter({ clock, rules: CLIENT_RULES, maxQueueDepth: 2000 });
    // The adapter's job, since ccxt ignores them (ccxt note): every response resyncs the limiter.
    const observed: FetchLike = async (url, init) => {
      const response = await venue.fetch(url, init);
      limiter.observeResponse(response);
      return response;
    };
    const exchange = createBinanceClient({ environment: 'sim', clock, credentials: alice, baseUrl: BINANCE_ORIGIN, fetch: observed });
    // Each ccxt call is one REST request, scheduled so it is signed when it is really sent.
    const limited = <T>(request: ScheduledRequest, call: () => Promise<T>): Promise<T> => limiter.schedule(request, call);
    const symbol = { symbol: 'BTCUSDT' };
    const place = (id: string) => limited({ method: 'POST', path: '/api/v3/order', priority: 'order' }, () => createLimitOrder(exchange, 'BTC/USDT', 'buy', '0.001', '20000', { clientOrderId: id }));

    await clock.run(limited({ method: 'GET', path: '/api/v3/exchangeInfo', priority: 'query' }, () => exchange.loadMarkets()));
    await clock.run(Promise.all(Array.from({ length: 400 }, (_, i) => place(`pre-${i}`))));
    const burstStart = clock.now();
    const seqBefore = venue.control.events().length;

    const burst: Array<Promise<unknown>> = [];
    for (let i = 0; i < 400; i += 1) {
      burst.push(place(`new-${i}`));
      burst.push(limited({ method: 'DELETE', path: '/api/v3/order', params: symbol, priority: 'cancel' }, () => exchange.cancelOrder('', 'BTC/USDT', { origClientOrderId: `pre-${i}` })));
      burst.push(limited({ method: 'GET', path: '/api/v3/order', params: symbol, priority: 'query' }, () => exchange.fetchOrder('', 'BTC/USDT', { origClientOrderId: `pre-${i}` })));
    }
    for (let i = 0; i < 300; i += 1) {
      burst.push(limited({ method: 'GET', path: '/api/v3/openOrders', params: symbol, priority: 'query' }, () => exchange.fetchOpenOrders('BTC/USDT')));
      burst.push(limited({ method: 'GET', path: '/api/v3/time', priority: 'query' }, () => exchange.fetchTime()));
    }
    for (let i = 0; i < 200; i += 1) burst.push(limited({ method: 'GET', path: '/api/v3/account', priority: 'query' }, () => exchange.fetchBalance()));
    expect(burst).toHaveLength(2000);

    const outcomes = await clock.run(Promise.allSettled(burst));
    const failures = outcomes.flatMap((outcome) => (outcome.status === 'rejected' ? [String(outcome.reason)] : []));
    expect(failures).toEqual([]);

    const requests = venue.control.events().slice(seqBefore).flatMap((event) => (event.type === 'request' ? [event] : []));
    expect(requests).toHaveLength(2000);
    expect(requests.filter((event) => event.status === 429 || event.status === 418)).toEqual([]);
    // The venue's own counters are the truth (R2): no window went over its limit.
    const limitOf: Record<string, number> = { '1M': WEIGHT_PER_MINUTE, '10S': ORDERS_PER_10S, '1D': 200_000 };
    const overfull = venue.control.limitWindows().filter((window) => window.count > (limitOf[window.interval] ?? 0));
    expect(overfull).toEqual([]);
    // And the limiter had to wait: 8,500 weight at 1,200 a minute takes several windows.
    expect(clock.now() - burstStart).toBeGreaterThan(6 * MINUTE);
    expect(clock.now()).toBeGreaterThan(VIRTUAL_EPOCH_MS);
  });
});
