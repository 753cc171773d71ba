import { describe, expect, it } from 'vitest';
import { VIRTUAL_EPOCH_MS, VirtualClock } from '../clock/virtual-clock';
import { ConfigError, QueueClosedError, QueueFullError } from '../domain/errors';
import { requestCost } from './endpoint-weights';
import { BINANCE_RATE_LIMITS } from '../venue';
import { BINANCE_SPOT_LIMITS, headerName, initialLimiterState, nextSendTime, recordSend, resyncFromHeaders, type LimitRule } from './limit-windows';
import { RequestLimiter, type ScheduledRequest } from './request-limiter';

const MINUTE = 60_000;
const rules = (weight: number, orders10s = 100, ordersDay = 200_000): LimitRule[] => [
  { rateLimitType: 'REQUEST_WEIGHT', intervalMs: MINUTE, limit: weight },
  { rateLimitType: 'ORDERS', intervalMs: 10_000, limit: orders10s },
  { rateLimitType: 'ORDERS', intervalMs: 86_400_000, limit: ordersDay },
];

const account: ScheduledRequest = { method: 'GET', path: '/api/v3/account', priority: 'query' };
const placement: ScheduledRequest = { method: 'POST', path: '/api/v3/order', priority: 'order' };
const cancel: ScheduledRequest = { method: 'DELETE', path: '/api/v3/order', priority: 'cancel' };

describe('endpoint weights (Binance spot REST docs)', () => {
  it.each([
    ['GET', '/api/v3/ping', {}, 1, 0],
    ['GET', '/api/v3/time', {}, 1, 0],
    ['GET', '/api/v3/exchangeInfo', {}, 20, 0],
    ['GET', '/api/v3/account', {}, 20, 0],
    ['POST', '/api/v3/order', {}, 1, 1],
    // The test order is validated, never placed: weight 1, no ORDERS count.
    ['POST', '/api/v3/order/test', {}, 1, 0],
    ['GET', '/api/v3/order', { symbol: 'BTCUSDT' }, 4, 0],
    ['DELETE', '/api/v3/order', { symbol: 'BTCUSDT' }, 1, 0],
    ['GET', '/api/v3/openOrders', { symbol: 'BTCUSDT' }, 6, 0],
    ['GET', '/api/v3/openOrders', {}, 80, 0],
    ['DELETE', '/api/v3/openOrders', { symbol: 'BTCUSDT' }, 1, 0],
    ['GET', '/api/v3/allOrders', { symbol: 'BTCUSDT' }, 20, 0],
    ['GET', '/api/v3/myTrades', { symbol: 'BTCUSDT' }, 20, 0],
    ['GET', '/api/v3/myTrades', { symbol: 'BTCUSDT', orderId: '3' }, 5, 0],
    // Query unfilled order count: "Weight: 40".
    ['GET', '/api/v3/rateLimit/order', {}, 40, 0],
    ['GET', '/api/v3/unknown', {}, 20, 0],
  ])('%s %s %o weighs %i and counts %i orders', (method, path, params, weight, orders) => {
    expect(requestCost({ method, path, params })).toEqual({ weight, orders });
  });
});

