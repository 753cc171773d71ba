import { beforeEach, describe, expect, it } from 'vitest';
import { RandomSource } from '../../clock/random';
import { VirtualClock } from '../../clock/virtual-clock';
import { createVenue } from '../index';
import { binanceClient, ccxt, createLimitOrder, type BinanceClient } from '../testing/ccxt-binance';
import type { Venue, VenueEvent } from '../types';
import type { ServerErrorStatus } from './fault';

/** The exact ccxt class (not a subclass: RequestTimeout extends NetworkError). */
async function expectCcxtError(action: Promise<unknown>, expected: abstract new (...args: never[]) => Error): Promise<Error> {
  const error: unknown = await action.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(expected);
  expect((error as Error).constructor).toBe(expected);
  return error as Error;
}

const POST_ORDER = { method: 'POST', path: '/api/v3/order' } as const;

let clock: VirtualClock;
let venue: Venue;
let exchange: BinanceClient;

/** Runs ccxt work on the virtual clock: delays and lost answers wait on it. */
const run = <T>(work: Promise<T>): Promise<T> => clock.run(work);
const buy = (clientOrderId: string, amount = '0.01', price = '30000') => run(createLimitOrder(exchange, 'BTC/USDT', 'buy', amount, price, { clientOrderId }));
const faults = (): Array<Extract<VenueEvent, { type: 'fault' }>> => venue.control.events().flatMap((event) => (event.type === 'fault' ? [event] : []));
const eventTypesSince = (seq: number): string[] => venue.control.events().filter((event) => event.seq > seq).map((event) => (event.type === 'fault' ? `fault:${event.kind}` : event.type));
const lastSeq = (): number => venue.control.events().at(-1)?.seq ?? 0;

beforeEach(async () => {
  clock = new VirtualClock();
  venue = createVenue({ clock, random: new RandomSource('nemesis') });
  const alice = venue.control.createAccount('alice');
  venue.control.deposit('alice', 'USDT', '100000');
  venue.control.deposit('alice', 'BTC', '2');
  exchange = binanceClient(venue, alice, clock);
  await exchange.loadMarkets();
});

describe('a lost response', () => {
  it('times out in ccxt after its own timeout, with the order placed at the venue', async () => {
    venue.nemesis.schedule({ kind: 'response_lost' }, { matching: POST_ORDER });
    const before = lastSeq();
    const startedAt = clock.now();
    await expectCcxtError(buy('lost-1'), ccxt.RequestTimeout);
    expect(clock.now() - startedAt).toBe(exchange.timeout);
    expect(venue.control.order('alice', 'BTC/USDT', 'lost-1')?.status).toBe('NEW');
    expect(eventTypesSince(before)).toEqual(['order_accepted', 'request', 'fault:response_lost']);
    expect(faults().at(-1)?.detail).toEqual({ applied: true, status: 200 });
  });

  it('hits only the next matching request unless a count or window says otherwise', async () => {
    venue.nemesis.schedule({ kind: 'response_lost' }, { matching: POST_ORDER });
    await run(exchange.fetchBalance());
    await expectCcxtError(buy('lost-1'), ccxt.RequestTimeout);
    expect((await buy('lost-2')).clientOrderId).toBe('lost-2');
    expect(venue.nemesis.scheduled()).toEqual([]);
  });
});

describe('a reset connection', () => {
  it('is a NetworkError and the venue never saw the request', async () => {
    venue.nemesis.schedule({ kind: 'connection_reset' }, { matching: POST_ORDER });
    const before = lastSeq();
    await expectCcxtError(buy('reset-1'), ccxt.NetworkError);
    expect(venue.control.order('alice', 'BTC/USDT', 'reset-1')).toBeUndefined();
    expect(eventTypesSince(before)).toEqual(['fault:connection_reset']);
  });
});

describe('server errors', () => {
  const cases: Array<[string, ServerErrorStatus, boolean, abstract new (...args: never[]) => Error]> = [
    ['bare 500', 500, false, ccxt.ExchangeNotAvailable],
    ['bare 502', 502, false, ccxt.ExchangeNotAvailable],
    ['bare 503', 503, false, ccxt.ExchangeNotAvailable],
    ['503 with -1001', 503, true, ccxt.OperationFailed],
    ['bare 504', 504, false, ccxt.RequestTimeout],
  ];

  it.each(cases)('%s is the ccxt class the note predicts and places nothing', async (_name, status, internalError, expected) => {
    venue.nemesis.schedule({ kind: 'server_error', status, internalError }, { matching: POST_ORDER });
    const before = lastSeq();
    await expectCcxtError(buy('err-1'), expected);
    expect(venue.control.order('alice', 'BTC/USDT', 'err-1')).toBeUndefined();
    expect(eventTypesSince(before)).toEqual(['fault:server_error']);
    expect(faults().at(-1)?.detail).toEqual({ status, ...(internalError ? { code: -1001 } : {}), applied: false });
  });

  it('a 504 that the venue applied leaves the order placed: execution status unknown', async () => {
    venue.nemesis.schedule({ kind: 'server_error', status: 504, applied: true }, { matching: POST_ORDER });
    const before = lastSeq();
    await expectCcxtError(buy('unknown-1'), ccxt.RequestTimeout);
    expect(venue.control.order('alice', 'BTC/USDT', 'unknown-1')?.status).toBe('NEW');
    expect(eventTypesSince(before)).toEqual(['order_accepted', 'request', 'fault:server_error']);
    expect(faults().at(-1)?.detail).toEqual({ status: 504, applied: true, venueStatus: 200 });
  });
});

