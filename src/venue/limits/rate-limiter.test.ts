import { describe, expect, it } from 'vitest';
import { VIRTUAL_EPOCH_MS, VirtualClock } from '../../clock/virtual-clock';
import type { VenueHttpRequest } from '../api/http-message';
import { banDurationMs } from './ban-schedule';
import { FixedWindowCounter } from './fixed-windows';
import { LimitsConfigSchema, type LimitsConfigInput } from './limits-config';
import { RateLimiter } from './rate-limiter';
import { clientIp, placesOrder, requestWeight } from './request-weight';

const MINUTE = 60_000;
const ip = '10.0.0.1';

const get = (path: string, query = ''): VenueHttpRequest => ({ method: 'GET', path, query, headers: {}, body: '' });

function limiter(input: LimitsConfigInput): RateLimiter {
  return new RateLimiter(LimitsConfigSchema.parse(input));
}

const small = (weight: number, orders10s = 100): LimitsConfigInput => ({
  rateLimits: [
    { rateLimitType: 'REQUEST_WEIGHT', interval: 'MINUTE', intervalNum: 1, limit: weight },
    { rateLimitType: 'ORDERS', interval: 'SECOND', intervalNum: 10, limit: orders10s },
    { rateLimitType: 'ORDERS', interval: 'DAY', intervalNum: 1, limit: 200_000 },
  ],
});

describe('fixed windows, as Binance counts them', () => {
  it('counts into the window the time falls in and resets when the next one starts', async () => {
    const clock = new VirtualClock(VIRTUAL_EPOCH_MS + 23_456);
    const counter = new FixedWindowCounter({ rateLimitType: 'REQUEST_WEIGHT', interval: 'MINUTE', intervalNum: 1, limit: 10 });
    expect(counter.add(ip, clock.now(), 4)).toBe(4);
    await clock.advance(MINUTE - 23_456 - 1);
    expect(counter.add(ip, clock.now(), 3)).toBe(7);
    await clock.advance(1);
    expect(counter.used(ip, clock.now())).toBe(0);
    expect(counter.add(ip, clock.now(), 2)).toBe(2);
    expect(counter.windows()).toEqual([
      { rateLimitType: 'REQUEST_WEIGHT', interval: '1M', subject: ip, start: VIRTUAL_EPOCH_MS, end: VIRTUAL_EPOCH_MS + MINUTE, count: 7 },
      { rateLimitType: 'REQUEST_WEIGHT', interval: '1M', subject: ip, start: VIRTUAL_EPOCH_MS + MINUTE, end: VIRTUAL_EPOCH_MS + 2 * MINUTE, count: 2 },
    ]);
  });

  it('aligns 10-second and day windows to the epoch (a DAY window is a UTC day)', () => {
    const tenSeconds = new FixedWindowCounter({ rateLimitType: 'ORDERS', interval: 'SECOND', intervalNum: 10, limit: 1 });
    const day = new FixedWindowCounter({ rateLimitType: 'ORDERS', interval: 'DAY', intervalNum: 1, limit: 1 });
    const at = Date.UTC(2024, 0, 1, 13, 45, 17, 500);
    expect(tenSeconds.windowStart(at)).toBe(Date.UTC(2024, 0, 1, 13, 45, 10));
    expect(day.windowStart(at)).toBe(Date.UTC(2024, 0, 1));
    expect(day.windowEnd(at)).toBe(Date.UTC(2024, 0, 2));
  });
});

describe('endpoint weights (Binance spot REST docs)', () => {
  it.each([
    ['GET', '/api/v3/ping', '', 1],
    ['GET', '/api/v3/time', '', 1],
    ['GET', '/api/v3/exchangeInfo', '', 20],
    ['GET', '/api/v3/account', 'timestamp=1', 20],
    ['POST', '/api/v3/order', '', 1],
    ['GET', '/api/v3/order', 'symbol=BTCUSDT', 4],
    ['DELETE', '/api/v3/order', 'symbol=BTCUSDT', 1],
    ['GET', '/api/v3/openOrders', 'symbol=BTCUSDT&timestamp=1', 6],
    ['GET', '/api/v3/openOrders', 'timestamp=1', 80],
    ['DELETE', '/api/v3/openOrders', 'symbol=BTCUSDT', 1],
    ['GET', '/api/v3/allOrders', 'symbol=BTCUSDT', 20],
    ['GET', '/api/v3/myTrades', 'symbol=BTCUSDT', 20],
    ['GET', '/api/v3/myTrades', 'symbol=BTCUSDT&orderId=3', 5],
    ['GET', '/api/v3/nothing-here', '', 1],
  ])('%s %s?%s weighs %i', (method, path, query, weight) => {
    expect(requestWeight({ method, path, query, headers: {}, body: '' })).toBe(weight);
  });

  it('reads POST and DELETE parameters from the body too', () => {
    expect(requestWeight({ method: 'GET', path: '/api/v3/openOrders', query: '', headers: {}, body: 'symbol=BTCUSDT' })).toBe(6);
  });

  it('counts only POST /api/v3/order as an order, and defaults the IP to loopback', () => {
    expect(placesOrder({ ...get('/api/v3/order'), method: 'POST' })).toBe(true);
    expect(placesOrder({ ...get('/api/v3/order'), method: 'DELETE' })).toBe(false);
    expect(clientIp(get('/api/v3/time'))).toBe('127.0.0.1');
    expect(clientIp({ ...get('/api/v3/time'), remoteAddress: ip })).toBe(ip);
  });
});

