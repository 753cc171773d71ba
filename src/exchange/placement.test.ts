import { describe, expect, it } from 'vitest';
import { RandomSource, VirtualClock } from '../clock';
import { VIRTUAL_EPOCH_MS } from '../clock/virtual-clock';
import { binance } from 'ccxt';
import { DuplicateOrderError, ExchangeUnavailableError, InsufficientFundsError, MalformedResponseError, NetworkError, PlacementUnknownError, RateLimitedError } from '../domain/errors';
import type { OrderIntent } from '../domain/order';
import { createVenue, type Venue } from '../venue';
import type { Fault } from '../venue/nemesis';
import { createAdapter as retriesWithoutLookup } from '../../properties/fixtures/adapters/retries-placement-without-lookup';
import type { AdapterFactory, ExchangeAdapter } from './contract';
import { parseAdapterSettings } from './config';
import { DEFAULT_PLACEMENT_POLICY, newPlacementState, placeExactlyOnce, READ_LAG_BOUND_MS, resolveByLookup, type PlacementPolicy } from './placement';
import type { RetryInfo } from './retry';
import { createAdapter as reference } from './reference-adapter';

const POST_ORDER = { method: 'POST', path: '/api/v3/order' } as const;
const GET_ORDER = { method: 'GET', path: '/api/v3/order' } as const;
/** The default breaker's open window: after an outage the adapter sends again once it has passed. */
const BREAKER_OPEN_MS = parseAdapterSettings({ environment: 'sim' }).breaker.openMs;

interface World {
  clock: VirtualClock;
  venue: Venue;
  adapter: ExchangeAdapter;
  /** Another adapter on the same account: a restarted trading system. */
  restart(): Promise<ExchangeAdapter>;
  run<T>(work: Promise<T>): Promise<T>;
}

async function start(factory: AdapterFactory = reference): Promise<World> {
  const clock = new VirtualClock();
  const random = new RandomSource('exactly-once');
  const venue = createVenue({ clock, random });
  const credentials = venue.control.createAccount('alice');
  venue.control.deposit('alice', 'USDT', '100000');
  const env = { environment: 'sim', clock, random: random.stream('adapter'), credentials, baseUrl: 'https://api.binance.com', fetch: venue.fetch } as const;
  const adapter = await factory(env);
  await clock.run(adapter.loadMarkets());
  return { clock, venue, adapter, restart: () => factory(env), run: (work) => clock.run(work) };
}

const buy = (clientOrderId: string, price = '30000', amount = '0.01'): OrderIntent => ({ clientOrderId, symbol: 'BTC/USDT', side: 'buy', type: 'limit', price, amount });
const ordersOf = (venue: Venue, clientOrderId: string) => venue.control.orders('alice').filter((order) => order.clientOrderId === clientOrderId);
const requests = (venue: Venue) => venue.control.events().flatMap((event) => (event.type === 'request' ? [`${event.method} ${event.path}`] : []));
const sellerAt = (venue: Venue, price: string, quantity: string) => venue.control.placeExternalOrder({ symbol: 'BTC/USDT', side: 'sell', price, quantity });

