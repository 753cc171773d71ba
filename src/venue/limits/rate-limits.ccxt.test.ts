import { beforeEach, describe, expect, it } from 'vitest';
import { RandomSource } from '../../clock/random';
import { VirtualClock } from '../../clock/virtual-clock';
import type { TransportResponse } from '../../exchange/contract';
import { createVenue } from '../index';
import { binanceClient, ccxt, createLimitOrder, type BinanceClient } from '../testing/ccxt-binance';
import type { Venue } from '../types';
import { BINANCE_RATE_LIMITS, type LimitsConfigInput } from './limits-config';

const MINUTE = 60_000;
const SMALL_LIMITS = {
  rateLimits: [
    { rateLimitType: 'REQUEST_WEIGHT', interval: 'MINUTE', intervalNum: 1, limit: 100 },
    { rateLimitType: 'ORDERS', interval: 'SECOND', intervalNum: 10, limit: 3 },
    { rateLimitType: 'ORDERS', interval: 'DAY', intervalNum: 1, limit: 1000 },
  ],
} satisfies LimitsConfigInput;

interface Seen {
  path: string;
  status: number;
  headers: Record<string, string>;
}

let clock: VirtualClock;
let venue: Venue;
let exchange: BinanceClient;
let seen: Seen[];

/** The venue with its in-process transport tapped, so each raw response ccxt received can be read. */
function tapped(target: Venue): Venue {
  return {
    ...target,
    fetch: async (url, init): Promise<TransportResponse> => {
      const response = await target.fetch(url, init);
      seen.push({ path: new URL(url).pathname, status: response.status, headers: response.headers });
      return response;
    },
  };
}

async function thrownBy(action: Promise<unknown>): Promise<unknown> {
  return action.then(
    () => undefined,
    (error: unknown) => error,
  );
}

const lastSeen = (): Seen => {
  const last = seen.at(-1);
  if (last === undefined) throw new Error('no response seen');
  return last;
};

/** Spends the weight left in the current minute (fetchBalance weighs 20) until the venue answers 429. */
async function exceedWeight(): Promise<Seen> {
  for (;;) {
    const error = await thrownBy(exchange.fetchBalance());
    if (error !== undefined) {
      expect(error).toBeInstanceOf(ccxt.DDoSProtection);
      return lastSeen();
    }
  }
}

beforeEach(async () => {
  clock = new VirtualClock();
  venue = createVenue({ clock, random: new RandomSource('rate-limits'), limits: SMALL_LIMITS });
  const alice = venue.control.createAccount('alice');
  venue.control.deposit('alice', 'USDT', '100000');
  seen = [];
  exchange = binanceClient(tapped(venue), alice, clock);
  await exchange.loadMarkets();
});