describe('the decision core', () => {
  it('names the X-MBX headers of each rule', () => {
    expect(rules(1).map(headerName)).toEqual(['x-mbx-used-weight-1m', 'x-mbx-order-count-10s', 'x-mbx-order-count-1d']);
    expect([{ rateLimitType: 'REQUEST_WEIGHT', intervalMs: 7_200_000, limit: 1 } as const, { rateLimitType: 'ORDERS', intervalMs: 90_000, limit: 1 } as const].map(headerName)).toEqual([
      'x-mbx-used-weight-2h',
      'x-mbx-order-count-90s',
    ]);
  });

  it('defaults to the spot limits the venue publishes as Binance\'s, less RAW_REQUESTS', () => {
    const unitMs = { SECOND: 1000, MINUTE: 60_000, HOUR: 3_600_000, DAY: 86_400_000 } as const;
    const published = BINANCE_RATE_LIMITS.filter((rule) => rule.rateLimitType !== 'RAW_REQUESTS').map((rule) => ({
      rateLimitType: rule.rateLimitType,
      intervalMs: rule.intervalNum * unitMs[rule.interval],
      limit: rule.limit,
    }));
    expect(BINANCE_SPOT_LIMITS).toEqual(published);
  });

  it('lets a request through a rule it does not count against, however far over its limit the venue says that rule is', () => {
    const t = VIRTUAL_EPOCH_MS + 12_345;
    const state = resyncFromHeaders(initialLimiterState(rules(50)), { 'X-MBX-ORDER-COUNT-10S': '150' }, t);
    expect([nextSendTime(state, { weight: 4, orders: 0 }, t), nextSendTime(state, { weight: 1, orders: 1 }, t)]).toEqual([t, VIRTUAL_EPOCH_MS + 20_000]);
  });

  it('adopts a header count only when it is a whole number, spaces around it allowed', () => {
    const t = VIRTUAL_EPOCH_MS + 12_345;
    const weightAfter = (value: string) => resyncFromHeaders(recordSend(initialLimiterState(rules(6000)), { weight: 7, orders: 0 }, t), { 'x-mbx-used-weight-1m': value }, t).usage[0]?.used;
    expect(['120', ' 120 ', '12abc', 'abc12', '-5', '', '1.5'].map(weightAfter)).toEqual([120, 120, 7, 7, 7, 7, 7]);
  });

  it('sends now while the window has room, else at the start of the next window', () => {
    let state = initialLimiterState(rules(50));
    const t = VIRTUAL_EPOCH_MS + 12_345;
    expect(nextSendTime(state, { weight: 20, orders: 0 }, t)).toBe(t);
    state = recordSend(recordSend(state, { weight: 20, orders: 0 }, t), { weight: 20, orders: 0 }, t);
    expect(nextSendTime(state, { weight: 10, orders: 0 }, t)).toBe(t);
    expect(nextSendTime(state, { weight: 11, orders: 0 }, t)).toBe(VIRTUAL_EPOCH_MS + MINUTE);
    expect(nextSendTime(state, { weight: 51, orders: 0 }, t)).toBe(Number.POSITIVE_INFINITY);
  });

  it('moves past every full window, orders and weight alike', () => {
    let state = initialLimiterState(rules(10, 1));
    const t = VIRTUAL_EPOCH_MS + 59_995;
    state = recordSend(state, { weight: 1, orders: 1 }, t);
    // The 10 s window ends at 60 s; the minute window then still has room.
    expect(nextSendTime(state, { weight: 1, orders: 1 }, t)).toBe(VIRTUAL_EPOCH_MS + MINUTE);
  });

  it('adopts a higher count from the headers, never a lower one', () => {
    const t = VIRTUAL_EPOCH_MS + 1000;
    let state = recordSend(initialLimiterState(rules(100)), { weight: 30, orders: 1 }, t);
    state = resyncFromHeaders(state, { 'X-MBX-USED-WEIGHT-1M': '90', 'x-mbx-order-count-10s': '0', 'x-mbx-order-count-1d': 'junk' }, t);
    expect(state.usage.map((usage) => usage?.used)).toEqual([90, 1, 1]);
  });
});