describe('a 429 storm', () => {
  it('answers every request 429 -1003 with Retry-After until the window ends, without touching the limits', async () => {
    venue.nemesis.schedule({ kind: 'rate_limit_storm' }, { until: clock.now() + 30_000 });
    const before = lastSeq();
    const raw = await venue.fetch('https://api.binance.com/api/v3/time', { method: 'GET', headers: {} });
    expect([raw.status, raw.headers['retry-after'], JSON.parse(await raw.text())]).toEqual([429, '30', expect.objectContaining({ code: -1003 })]);
    await expectCcxtError(run(exchange.fetchBalance()), ccxt.DDoSProtection);
    await expectCcxtError(buy('storm-1'), ccxt.DDoSProtection);
    expect(eventTypesSince(before)).toEqual(['fault:rate_limit_storm', 'fault:rate_limit_storm', 'fault:rate_limit_storm']);
    await clock.advance(30_000);
    expect((await buy('storm-2')).status).toBe('open');
  });
});

describe('a maintenance window', () => {
  it('answers everything 503 until it ends, then the venue is back', async () => {
    venue.nemesis.schedule({ kind: 'maintenance' }, { from: clock.now() + 1000, until: clock.now() + 61_000 });
    expect(await run(exchange.fetchTime())).toBe(clock.now());
    await clock.advance(1000);
    await expectCcxtError(run(exchange.fetchTime()), ccxt.ExchangeNotAvailable);
    await expectCcxtError(run(exchange.fetchBalance()), ccxt.ExchangeNotAvailable);
    await expectCcxtError(buy('maint-1'), ccxt.ExchangeNotAvailable);
    await clock.advance(59_999);
    await expectCcxtError(run(exchange.fetchTime()), ccxt.ExchangeNotAvailable);
    await clock.advance(1);
    expect((await buy('maint-2')).status).toBe('open');
    expect(venue.control.order('alice', 'BTC/USDT', 'maint-1')).toBeUndefined();
    expect(faults().map((event) => [event.kind, event.path, event.detail['status']])).toEqual([
      ['maintenance', '/api/v3/time', 503],
      ['maintenance', '/api/v3/account', 503],
      ['maintenance', '/api/v3/order', 503],
      ['maintenance', '/api/v3/time', 503],
    ]);
  });
});

describe('the venue clock jumping', () => {
  it.each([
    ['ahead beyond recvWindow', 20_000],
    ['back by more than 1 s', -5_000],
  ])('%s rejects signed requests with -1021 InvalidNonce; fetchTime shows the jump', async (_name, offsetMs) => {
    venue.nemesis.schedule({ kind: 'clock_jump', offsetMs });
    expect(await run(exchange.fetchTime())).toBe(clock.now() + offsetMs);
    const error = await expectCcxtError(buy('skewed-1'), ccxt.InvalidNonce);
    expect(error.message).toContain('-1021');
    expect(venue.control.order('alice', 'BTC/USDT', 'skewed-1')).toBeUndefined();
    expect(faults().map((event) => [event.kind, event.detail])).toEqual([['clock_jump', { offsetMs, previousOffsetMs: 0 }]]);
  });

  it('within recvWindow changes nothing, and a jump back to the shared clock is logged when it ends', async () => {
    venue.nemesis.schedule({ kind: 'clock_jump', offsetMs: 3000 }, { until: clock.now() + 5000 });
    expect((await buy('near-1')).status).toBe('open');
    await clock.advance(5000);
    expect(await run(exchange.fetchTime())).toBe(clock.now());
    expect(faults().map((event) => event.detail['offsetMs'])).toEqual([3000, 0]);
  });
});

describe('read-after-write lag', () => {
  it('hides a just-accepted order from fetchOrder (-2013) and fetchOpenOrders until the lag has passed', async () => {
    venue.nemesis.schedule({ kind: 'read_lag', lagMs: 2000 }, { until: clock.now() + 60_000 });
    const order = await buy('lag-1');
    await expectCcxtError(run(exchange.fetchOrder(order.id ?? '', 'BTC/USDT')), ccxt.OrderNotFound);
    expect(await run(exchange.fetchOpenOrders('BTC/USDT'))).toEqual([]);
    await clock.advance(1999);
    await expectCcxtError(run(exchange.fetchOrder(order.id ?? '', 'BTC/USDT')), ccxt.OrderNotFound);
    await clock.advance(1);
    expect((await run(exchange.fetchOrder(order.id ?? '', 'BTC/USDT'))).status).toBe('open');
    expect((await run(exchange.fetchOpenOrders('BTC/USDT'))).map((open) => open.clientOrderId)).toEqual(['lag-1']);
    expect(faults().map((event) => [event.kind, event.path, event.detail])).toEqual([
      ['read_lag', '/api/v3/order', { lagMs: 2000, hiddenOrderIds: [1], status: 400 }],
      ['read_lag', '/api/v3/openOrders', { lagMs: 2000, hiddenOrderIds: [1], status: 200 }],
      ['read_lag', '/api/v3/order', { lagMs: 2000, hiddenOrderIds: [1], status: 400 }],
    ]);
  });
});