describe('rate limits through the real ccxt.binance', () => {
  it('puts X-MBX-USED-WEIGHT-1M on every response and the order counts on order placements', async () => {
    await createLimitOrder(exchange, 'BTC/USDT', 'buy', '0.001', '20000', { clientOrderId: 'o-1' });
    await exchange.fetchOrder('', 'BTC/USDT', { origClientOrderId: 'o-1' });
    await exchange.fetchOpenOrders('BTC/USDT');
    await exchange.cancelOrder('', 'BTC/USDT', { origClientOrderId: 'o-1' });
    await exchange.fetchBalance();
    // exchangeInfo 20, order 1, query 4, openOrders 6, cancel 1, account 20.
    expect(seen.map((response) => [response.path, response.headers['x-mbx-used-weight-1m']])).toEqual([
      ['/api/v3/exchangeInfo', '20'],
      ['/api/v3/order', '21'],
      ['/api/v3/order', '25'],
      ['/api/v3/openOrders', '31'],
      ['/api/v3/order', '32'],
      ['/api/v3/account', '52'],
    ]);
    expect(seen[1]?.headers).toMatchObject({ 'x-mbx-order-count-10s': '1', 'x-mbx-order-count-1d': '1' });
    expect(seen[2]?.headers['x-mbx-order-count-10s']).toBeUndefined();
    expect(venue.control.limits()).toMatchObject({ ips: [{ ip: '127.0.0.1', usedWeight: { '1M': 52 }, bans: 0 }], accounts: [{ account: 'alice', orderCount: { '10S': 1, '1D': 1 } }] });
  });

  it('answers weight over the limit with 429 -1003 and Retry-After (ccxt DDoSProtection), and lets the client in again once it waited', async () => {
    await clock.advance(15_000);
    const limited = await exceedWeight();
    expect(limited).toMatchObject({ status: 429, headers: { 'retry-after': '45', 'x-mbx-used-weight-1m': '120' } });
    expect(venue.control.events().at(-1)).toMatchObject({ type: 'request', status: 429, code: -1003, weight: 20 });
    await clock.advance(Number(limited.headers['retry-after']) * 1000);
    await exchange.fetchBalance();
    expect(lastSeen()).toMatchObject({ status: 200, headers: { 'x-mbx-used-weight-1m': '20' } });
    expect(venue.control.limits().ips[0]?.bans).toBe(0);
  });

  it('bans an IP that does not wait for Retry-After with 418, longer for each repeat', async () => {
    const bans: number[] = [];
    for (let round = 0; round < 2; round += 1) {
      await exceedWeight();
      const error = await thrownBy(exchange.fetchTime());
      expect(error).toBeInstanceOf(ccxt.DDoSProtection);
      const banned = lastSeen();
      expect(banned.status).toBe(418);
      const banSeconds = Number(banned.headers['retry-after']);
      bans.push(banSeconds);
      const event = venue.control.events().at(-2);
      expect(event).toMatchObject({ type: 'ip_banned', ip: '127.0.0.1', bans: round + 1 });
      expect(String(error)).toContain(`IP banned until ${event?.type === 'ip_banned' ? event.until : ''}`);
      // Still banned one second before the end, admitted after it.
      await clock.advance(banSeconds * 1000 - 1000);
      expect(await thrownBy(exchange.fetchTime())).toBeInstanceOf(ccxt.DDoSProtection);
      await clock.advance(1000);
      await exchange.fetchTime();
      await clock.advance(MINUTE);
    }
    expect(bans).toEqual([120, 240]);
  });

  it('answers the order over ORDERS per 10 s with 429 -1015 and counts only accepted orders', async () => {
    const error = await thrownBy(createLimitOrder(exchange, 'BTC/USDT', 'buy', '100', '20000', { clientOrderId: 'too-big' }));
    expect(error).toBeInstanceOf(ccxt.InsufficientFunds);
    for (let index = 0; index < 3; index += 1) await createLimitOrder(exchange, 'BTC/USDT', 'buy', '0.001', '20000', { clientOrderId: `o-${index}` });
    const limited = await thrownBy(createLimitOrder(exchange, 'BTC/USDT', 'buy', '0.001', '20000', { clientOrderId: 'o-4' }));
    expect(limited).toBeInstanceOf(ccxt.DDoSProtection);
    expect(String(limited)).toContain('Too many new orders; current limit is 3 orders per TEN_SECONDS.');
    expect(lastSeen()).toMatchObject({ status: 429, headers: { 'retry-after': '10', 'x-mbx-order-count-10s': '3' } });
    // Cancels are not orders: they go through while new orders wait.
    await exchange.cancelOrder('', 'BTC/USDT', { origClientOrderId: 'o-0' });
    await clock.advance(10_000);
    await createLimitOrder(exchange, 'BTC/USDT', 'buy', '0.001', '20000', { clientOrderId: 'o-4' });
    expect(lastSeen().headers).toMatchObject({ 'x-mbx-order-count-10s': '1', 'x-mbx-order-count-1d': '4' });
    expect(venue.control.orders('alice').filter((order) => order.clientOrderId === 'o-4')).toHaveLength(1);
  });

  it('lists the configured limits in exchangeInfo, and Binance production limits by default', () => {
    const listed = (target: Venue): unknown => JSON.parse(target.handle({ method: 'GET', path: '/api/v3/exchangeInfo', query: '', headers: {}, body: '' }).body).rateLimits;
    expect(listed(venue)).toEqual(SMALL_LIMITS.rateLimits);
    expect(listed(createVenue({ clock, random: new RandomSource('defaults') }))).toEqual(BINANCE_RATE_LIMITS);
  });

  it('keeps a history of weight windows per IP that sums the logged requests', async () => {
    await exchange.fetchBalance();
    await clock.advance(MINUTE);
    venue.handle({ method: 'GET', path: '/api/v3/time', query: '', headers: {}, body: '', remoteAddress: '10.1.1.1' });
    expect(venue.control.weightWindows().map(({ subject, count }) => [subject, count])).toEqual([
      ['127.0.0.1', 40],
      ['10.1.1.1', 1],
    ]);
  });
});
