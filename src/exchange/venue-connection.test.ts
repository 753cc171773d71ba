import { describe, expect, it } from 'vitest';
import { RandomSource, VirtualClock } from '../clock';
import type { Clock } from '../clock/clock';
import { CircuitOpenError, MalformedResponseError, QueueClosedError } from '../domain/errors';
import type { OrderIntent } from '../domain/order';
import { createVenue, type Venue } from '../venue';
import { startLoopbackServer } from '../venue/transport/http-server';
import { parseAdapterSettings, type AdapterSettings } from './config';
import type { AdapterEnvironment, FetchLike } from './contract';
import { createReferenceAdapter, type ReferenceAdapter } from './reference-adapter';
import { memorySink, type MemorySink } from './request-log';

interface World {
  clock: VirtualClock;
  venue: Venue;
  adapter: ReferenceAdapter;
  log: MemorySink;
  run<T>(work: Promise<T>): Promise<T>;
}

/** A venue holding alice's account with 100,000 USDT, for a test that builds its adapter itself. */
function bare(seed: string) {
  const clock = new VirtualClock();
  const random = new RandomSource(seed);
  const venue = createVenue({ clock, random });
  const credentials = venue.control.createAccount('alice');
  venue.control.deposit('alice', 'USDT', '100000');
  return { clock, random, venue, credentials };
}

async function start(settings?: Partial<AdapterSettings>): Promise<World> {
  const { clock, random, venue, credentials } = bare('venue-connection');
  const env: AdapterEnvironment = { environment: 'sim', clock, random: random.stream('adapter'), credentials, baseUrl: 'https://api.binance.com', fetch: venue.fetch };
  const log = memorySink();
  const adapter = await createReferenceAdapter(env, { settings: { ...parseAdapterSettings({ environment: 'sim' }), ...settings }, logDestination: log });
  await clock.run(adapter.loadMarkets());
  return { clock, venue, adapter, log, run: (work) => clock.run(work) };
}

const buy = (clientOrderId: string): OrderIntent => ({ clientOrderId, symbol: 'BTC/USDT', side: 'buy', type: 'limit', price: '30000', amount: '0.01' });
const requestEvents = (venue: Venue) => venue.control.events().flatMap((event) => (event.type === 'request' ? [event] : []));
/** The requests after loadMarkets's, which end with its account read. */
const requestsAfterLoad = (venue: Venue) => {
  const requests = requestEvents(venue);
  return requests.slice(requests.findIndex((event) => event.path === '/api/v3/account') + 1);
};
const requestLines = (log: MemorySink) => log.records().filter((record) => record['msg'] === 'request');