describe('exactly-once placement', () => {
  it('a lost answer for an order filled on arrival is resolved by the lookup: one order, filled, in the view', async () => {
    const w = await start();
    sellerAt(w.venue, '29000', '0.01');
    w.venue.nemesis.schedule({ kind: 'response_lost' }, { matching: POST_ORDER });
    const view = await w.run(w.adapter.place(buy('tp-1')));
    expect(view).toMatchObject({ clientOrderId: 'tp-1', status: 'filled', filled: '0.01' });
    expect(ordersOf(w.venue, 'tp-1')).toHaveLength(1);
    expect(requests(w.venue).filter((request) => request === 'POST /api/v3/order')).toHaveLength(1);
  });

  it('the seeded bug retries that POST blindly and the venue, seeing no open order tp-1, places it twice', async () => {
    const w = await start(retriesWithoutLookup);
    sellerAt(w.venue, '29000', '0.01');
    w.venue.nemesis.schedule({ kind: 'response_lost' }, { matching: POST_ORDER });
    await w.run(w.adapter.place(buy('tp-1')));
    expect(ordersOf(w.venue, 'tp-1').map((order) => order.status)).toEqual(['FILLED', 'NEW']);
  });

  it('read lag hides the order after an applied 5xx: no POST is sent until the settle period proves it absent, and it is found', async () => {
    const w = await start();
    w.venue.nemesis.schedule({ kind: 'server_error', status: 500, applied: true }, { matching: POST_ORDER });
    w.venue.nemesis.schedule({ kind: 'read_lag', lagMs: 4_000 }, { matching: GET_ORDER, until: w.clock.now() + 60_000 });
    const startedAt = w.clock.now();
    const view = await w.run(w.adapter.place(buy('tp-1')));
    expect(view).toMatchObject({ clientOrderId: 'tp-1', status: 'open' });
    expect(ordersOf(w.venue, 'tp-1')).toHaveLength(1);
    expect(requests(w.venue).filter((request) => request === 'POST /api/v3/order')).toHaveLength(1);
    expect(w.venue.control.events().some((event) => event.type === 'fault' && event.kind === 'read_lag')).toBe(true);
    expect(w.clock.now() - startedAt).toBeLessThan(DEFAULT_PLACEMENT_POLICY.settleMs + 1);
  });

  it.each<[string, Fault]>([
    ['a reset connection', { kind: 'connection_reset' }],
    ['a 503 the venue did not apply', { kind: 'server_error', status: 503, applied: false }],
    ['a 503 -1001', { kind: 'server_error', status: 503, internalError: true, applied: false }],
  ])('%s: the lookup proves it absent after settling, then one retried POST places it', async (_name, fault) => {
    const w = await start();
    w.venue.nemesis.schedule(fault, { matching: POST_ORDER });
    const view = await w.run(w.adapter.place(buy('tp-1')));
    expect(view.status).toBe('open');
    expect(ordersOf(w.venue, 'tp-1')).toHaveLength(1);
    expect(requests(w.venue).filter((request) => request === 'POST /api/v3/order')).toHaveLength(1);
  });

  it('a failing lookup is asked again: reads are retried', async () => {
    const w = await start();
    w.venue.nemesis.schedule({ kind: 'response_lost' }, { matching: POST_ORDER });
    w.venue.nemesis.schedule({ kind: 'connection_reset' }, { matching: GET_ORDER, count: 2 });
    expect((await w.run(w.adapter.place(buy('tp-1')))).status).toBe('open');
    expect(ordersOf(w.venue, 'tp-1')).toHaveLength(1);
  });

  it('out of budget it throws PlacementUnknownError; reconcile then finds the order (O3), a second place finds it too', async () => {
    const w = await start();
    w.venue.nemesis.schedule({ kind: 'response_lost' }, { matching: POST_ORDER });
    w.venue.nemesis.schedule({ kind: 'server_error', status: 503 }, { matching: GET_ORDER, count: 60 });
    const error = await w.run(w.adapter.place(buy('tp-1'))).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(PlacementUnknownError);
    expect((error as PlacementUnknownError).retryable).toBe(true);
    expect(w.adapter.orders()).toEqual([]);
    w.venue.nemesis.heal();
    // 60 failed lookups opened the circuit breaker: nothing is sent until its probe is due.
    await w.run(w.clock.sleep(BREAKER_OPEN_MS));
    await w.run(w.adapter.reconcile());
    expect(w.adapter.orders().map((order) => order.clientOrderId)).toEqual(['tp-1']);
    expect(ordersOf(w.venue, 'tp-1')).toHaveLength(1);
  });

  it('a definite refusal after an unknown outcome is the typed refusal, and nothing stays pending', async () => {
    const w = await start();
    w.venue.nemesis.schedule({ kind: 'connection_reset' }, { matching: POST_ORDER });
    await expect(w.run(w.adapter.place(buy('tp-1', '30000', '5')))).rejects.toBeInstanceOf(InsufficientFundsError);
    expect(await w.run(w.adapter.reconcile())).toEqual({ drift: [] });
    expect(w.adapter.orders()).toEqual([]);
  });

  it('a duplicate-id refusal is resolved by the lookup, never by a second order', async () => {
    const w = await start();
    await w.run(w.adapter.place(buy('tp-1')));
    const restarted = await w.restart();
    expect(await w.run(restarted.place(buy('tp-1')))).toMatchObject({ clientOrderId: 'tp-1', status: 'open' });
    expect(ordersOf(w.venue, 'tp-1')).toHaveLength(1);
    expect(w.venue.control.events().some((event) => event.type === 'order_rejected' && event.code === -2010)).toBe(true);
    // The id names another order than this intent: refused, nothing sent, nothing adopted.
    const other = await w.restart();
    await expect(w.run(other.place(buy('tp-1', '31000')))).rejects.toMatchObject({ code: 'DUPLICATE_ORDER' });
    expect(other.orders()).toEqual([]);
  });

  it('placing the same intent again after an unknown outcome resumes the lookup instead of sending', async () => {
    const w = await start();
    w.venue.nemesis.schedule({ kind: 'response_lost' }, { matching: POST_ORDER });
    w.venue.nemesis.schedule({ kind: 'server_error', status: 503 }, { matching: GET_ORDER, count: 60 });
    await expect(w.run(w.adapter.place(buy('tp-1')))).rejects.toBeInstanceOf(PlacementUnknownError);
    w.venue.nemesis.heal();
    await w.run(w.clock.sleep(BREAKER_OPEN_MS));
    // Placing the same intent again resumes the lookup rather than sending.
    expect((await w.run(w.adapter.place(buy('tp-1')))).status).toBe('open');
    expect(ordersOf(w.venue, 'tp-1')).toHaveLength(1);
    expect(requests(w.venue).filter((request) => request === 'POST /api/v3/order')).toHaveLength(1);
  });
});