describe('a fill racing a cancel', () => {
  it("fills the order before the cancel arrives: the cancel is -2011 OrderNotFound and the order ends FILLED", async () => {
    venue.control.placeExternalOrder({ symbol: 'BTC/USDT', side: 'buy', price: '30001', quantity: '0.02' });
    venue.control.placeExternalOrder({ symbol: 'BTC/USDT', side: 'buy', price: '29999', quantity: '0.03' });
    const order = await buy('race-1');
    venue.nemesis.schedule({ kind: 'cancel_race' });
    const before = lastSeq();
    const error = await expectCcxtError(run(exchange.cancelOrder(order.id ?? '', 'BTC/USDT')), ccxt.OrderNotFound);
    expect(error.message).toContain('-2011');
    expect(venue.control.order('alice', 'BTC/USDT', 'race-1')).toMatchObject({ status: 'FILLED', executedQty: '0.01' });
    // The race took what ranked before the order (the better bid) and the order itself, no more.
    expect(venue.control.book('BTC/USDT').bids).toEqual([['29999', '0.03']]);
    expect(eventTypesSince(before).slice(-2)).toEqual(['fault:cancel_race', 'request']);
    expect(faults().at(-1)?.detail).toEqual({ raced: true, orderId: 3, fill: 'all', filledQty: '0.01', status: 'FILLED' });
  });

  it('takes what rests ahead and the order together even where the sum passes one order\'s maxQty (9000)', async () => {
    venue.control.placeExternalOrder({ symbol: 'BTC/USDT', side: 'buy', price: '0.02', quantity: '500' });
    const order = await buy('race-big', '9000', '0.01');
    venue.nemesis.schedule({ kind: 'cancel_race' });
    await expectCcxtError(run(exchange.cancelOrder(order.id ?? '', 'BTC/USDT')), ccxt.OrderNotFound);
    expect(venue.control.order('alice', 'BTC/USDT', 'race-big')).toMatchObject({ status: 'FILLED', executedQty: '9000' });
  });

  it('fills part of it: the cancel succeeds and reports what was filled', async () => {
    const order = await buy('race-2', '0.01001');
    venue.nemesis.schedule({ kind: 'cancel_race', fill: 'part' });
    const canceled = await run(exchange.cancelOrder(order.id ?? '', 'BTC/USDT'));
    expect([canceled.status, canceled.filled, canceled.remaining]).toEqual(['canceled', '0.00500000', '0.00501']);
    expect(venue.control.order('alice', 'BTC/USDT', 'race-2')).toMatchObject({ status: 'CANCELED', executedQty: '0.005' });
  });

  it('races nothing when the order is no longer open', async () => {
    const order = await buy('race-3');
    await run(exchange.cancelOrder(order.id ?? '', 'BTC/USDT'));
    venue.nemesis.schedule({ kind: 'cancel_race' });
    await expectCcxtError(run(exchange.cancelOrder(order.id ?? '', 'BTC/USDT')), ccxt.OrderNotFound);
    expect(faults().at(-1)?.detail).toEqual({ raced: false, reason: 'no open order matches the cancel' });
  });
});

describe('a delay', () => {
  it('on the response: the venue answers at once, the client hears it later on the venue clock', async () => {
    venue.nemesis.schedule({ kind: 'delay', ms: 3000 }, { matching: { path: '/api/v3/time' } });
    const sentAt = clock.now();
    expect(await run(exchange.fetchTime())).toBe(sentAt);
    expect(clock.now()).toBe(sentAt + 3000);
  });

  it('on the request: the venue sees it late, so a long one is outside recvWindow (-1021)', async () => {
    venue.nemesis.schedule({ kind: 'delay', ms: 3000, phase: 'request' }, { matching: { path: '/api/v3/time' } });
    const sentAt = clock.now();
    expect(await run(exchange.fetchTime())).toBe(sentAt + 3000);
    venue.nemesis.schedule({ kind: 'delay', ms: 11_000, phase: 'request' }, { matching: POST_ORDER });
    await expectCcxtError(buy('late-1'), ccxt.InvalidNonce);
    expect(faults().map((event) => event.detail)).toEqual([
      { ms: 3000, phase: 'request' },
      { ms: 11_000, phase: 'request' },
    ]);
  });
});