describe('the reference adapter wired to limiter, breaker, time sync and telemetry', () => {
  it('logs every request once with the intent as correlation id, and counts what the venue counts (M1, M2)', async () => {
    const w = await start();
    await w.run(w.adapter.place(buy('tp-1')));
    await w.run(w.adapter.cancel('BTC/USDT', 'tp-1'));
    const lines = requestLines(w.log);
    expect(lines.map((line) => `${String(line['correlationId'])} ${String(line['method'])} ${String(line['path'])}`)).toEqual([
      'loadMarkets GET /api/v3/exchangeInfo',
      'loadMarkets GET /api/v3/account',
      'tp-1 POST /api/v3/order',
      'tp-1 DELETE /api/v3/order',
    ]);
    expect(lines).toHaveLength(requestEvents(w.venue).length);
    expect(lines.every((line) => line['exchange'] === 'binance' && line['environment'] === 'sim')).toBe(true);
    const counted = [...(await w.adapter.metricsText()).matchAll(/^tradeprop_exchange_requests_total\{[^}]*\} (\d+)$/gm)].reduce((sum, match) => sum + Number(match[1]), 0);
    expect(counted).toBe(requestEvents(w.venue).length);
  });

  it('holds orders to both ORDERS windows: ten seconds and a day', async () => {
    const w = await start({ limits: { weightPerMinute: 6000, ordersPer10s: 2, ordersPerDay: 3, queueSize: 10 } });
    const startedAt = w.clock.now();
    await w.run(Promise.all(['tp-1', 'tp-2', 'tp-3', 'tp-4'].map((id) => w.adapter.place(buy(id)))));
    const windows = requestsAfterLoad(w.venue).filter((event) => event.method === 'POST').map((event) => [Math.floor(event.at / 10_000) - Math.floor(startedAt / 10_000), Math.floor(event.at / 86_400_000) - Math.floor(startedAt / 86_400_000)]);
    expect(windows).toEqual([[0, 0], [0, 0], [1, 0], [expect.any(Number), 1]]);
  });

  it('numbers a read\'s retries of one route 1, 2, 3 under its correlation id', async () => {
    const w = await start();
    w.venue.nemesis.schedule({ kind: 'server_error', status: 503 }, { count: 2 });
    await w.run(w.adapter.fetchBalances());
    const retried = requestLines(w.log).slice(2).map((line) => `${String(line['correlationId'])} ${String(line['path'])} ${String(line['attempt'])}`);
    expect(retried).toEqual(['fetchBalances /api/v3/account 1', 'fetchBalances /api/v3/account 2', 'fetchBalances /api/v3/account 3']);
  });

  it('takes a limits reload before the first request: there is no answer yet to brief the new limiter with', async () => {
    const { clock, random, venue, credentials } = bare('reload-first');
    const adapter = await createReferenceAdapter({ environment: 'sim', clock, random: random.stream('adapter'), credentials, baseUrl: 'https://api.binance.com', fetch: venue.fetch });
    adapter.reloadConfig({ environment: 'sim', limits: { weightPerMinute: 100 } });
    await clock.run(adapter.loadMarkets());
    expect(adapter.effectiveSettings().limits.weightPerMinute).toBe(100);
  });

  it('takes venue time at start from the exchangeInfo answer; asks GET /api/v3/time only when that answer carries none', async () => {
    for (const carriesTime of [true, false]) {
      const { clock, random, venue, credentials } = bare('venue-time-at-start');
      const withoutServerTime: FetchLike = async (url, init) => {
        const response = await venue.fetch(url, init);
        if (!url.includes('/api/v3/exchangeInfo')) return response;
        const body: unknown = JSON.parse(await response.text());
        const rest = typeof body === 'object' && body !== null ? Object.fromEntries(Object.entries(body).filter(([key]) => key !== 'serverTime')) : body;
        return { ...response, text: async () => JSON.stringify(rest) };
      };
      const env: AdapterEnvironment = { environment: 'sim', clock, random: random.stream('adapter'), credentials, baseUrl: 'https://api.binance.com', fetch: carriesTime ? venue.fetch : withoutServerTime };
      const adapter = await createReferenceAdapter(env);
      venue.nemesis.schedule({ kind: 'clock_jump', offsetMs: -20_000 });
      await clock.run(adapter.loadMarkets());
      const routes = requestEvents(venue).map((event) => `${event.method} ${event.path}`);
      expect(routes, `serverTime in exchangeInfo: ${carriesTime}`).toEqual(carriesTime ? ['GET /api/v3/exchangeInfo', 'GET /api/v3/account'] : ['GET /api/v3/exchangeInfo', 'GET /api/v3/time', 'GET /api/v3/account']);
      expect(adapter.health().timeOffsetMs).toBe(-20_000);
    }
  });

  it('a GET /api/v3/time answer without serverTime is a MalformedResponseError, not a venue time of undefined', async () => {
    const { clock, random, venue, credentials } = bare('time-without-server-time');
    const withoutServerTime: FetchLike = async (url, init) => {
      const response = await venue.fetch(url, init);
      return url.includes('/api/v3/exchangeInfo') || url.includes('/api/v3/time') ? { ...response, text: async () => '{"symbols":[]}' } : response;
    };
    const adapter = await createReferenceAdapter({ environment: 'sim', clock, random: random.stream('adapter'), credentials, baseUrl: 'https://api.binance.com', fetch: withoutServerTime });
    await expect(clock.run(adapter.loadMarkets())).rejects.toThrow(new MalformedResponseError('GET /api/v3/time answered without serverTime'));
  });

  it('over loopback, works with a clock that takes no note of I/O in flight (a real clock has no whileInFlight)', async () => {
    const { clock, random, venue, credentials } = bare('loopback-plain-clock');
    const server = await startLoopbackServer(venue);
    const plainClock: Clock = { now: () => clock.now(), sleep: (ms, signal) => clock.sleep(ms, signal) };
    const adapter = await createReferenceAdapter({ environment: 'sim', clock: plainClock, random: random.stream('adapter'), credentials, baseUrl: server.baseUrl });
    try {
      // Not driven by clock.run, which takes no I/O in flight for a hang: these calls wait on no timer.
      await adapter.loadMarkets();
      expect((await adapter.fetchBalances())['USDT']).toEqual({ free: '100000', locked: '0' });
    } finally {
      await adapter.close();
      await server.close();
    }
  });

  it('with time sync turned off by a reload, a -1021 is answered as it is: no GET /api/v3/time, no retry', async () => {
    const w = await start();
    w.adapter.reloadConfig({ environment: 'sim', features: { timeSync: false } });
    w.venue.nemesis.schedule({ kind: 'clock_jump', offsetMs: -20_000 });
    await expect(w.run(w.adapter.place(buy('tp-1')))).rejects.toMatchObject({ code: 'INVALID_NONCE' });
    const routes = requestsAfterLoad(w.venue).map((event) => `${event.method} ${event.path} ${event.status}`);
    expect(routes.filter((route) => route.startsWith('POST') || route.includes('/time'))).toEqual(['POST /api/v3/order 400']);
  });

  it('with time sync off from the start, takes no venue time from the exchangeInfo answer', async () => {
    const features = { timeSync: false, rateLimiter: true, circuitBreaker: true };
    const [on, off] = [await start(), await start({ features })];
    expect([on.adapter.health().timeOffsetMs, off.adapter.health().timeOffsetMs]).toEqual([0, undefined]);
  });

  it('a -1021 is cured by one resync and one retry, never a blind retry (S3)', async () => {
    const w = await start();
    w.venue.nemesis.schedule({ kind: 'clock_jump', offsetMs: -20_000 });
    const view = await w.run(w.adapter.place(buy('tp-1')));
    expect(view.status).toBe('open');
    const routes = requestsAfterLoad(w.venue).map((event) => `${event.method} ${event.path} ${event.status}`);
    expect(routes).toEqual(['POST /api/v3/order 400', 'GET /api/v3/time 200', 'POST /api/v3/order 200']);
    expect(w.adapter.health().timeOffsetMs).toBe(-20_000);
  });

  it('honours Retry-After: after a 429 nothing is sent before it elapses (R3)', async () => {
    const w = await start();
    w.venue.nemesis.schedule({ kind: 'rate_limit_storm', retryAfterSeconds: 7 }, { count: 1 });
    const before = w.clock.now();
    await w.run(w.adapter.fetchBalances());
    // The storm answers 429 in the venue's stead (a fault event); the retry is the next request it sees.
    expect(w.venue.control.events().some((event) => event.type === 'fault' && event.kind === 'rate_limit_storm')).toBe(true);
    const [retried] = requestsAfterLoad(w.venue);
    expect(retried?.status).toBe(200);
    expect((retried?.at ?? 0) - before).toBeGreaterThanOrEqual(7_000);
  });

  it('opens the breaker after repeated failures: health is down and calls are refused unsent (C2)', async () => {
    const w = await start({ breaker: { failureThreshold: 3, openMs: 10_000 } });
    w.venue.nemesis.schedule({ kind: 'maintenance' });
    await expect(w.run(w.adapter.fetchBalances())).rejects.toBeInstanceOf(CircuitOpenError);
    expect(w.adapter.health()).toMatchObject({ status: 'down', breaker: 'open' });
    const sent = requestEvents(w.venue).length;
    await expect(w.run(w.adapter.fetchBalances())).rejects.toBeInstanceOf(CircuitOpenError);
    expect(requestEvents(w.venue)).toHaveLength(sent);
    w.venue.nemesis.heal();
    await w.run(w.clock.sleep(10_000));
    await w.run(w.adapter.fetchBalances());
    expect(w.adapter.health()).toMatchObject({ status: 'ok', breaker: 'closed', queueDepth: 0 });
  });

  it('a cancel passes an open breaker and leaves it as it was: exposure can always be lowered', async () => {
    const w = await start({ breaker: { failureThreshold: 3, openMs: 10_000 } });
    await w.run(w.adapter.place(buy('tp-1')));
    w.venue.nemesis.schedule({ kind: 'maintenance' });
    await expect(w.run(w.adapter.fetchBalances())).rejects.toBeInstanceOf(CircuitOpenError);
    w.venue.nemesis.heal();
    const canceled = await w.run(w.adapter.cancel('BTC/USDT', 'tp-1'));
    expect(canceled.status).toBe('canceled');
    expect(w.adapter.health()).toMatchObject({ breaker: 'open' });
    await expect(w.run(w.adapter.fetchBalances())).rejects.toBeInstanceOf(CircuitOpenError);
  });

  it('the reads that complete a cancel pass an open breaker too: a partly filled order is canceled with its fills', async () => {
    const w = await start({ breaker: { failureThreshold: 3, openMs: 10_000 } });
    await w.run(w.adapter.place(buy('tp-1')));
    w.venue.control.takeExternal({ symbol: 'BTC/USDT', side: 'sell', quantity: '0.004' });
    w.venue.nemesis.schedule({ kind: 'maintenance' });
    await expect(w.run(w.adapter.fetchBalances())).rejects.toBeInstanceOf(CircuitOpenError);
    w.venue.nemesis.heal();
    const canceled = await w.run(w.adapter.cancel('BTC/USDT', 'tp-1'));
    expect(canceled).toMatchObject({ status: 'canceled', filled: '0.004', averagePrice: '30000' });
    expect(requestsAfterLoad(w.venue).slice(-2).map((event) => `${event.method} ${event.path}`)).toEqual(['DELETE /api/v3/order', 'GET /api/v3/myTrades']);
    expect(w.adapter.health()).toMatchObject({ breaker: 'open' });
  });

  it('close rejects queued work with QueueClosedError', async () => {
    const w = await start({ limits: { weightPerMinute: 25, ordersPer10s: 100, ordersPerDay: 200_000, queueSize: 10 } });
    // The load's 41 weight filled this minute's 25: the next request waits in the queue.
    const queued = w.adapter.fetchBalances();
    expect(w.adapter.health().queueDepth).toBe(1);
    const refused = expect(queued).rejects.toThrow(new QueueClosedError('the adapter was closed', 'GET /api/v3/account'));
    await w.adapter.close();
    await refused;
  });

  it('reports itself degraded while the limiter queue is full, and ok once it drains', async () => {
    const w = await start({ limits: { weightPerMinute: 25, ordersPer10s: 100, ordersPerDay: 200_000, queueSize: 2 } });
    // The load's 41 weight filled this minute's 25: both reads wait, which fills the queue of 2.
    const queued = Promise.all([w.adapter.fetchBalances(), w.adapter.fetchBalances()]);
    expect(w.adapter.health()).toMatchObject({ status: 'degraded', queueDepth: 2, breaker: 'closed' });
    await w.run(queued);
    expect(w.adapter.health()).toMatchObject({ status: 'ok', queueDepth: 0 });
  });

  it('masks the API key and secret wherever they turn up, free text included: an error message kept for health() (S1)', async () => {
    const { clock, random, venue, credentials } = bare('masked');
    // A transport whose failure quotes what it was sending, credentials and all.
    let loaded = false;
    const leaky: FetchLike = async (url, init) => {
      if (url.includes('/api/v3/account') && loaded) throw new Error(`proxy refused ${url} key=${credentials.apiKey} secret=${credentials.secret}`);
      return venue.fetch(url, init);
    };
    const log = memorySink();
    const env: AdapterEnvironment = { environment: 'sim', clock, random: random.stream('adapter'), credentials, baseUrl: 'https://api.binance.com', fetch: leaky };
    const adapter = await createReferenceAdapter(env, { settings: parseAdapterSettings({ environment: 'sim', logLevel: 'debug', retry: { maxAttempts: 1 } }), logDestination: log });
    await clock.run(adapter.loadMarkets());
    loaded = true;
    await expect(clock.run(adapter.fetchBalances())).rejects.toMatchObject({ code: 'UNKNOWN_EXCHANGE_ERROR' });
    // The failure's message is kept for health(); the request line carries its code.
    const { lastError } = adapter.health();
    expect(lastError?.message).toContain('proxy refused');
    expect(log.records().filter((record) => record['msg'] === 'request').at(-1)).toMatchObject({ path: '/api/v3/account', code: 'UNKNOWN_EXCHANGE_ERROR' });
    for (const value of [credentials.apiKey, credentials.secret]) {
      expect(JSON.stringify(lastError)).not.toContain(value);
      expect(log.lines.join('\n')).not.toContain(value);
    }
  });
});