describe('the placement deadline', () => {
  it('no POST starts past the retry deadline, even after a lookup waited out settleMs', async () => {
    const clock = new VirtualClock();
    const random = new RandomSource('placement-deadline').stream('adapter');
    const posts: number[] = [];
    const policy = { retry: { maxAttempts: 8, baseDelayMs: 200, maxDelayMs: 400, deadlineMs: 20_000 }, settleMs: 15_000 };
    const ports = {
      // Every POST times out, and every lookup says the venue never saw it (-2013).
      post: async (): Promise<string> => {
        posts.push(clock.now());
        throw new NetworkError('request timed out');
      },
      lookup: async (): Promise<string | undefined> => undefined,
    };
    const placing = placeExactlyOnce(ports, newPlacementState(), { clientOrderId: 'tp-1', policy, clock, random });
    await expect(clock.run(placing)).rejects.toBeInstanceOf(ExchangeUnavailableError);
    expect(posts.length).toBeGreaterThan(1);
    for (const at of posts) expect(at - VIRTUAL_EPOCH_MS).toBeLessThan(policy.retry.deadlineMs);
  });
});

/**
 * placeExactlyOnce and resolveByLookup against scripted ports: each POST answer and lookup result
 * is chosen, and every POST and lookup is recorded with its clock time.
 */