describe('IP ban schedule: from 2 minutes to 3 days, doubling', () => {
  it('doubles from 2 minutes and stays at 3 days from the 13th ban on', () => {
    const ban = LimitsConfigSchema.parse({}).ipBan;
    const minutes = Array.from({ length: 14 }, (_, index) => banDurationMs(index + 1, ban) / MINUTE);
    expect(minutes).toEqual([2, 4, 8, 16, 32, 64, 128, 256, 512, 1024, 2048, 4096, 4320, 4320]);
    expect(banDurationMs(10_000, ban)).toBe(3 * 24 * 60 * MINUTE);
  });
});

describe('the rate limiter', () => {
  const request = { ip, weight: 20, placesOrder: false };

  it('admits up to the weight limit, answers over it until the window ends, and counts the excess', () => {
    const limits = limiter(small(50));
    const t = VIRTUAL_EPOCH_MS + 1000;
    expect(limits.admit(request, t).kind).toBe('admit');
    expect(limits.admit(request, t).kind).toBe('admit');
    expect(limits.admit(request, t)).toMatchObject({ kind: 'weight_exceeded', retryAt: VIRTUAL_EPOCH_MS + MINUTE });
    expect(limits.snapshot(t).ips).toEqual([{ ip, usedWeight: { '1M': 60 }, rawRequests: {}, bans: 0, bannedUntil: undefined, backOffUntil: VIRTUAL_EPOCH_MS + MINUTE }]);
    // A client that waits for the window to end is admitted again, with no ban.
    expect(limits.admit(request, VIRTUAL_EPOCH_MS + MINUTE).kind).toBe('admit');
    expect(limits.snapshot(VIRTUAL_EPOCH_MS + MINUTE).ips[0]?.bans).toBe(0);
  });

  it('bans an IP that sends again before Retry-After, with longer bans for repeat offenders', () => {
    const limits = limiter(small(20));
    let t = VIRTUAL_EPOCH_MS;
    const bansEarned: number[] = [];
    for (let round = 0; round < 3; round += 1) {
      expect(limits.admit(request, t).kind).toBe('admit');
      expect(limits.admit(request, t).kind).toBe('weight_exceeded');
      const verdict = limits.admit(request, t + 1);
      if (verdict.kind !== 'banned') throw new Error(`expected a ban, got ${verdict.kind}`);
      expect(verdict.newBan).toBe(true);
      bansEarned.push(verdict.until - (t + 1));
      // Requests during the ban are answered 418 and neither extend it nor count weight.
      expect(limits.admit(request, verdict.until - 1)).toMatchObject({ kind: 'banned', newBan: false, until: verdict.until });
      t = Math.ceil(verdict.until / MINUTE) * MINUTE;
    }
    expect(bansEarned).toEqual([2 * MINUTE, 4 * MINUTE, 8 * MINUTE]);
    expect(limits.snapshot(t).ips[0]).toMatchObject({ bans: 3, bannedUntil: undefined });
  });

  it('keeps IPs apart', () => {
    const limits = limiter(small(20));
    limits.admit(request, VIRTUAL_EPOCH_MS);
    expect(limits.admit(request, VIRTUAL_EPOCH_MS).kind).toBe('weight_exceeded');
    expect(limits.admit({ ...request, ip: '10.0.0.2' }, VIRTUAL_EPOCH_MS).kind).toBe('admit');
  });

  it('counts accepted orders per account, refuses the one over the limit, and bans an order sent before Retry-After', () => {
    const limits = limiter(small(6000, 2));
    const order = { ip, account: 'alice', weight: 1, placesOrder: true };
    const t = VIRTUAL_EPOCH_MS + 12_000;
    for (let placed = 0; placed < 2; placed += 1) {
      expect(limits.admit(order, t).kind).toBe('admit');
      limits.recordOrderPlaced('alice', t);
    }
    expect(limits.headers(order, t)).toEqual({ 'x-mbx-used-weight-1m': '2', 'x-mbx-order-count-10s': '2', 'x-mbx-order-count-1d': '2' });
    expect(limits.admit(order, t)).toMatchObject({ kind: 'orders_exceeded', retryAt: VIRTUAL_EPOCH_MS + 20_000 });
    // Another account has its own count; cancels and queries from the same IP are fine meanwhile.
    expect(limits.admit({ ...order, account: 'bob' }, t).kind).toBe('admit');
    expect(limits.admit({ ...order, placesOrder: false }, t + 1).kind).toBe('admit');
    expect(limits.admit(order, t + 2)).toMatchObject({ kind: 'banned', newBan: true });
    expect(limits.snapshot(t).accounts).toEqual([{ account: 'alice', orderCount: { '10S': 2, '1D': 2 } }]);
  });

  it('enforces RAW_REQUESTS per IP with -1003 as well', () => {
    const limits = limiter({ rateLimits: [{ rateLimitType: 'RAW_REQUESTS', interval: 'MINUTE', intervalNum: 5, limit: 2 }] });
    limits.admit(request, VIRTUAL_EPOCH_MS);
    limits.admit(request, VIRTUAL_EPOCH_MS);
    expect(limits.admit(request, VIRTUAL_EPOCH_MS)).toMatchObject({ kind: 'raw_requests_exceeded', retryAt: VIRTUAL_EPOCH_MS + 5 * MINUTE });
  });

  it('refuses a configuration that lists one limiter twice or a ban cap below its start', () => {
    const weight = { rateLimitType: 'REQUEST_WEIGHT', interval: 'MINUTE', intervalNum: 1, limit: 5 } as const;
    expect(LimitsConfigSchema.safeParse({ rateLimits: [weight, weight] }).error?.issues[0]?.path).toEqual(['rateLimits', 1]);
    expect(LimitsConfigSchema.safeParse({ ipBan: { firstMs: 10, maxMs: 5 } }).error?.issues[0]?.path).toEqual(['ipBan', 'maxMs']);
  });
});