describe('a hot reload swaps only the layers whose settings changed', () => {
  const BREAKER = { failureThreshold: 3, openMs: 10_000 };
  const openBreaker = async () => {
    const w = await start({ breaker: BREAKER });
    w.venue.nemesis.schedule({ kind: 'maintenance' });
    await expect(w.run(w.adapter.fetchBalances())).rejects.toMatchObject({ code: 'CIRCUIT_OPEN', breaker: 'binance/sim' });
    w.venue.nemesis.heal();
    return w;
  };

  it('keeps an open breaker through a reload of other settings, and starts a closed one when the breaker settings change', async () => {
    const w = await openBreaker();
    w.adapter.reloadConfig({ environment: 'sim', breaker: BREAKER, logLevel: 'warn', retry: { maxAttempts: 2 } });
    expect(w.adapter.health().breaker).toBe('open');
    await expect(w.run(w.adapter.fetchBalances())).rejects.toBeInstanceOf(CircuitOpenError);
    w.adapter.reloadConfig({ environment: 'sim', breaker: BREAKER, limits: { weightPerMinute: 5000 } });
    expect(w.adapter.health().breaker).toBe('open');
    w.adapter.reloadConfig({ environment: 'sim', breaker: { ...BREAKER, failureThreshold: 4 } });
    expect(w.adapter.health().breaker).toBe('closed');
    await expect(w.run(w.adapter.fetchBalances())).resolves.toBeDefined();
  });

  it('turns the breaker off and on again by its feature flag', async () => {
    const w = await openBreaker();
    w.adapter.reloadConfig({ environment: 'sim', breaker: BREAKER, features: { circuitBreaker: false, rateLimiter: false } });
    await expect(w.run(w.adapter.fetchBalances())).resolves.toBeDefined();
    // No breaker and no limiter: health reads them as closed and empty.
    expect(w.adapter.health()).toMatchObject({ status: 'ok', breaker: 'closed', queueDepth: 0 });
    w.adapter.reloadConfig({ environment: 'sim', breaker: BREAKER, features: { circuitBreaker: true } });
    expect(w.adapter.health().breaker).toBe('closed');
    w.venue.nemesis.schedule({ kind: 'maintenance' });
    await expect(w.run(w.adapter.fetchBalances())).rejects.toBeInstanceOf(CircuitOpenError);
  });

  it('keeps the limiter, an IP ban included, through a reload of other settings; a limits change starts a new one without the ban', async () => {
    // One attempt a read: the 418 comes back to the caller instead of being waited out.
    const retry = { maxAttempts: 1, baseDelayMs: 100, maxDelayMs: 2_000, deadlineMs: 30_000 };
    const w = await start({ retry });
    const banned = async () => {
      w.venue.nemesis.schedule({ kind: 'rate_limit_storm', ban: true }, { count: 1 });
      await expect(w.run(w.adapter.fetchBalances())).rejects.toBeDefined();
      return w.clock.now();
    };
    const bannedAt = await banned();
    w.adapter.reloadConfig({ environment: 'sim', retry, logLevel: 'warn', breaker: { failureThreshold: 9 } });
    await w.run(w.adapter.fetchBalances());
    expect(w.clock.now() - bannedAt).toBeGreaterThanOrEqual(60_000);
    const bannedAgainAt = await banned();
    w.adapter.reloadConfig({ environment: 'sim', retry, breaker: { failureThreshold: 9 }, limits: { weightPerMinute: 5000 } });
    await w.run(w.adapter.fetchBalances());
    expect(w.clock.now() - bannedAgainAt).toBeLessThan(1000);
  });

  it('briefs a new limiter with the venue\'s counts, and turns the limiter off by its feature flag', async () => {
    const limits = { weightPerMinute: 60, ordersPer10s: 100, ordersPerDay: 200_000, queueSize: 10 };
    const w = await start({ limits });
    const threeReads = () => w.run(Promise.all([w.adapter.fetchBalances(), w.adapter.fetchBalances(), w.adapter.fetchBalances()]));
    // 60 weight a minute, 20 a read: loadMarkets' two reads and one of these fill the first
    // minute, the other two go at the start of the next, and one more fills that one.
    await threeReads();
    const fullAt = w.clock.now();
    await w.run(w.adapter.fetchBalances());
    expect(w.clock.now()).toBe(fullAt);
    w.adapter.reloadConfig({ environment: 'sim', limits: { ...limits, weightPerMinute: 61 } });
    const briefedAt = w.clock.now();
    await w.run(w.adapter.fetchBalances());
    expect(w.clock.now()).toBe(Math.floor(briefedAt / 60_000) * 60_000 + 60_000);
    await threeReads();
    w.adapter.reloadConfig({ environment: 'sim', limits: { ...limits, weightPerMinute: 61 }, features: { rateLimiter: false } });
    const offAt = w.clock.now();
    await threeReads();
    expect(w.clock.now() - offAt).toBe(0);
  });

});