describe('placeExactlyOnce, answer by answer', () => {
  const policy: PlacementPolicy = { retry: { maxAttempts: 8, baseDelayMs: 200, maxDelayMs: 400, deadlineMs: 60_000 }, settleMs: 15_000 };

  function scripted(postAnswers: Array<Error | string>, lookupAnswers: Array<string | undefined>) {
    const clock = new VirtualClock();
    const posts: number[] = [];
    const lookups: number[] = [];
    /** The error each retry followed, as onRetry (where the adapter logs retries) saw it. */
    const retries: unknown[] = [];
    const ports = {
      post: async (): Promise<string> => {
        posts.push(clock.now() - VIRTUAL_EPOCH_MS);
        const answer = postAnswers.shift() ?? new NetworkError('no answer scripted');
        if (answer instanceof Error) throw answer;
        return answer;
      },
      lookup: async (): Promise<string | undefined> => {
        lookups.push(clock.now() - VIRTUAL_EPOCH_MS);
        return lookupAnswers.shift();
      },
    };
    const random = new RandomSource('scripted').stream('adapter');
    const onRetry = (info: RetryInfo) => retries.push(info.error);
    const place = (placementPolicy = policy) => clock.run(placeExactlyOnce(ports, newPlacementState(), { clientOrderId: 'tp-1', policy: placementPolicy, clock, random, onRetry }));
    return { clock, ports, posts, lookups, retries, place };
  }

  it('the settle period outlasts the recvWindow ccxt signs with plus the read-lag bound: no request the venue may still accept is taken for absent', () => {
    const ccxtRecvWindowMs = Number(new binance().options['recvWindow']);
    expect(DEFAULT_PLACEMENT_POLICY.settleMs).toBeGreaterThanOrEqual(ccxtRecvWindowMs + READ_LAG_BOUND_MS);
  });

  it('a lost POST proven absent by a settled lookup is sent again, one retry for one failure, and that POST places it', async () => {
    const lost = new NetworkError('reset');
    const w = scripted([lost, 'order'], [undefined, undefined]);
    await expect(w.place()).resolves.toBe('order');
    expect(w.posts).toHaveLength(2);
    expect(w.posts[1]).toBeGreaterThanOrEqual(policy.settleMs);
    expect(w.retries).toEqual([lost]);
  });

  it('an order the first lookup finds is returned at once, without waiting out the settle period', async () => {
    const w = scripted([new NetworkError('reset')], ['order']);
    await expect(w.place()).resolves.toBe('order');
    expect(w.lookups).toHaveLength(1);
    expect(w.clock.now() - VIRTUAL_EPOCH_MS).toBeLessThan(policy.settleMs);
  });

  it('a duplicate-id refusal is never answered by another POST, even when the lookup does not show the order', async () => {
    const w = scripted([new DuplicateOrderError('Duplicate order sent.')], []);
    const error = await w.place().catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(PlacementUnknownError);
    expect((error as Error).message).toContain('does not show the order it refused as a duplicate');
    expect(w.posts).toHaveLength(1);
  });

  it('a duplicate-id refusal is reported as such, with the refusal as its cause', async () => {
    const refusal = new DuplicateOrderError('Duplicate order sent.');
    const w = scripted([refusal], []);
    await w.place().catch(() => undefined);
    expect(w.retries[0]).toBeInstanceOf(PlacementUnknownError);
    expect((w.retries[0] as Error).message).toContain('refused the id as a duplicate');
    expect((w.retries[0] as Error).cause).toBe(refusal);
  });

  it('a malformed answer to the POST leaves the outcome open: it is looked up, and found', async () => {
    const malformed = new MalformedResponseError('not JSON');
    const w = scripted([malformed], ['order']);
    await expect(w.place()).resolves.toBe('order');
    expect(w.posts).toHaveLength(1);
    expect(w.retries[0]).toBeInstanceOf(PlacementUnknownError);
    expect((w.retries[0] as Error).message).toContain('does not say whether it placed the order');
    expect((w.retries[0] as Error).cause).toBe(malformed);
  });

  it("a 429's Retry-After is honoured before the order is looked up: the error reaches the retry layer as it is", async () => {
    const w = scripted([new RateLimitedError('429', 40_000), 'order'], [undefined]);
    await expect(w.place()).resolves.toBe('order');
    expect(w.lookups[0]).toBeGreaterThanOrEqual(40_000);
  });

  it('out of budget, the outcome is unknown and the message says what to do', async () => {
    const w = scripted([new NetworkError('reset')], []);
    w.ports.lookup = async () => {
      throw new NetworkError('lookup reset');
    };
    const error = await w.place({ ...policy, retry: { ...policy.retry, maxAttempts: 2 } }).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(PlacementUnknownError);
    expect((error as Error).message).toContain('place the same intent again or reconcile');
  });

  it('a lookup that waited out the settle period up to the deadline sends no POST at the deadline', async () => {
    const w = scripted([new NetworkError('reset')], [undefined, undefined]);
    const error = await w.place({ retry: { ...policy.retry, deadlineMs: policy.settleMs }, settleMs: policy.settleMs }).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(ExchangeUnavailableError);
    expect((error as Error).message).toContain(`deadline of ${policy.settleMs} ms`);
    expect(w.posts).toEqual([0]);
  });

  it('a policy with no time for retries still sends the one POST', async () => {
    const w = scripted(['order'], []);
    await expect(w.place({ ...policy, retry: { ...policy.retry, deadlineMs: 0 } })).resolves.toBe('order');
  });
});

describe('resolveByLookup', () => {
  const settleMs = 15_000;
  const counting = (answers: Array<string | undefined>) => {
    const calls: number[] = [];
    return { calls, lookup: async () => (calls.push(0), answers.shift()) };
  };

  it('looks nothing up when nothing was sent', async () => {
    const clock = new VirtualClock();
    const ports = counting(['order']);
    expect(await clock.run(resolveByLookup(ports, newPlacementState(), clock, settleMs))).toBeUndefined();
    expect(ports.calls).toHaveLength(0);
  });

  it.each([
    ['exactly at', 0],
    ['after', 1],
  ])('a -2013 %s the settle time is conclusive: asked once, the intent is not placed', async (_when, extraMs) => {
    const clock = new VirtualClock();
    const state = { sentAt: clock.now() - settleMs - extraMs, mustExist: false };
    const ports = counting([undefined, 'order']);
    expect(await clock.run(resolveByLookup(ports, state, clock, settleMs))).toBeUndefined();
    expect(ports.calls).toHaveLength(1);
    expect(state.sentAt).toBeUndefined();
  });
});