describe('RequestLimiter', () => {
  it('sends at once within the limits and waits for the next window beyond them', async () => {
    const clock = new VirtualClock(VIRTUAL_EPOCH_MS + 30_000);
    const limiter = new RequestLimiter({ clock, rules: rules(50) });
    const sentAt: number[] = [];
    const send = async () => sentAt.push(clock.now() - VIRTUAL_EPOCH_MS);
    await clock.run(Promise.all([1, 2, 3].map(() => limiter.schedule(account, send))));
    expect(sentAt).toEqual([30_000, 30_000, MINUTE]);
  });

  it('sends nothing before Retry-After or during a ban', async () => {
    const clock = new VirtualClock();
    const limiter = new RequestLimiter({ clock, rules: rules(6000) });
    limiter.observeRetryAfter(7_000);
    limiter.observeBan(VIRTUAL_EPOCH_MS + 120_000);
    expect(limiter.snapshot()).toMatchObject({ retryAfterUntil: VIRTUAL_EPOCH_MS + 7_000, bannedUntil: VIRTUAL_EPOCH_MS + 120_000 });
    const sentAt = await clock.run(limiter.schedule(account, async () => clock.now()));
    expect(sentAt).toBe(VIRTUAL_EPOCH_MS + 120_000);
  });

  it('resynchronises from the headers a response carries', async () => {
    const clock = new VirtualClock();
    const limiter = new RequestLimiter({ clock, rules: rules(100) });
    limiter.observeHeaders({ 'x-mbx-used-weight-1m': '95' });
    const sentAt = await clock.run(limiter.schedule(account, async () => clock.now()));
    expect(sentAt).toBe(VIRTUAL_EPOCH_MS + MINUTE);
  });

  it('reads Retry-After of a 429 as a hold and of a 418 as a ban, in whole seconds', () => {
    const clock = new VirtualClock();
    const limiter = new RequestLimiter({ clock, rules: rules(6000) });
    limiter.observeResponse({ status: 429, headers: { 'Retry-After': '7', 'x-mbx-used-weight-1m': '6001' } });
    limiter.observeResponse({ status: 418, headers: { 'retry-after': '120' } });
    limiter.observeResponse({ status: 200, headers: { 'retry-after': '999' } });
    expect(limiter.snapshot()).toMatchObject({ retryAfterUntil: VIRTUAL_EPOCH_MS + 7_000, bannedUntil: VIRTUAL_EPOCH_MS + 120_000, windows: [{ used: 6001 }, { used: 0 }, { used: 0 }] });
  });

  it('sends cancels first, then queries, then orders, first in first out within each', async () => {
    const clock = new VirtualClock();
    const limiter = new RequestLimiter({ clock, rules: rules(6000) });
    limiter.observeBan(VIRTUAL_EPOCH_MS + 1000);
    const sent: string[] = [];
    const plan: Array<[string, ScheduledRequest]> = [
      ['order 1', placement],
      ['query 1', account],
      ['cancel 1', cancel],
      ['order 2', placement],
      ['cancel 2', cancel],
      ['query 2', account],
    ];
    const all = plan.map(([name, request]) => limiter.schedule(request, async () => sent.push(name)));
    expect(limiter.snapshot().queued).toEqual({ cancel: 2, query: 2, order: 2 });
    await clock.run(Promise.all(all));
    expect(sent).toEqual(['cancel 1', 'cancel 2', 'query 1', 'query 2', 'order 1', 'order 2']);
  });

  it('a full queue rejects with QueueFullError, but a cancel displaces the newest order', async () => {
    const clock = new VirtualClock();
    const limiter = new RequestLimiter({ clock, rules: rules(6000), maxQueueDepth: 2 });
    limiter.observeBan(VIRTUAL_EPOCH_MS + 1000);
    const first = limiter.schedule(placement, async () => 'first');
    const second = limiter.schedule(placement, async () => 'second');
    await expect(limiter.schedule(placement, async () => 'third')).rejects.toMatchObject({ code: 'QUEUE_FULL', retryable: false });
    const urgent = limiter.schedule(cancel, async () => 'cancel');
    await expect(second).rejects.toBeInstanceOf(QueueFullError);
    expect(limiter.queueDepth()).toBe(2);
    await expect(clock.run(Promise.all([first, urgent]))).resolves.toEqual(['first', 'cancel']);
  });

  it('close rejects what waits and everything after, and lets what is in flight finish', async () => {
    const clock = new VirtualClock();
    const limiter = new RequestLimiter({ clock, rules: rules(20) });
    const inFlight = limiter.schedule(account, () => clock.sleep(10).then(() => 'answered'));
    const waiting = limiter.schedule(account, async () => 'never');
    limiter.close('adapter closed');
    await expect(waiting).rejects.toBeInstanceOf(QueueClosedError);
    await expect(limiter.schedule(account, async () => 'later')).rejects.toMatchObject({ code: 'QUEUE_CLOSED' });
    await expect(clock.run(inFlight)).resolves.toBe('answered');
    expect(limiter.snapshot()).toMatchObject({ closed: true, inFlight: 0, sent: 1 });
  });

  it('passes the send error through and rejects a request no window can hold', async () => {
    const clock = new VirtualClock();
    const limiter = new RequestLimiter({ clock, rules: rules(50) });
    const boom = new Error('boom');
    await expect(
      limiter.schedule(account, () => {
        throw boom;
      }),
    ).rejects.toBe(boom);
    await expect(limiter.schedule({ method: 'GET', path: '/api/v3/openOrders', priority: 'query' }, async () => 'x')).rejects.toBeInstanceOf(ConfigError);
  });

  it('waits window after window while requests keep coming', async () => {
    const clock = new VirtualClock(VIRTUAL_EPOCH_MS + 30_000);
    const limiter = new RequestLimiter({ clock, rules: rules(40) });
    const sentAt: number[] = [];
    const send = async () => sentAt.push(clock.now() - VIRTUAL_EPOCH_MS);
    await clock.run(Promise.all([1, 2, 3, 4, 5].map(() => limiter.schedule(account, send))));
    expect(sentAt).toEqual([30_000, 30_000, MINUTE, MINUTE, 2 * MINUTE]);
  });

  it('takes a queue depth of 1 or more, whole', () => {
    const clock = new VirtualClock();
    expect(() => new RequestLimiter({ clock, maxQueueDepth: 1 })).not.toThrow();
    for (const maxQueueDepth of [0, 1.5]) {
      expect(() => new RequestLimiter({ clock, maxQueueDepth })).toThrow(new ConfigError('limits.maxQueueDepth', 'must be an integer of at least 1'));
    }
  });

  it('names the request, method in capitals, and the first reason it was closed for', async () => {
    const clock = new VirtualClock();
    const limiter = new RequestLimiter({ clock, rules: rules(20) });
    limiter.close('adapter closed');
    limiter.close('closed again');
    await expect(limiter.schedule({ ...account, method: 'get' }, async () => 'x')).rejects.toThrow('GET /api/v3/account was not sent: the request queue was closed (adapter closed)');
    await expect(new RequestLimiter({ clock, rules: rules(5) }).schedule(account, async () => 'x')).rejects.toThrow(
      new ConfigError('limits.rules', 'GET /api/v3/account costs 20 weight and 0 orders, more than a window allows'),
    );
  });

  it('counts a request in flight from its send until its answer', async () => {
    const clock = new VirtualClock();
    const limiter = new RequestLimiter({ clock, rules: rules(6000) });
    const answered = limiter.schedule(account, () => clock.sleep(10).then(() => 'answered'));
    expect(limiter.snapshot()).toMatchObject({ inFlight: 1, sent: 1 });
    await clock.run(answered);
    expect(limiter.snapshot()).toMatchObject({ inFlight: 0, sent: 1, closed: false });
  });

  it('takes only a whole number of seconds as Retry-After, spaces around it allowed', () => {
    const clock = new VirtualClock();
    const limiter = new RequestLimiter({ clock, rules: rules(6000) });
    for (const retryAfter of ['1.5', '7s', 'Wed, 21 Oct 2015 07:28:00 GMT', '-3']) limiter.observeResponse({ status: 429, headers: { 'retry-after': retryAfter } });
    expect(limiter.snapshot().retryAfterUntil).toBeUndefined();
    limiter.observeResponse({ status: 429, headers: { 'retry-after': ' 2 ' } });
    expect(limiter.snapshot().retryAfterUntil).toBe(VIRTUAL_EPOCH_MS + 2_000);
    limiter.observeResponse({ status: 200, headers: { 'x-mbx-used-weight-1m': '10' } });
    expect(limiter.snapshot().windows[0]?.used).toBe(10);
  });

  it('keeps one timer for the queue, however many requests wait behind the head', async () => {
    const clock = new VirtualClock();
    const limiter = new RequestLimiter({ clock, rules: rules(6000) });
    limiter.observeBan(VIRTUAL_EPOCH_MS + 1000);
    const waiting = [1, 2, 3].map(() => limiter.schedule(account, async () => 'sent'));
    expect(clock.pendingTimers()).toBe(1);
    await expect(clock.run(Promise.all(waiting))).resolves.toEqual(['sent', 'sent', 'sent']);
  });

  it('shows a hold or a ban only until the moment it ends', async () => {
    const clock = new VirtualClock();
    const limiter = new RequestLimiter({ clock, rules: rules(6000) });
    limiter.observeRetryAfter(1_000);
    limiter.observeBan(VIRTUAL_EPOCH_MS + 2_000);
    await clock.run(clock.sleep(1_000));
    expect(limiter.snapshot()).toMatchObject({ retryAfterUntil: undefined, bannedUntil: VIRTUAL_EPOCH_MS + 2_000 });
    await clock.run(clock.sleep(1_000));
    expect(limiter.snapshot()).toMatchObject({ retryAfterUntil: undefined, bannedUntil: undefined });
  });
});
