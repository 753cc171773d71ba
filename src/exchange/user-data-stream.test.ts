import { describe, expect, it } from 'vitest';
import { RandomSource, VirtualClock } from '../clock';
import { MalformedResponseError, NetworkError } from '../domain/errors';
import { DEFAULT_STREAM_BACKOFF, SILENCE_LIMIT_MS, UserDataStream, type UserDataConnection } from './user-data-stream';

/**
 * The stream supervisor against scripted connections on the virtual clock: what it does when a
 * connection ends, goes quiet, loses its subscription or brings a report it cannot read.
 */
interface Script {
  /** Makes `nextOrderReports` resolve with these reports (once). */
  push(reports: unknown[]): void;
  /** The same for `nextTradeReports` and `nextBalanceEvent`. */
  pushTrades(reports: unknown[]): void;
  pushBalance(event: unknown): void;
  /** Ends the connection as a drop does: every pending and later `next*` rejects. */
  drop(): void;
  endSubscription(): void;
  hear(): void;
  closed: boolean;
}

/** One `next*` feed of a scripted connection: what is pushed resolves the pending call. */
function feed<T>(failure: () => Error | undefined) {
  let waiting: { resolve: (value: T) => void; reject: (error: Error) => void } | undefined;
  return {
    next: () =>
      new Promise<T>((resolve, reject) => {
        const failed = failure();
        if (failed !== undefined) reject(failed);
        else waiting = { resolve, reject };
      }),
    push: (value: T) => {
      waiting?.resolve(value);
      waiting = undefined;
    },
    fail: (error: Error) => waiting?.reject(error),
  };
}

type ConnectionOptions = { subscribe?: (() => Promise<void>) | undefined };

function scriptedConnection(clock: VirtualClock, scripts: Script[], options: ConnectionOptions = {}): UserDataConnection {
  let failure: Error | undefined;
  let ended: (() => void) | undefined;
  let lastHeardAt: number | undefined;
  const [orders, trades, balances] = [feed<unknown[]>(() => failure), feed<unknown[]>(() => failure), feed<unknown>(() => failure)];
  const heard = <T>(push: (value: T) => void) => (value: T) => {
    lastHeardAt = clock.now();
    push(value);
  };
  const script: Script = {
    push: heard(orders.push),
    pushTrades: heard(trades.push),
    pushBalance: heard(balances.push),
    drop: () => {
      failure = new NetworkError('connection closed by remote server, closing code 1001');
      for (const each of [orders, trades, balances]) each.fail(failure);
    },
    endSubscription: () => ended?.(),
    hear: () => {
      lastHeardAt = clock.now();
    },
    closed: false,
  };
  scripts.push(script);
  return {
    subscribe: options.subscribe ?? (async () => script.hear()),
    nextOrderReports: orders.next,
    nextTradeReports: trades.next,
    nextBalanceEvent: balances.next,
    lastHeardAt: () => lastHeardAt,
    onSubscriptionEnded: (listener) => {
      ended = listener;
    },
    close: async () => {
      script.closed = true;
      script.drop();
    },
  };
}

interface StartOptions extends ConnectionOptions {
  applyReport?: (raw: unknown) => Promise<void>;
  resync?: () => Promise<void>;
  connect?: () => Promise<void>;
  start?: boolean;
}

function start(overrides: StartOptions = {}) {
  const clock = new VirtualClock();
  const scripts: Script[] = [];
  const applied: unknown[] = [];
  const balances: unknown[] = [];
  const resyncs: number[] = [];
  const random = new RandomSource('user-data-stream').stream('backoff');
  const draw = random.next.bind(random);
  let draws = 0;
  random.next = () => {
    draws += 1;
    return draw();
  };
  const stream = new UserDataStream({
    clock,
    random,
    connect: async () => {
      await overrides.connect?.();
      return scriptedConnection(clock, scripts, { subscribe: overrides.subscribe });
    },
    applyReport: overrides.applyReport ?? (async (raw) => void applied.push(raw)),
    observeBalance: (raw) => void balances.push(raw),
    resync: async () => {
      resyncs.push(clock.now());
      await overrides.resync?.();
    },
  });
  if (overrides.start !== false) stream.start();
  const wait = (ms: number): Promise<void> => clock.run(clock.sleep(ms));
  return { clock, stream, scripts, applied, balances, resyncs, wait, draws: () => draws };
}

/** The gaps between successive times. */
function gapsOf(times: readonly number[]): number[] {
  return times.slice(1).map((time, index) => time - (times[index] ?? 0));
}

describe('the user-data stream supervisor', () => {
  it('subscribes, resyncs, then says live and applies every report in order', async () => {
    const { stream, scripts, applied, resyncs, wait } = start();
    await wait(1);
    expect(stream.status()).toEqual({ state: 'live', sessions: 1, lastEnd: undefined });
    expect(resyncs).toHaveLength(1);
    scripts[0]?.push(['a', 'b']);
    await wait(1);
    scripts[0]?.push(['c']);
    await wait(1);
    expect(applied).toEqual(['a', 'b', 'c']);
  });

  it('after a drop, backs off within the first window, reconnects and resyncs before it is live again', async () => {
    const { clock, stream, scripts, resyncs, wait } = start();
    await wait(1);
    const droppedAt = clock.now();
    scripts[0]?.drop();
    await wait(0);
    expect(stream.status().state).toBe('backing_off');
    expect(stream.status().lastEnd).toMatch(/closing code 1001/);
    await wait(DEFAULT_STREAM_BACKOFF.baseDelayMs);
    expect(scripts).toHaveLength(2);
    expect(scripts[0]?.closed).toBe(true);
    expect(stream.status()).toMatchObject({ state: 'live', sessions: 2 });
    expect(resyncs).toHaveLength(2);
    expect((resyncs[1] ?? 0) - droppedAt).toBeLessThanOrEqual(DEFAULT_STREAM_BACKOFF.baseDelayMs);
  });

  it('while connects keep failing, waits longer each time, never beyond the cap', async () => {
    let attempts = 0;
    const times: number[] = [];
    const clock = new VirtualClock();
    const stream = new UserDataStream({
      clock,
      random: new RandomSource('refused').stream('backoff'),
      connect: async () => {
        attempts += 1;
        times.push(clock.now());
        throw new NetworkError('Unexpected server response: 503');
      },
      applyReport: async () => undefined,
      observeBalance: () => undefined,
      resync: async () => undefined,
    });
    stream.start();
    await clock.run(clock.sleep(10 * 60_000));
    const gaps = gapsOf(times);
    expect(attempts).toBeGreaterThan(15);
    expect(attempts).toBeLessThan(200);
    expect(Math.max(...gaps)).toBeLessThanOrEqual(DEFAULT_STREAM_BACKOFF.maxDelayMs);
    expect(stream.status()).toMatchObject({ state: 'backing_off', sessions: 0, lastEnd: 'NetworkError: Unexpected server response: 503' });
    // Closed from the moment close() is asked, not only once the supervisor has wound down.
    const closing = stream.close();
    expect(stream.status().state).toBe('closed');
    await clock.run(closing);
    expect(stream.status().state).toBe('closed');
  });

  it('takes a connection that hears nothing for the silence limit for dead, and connects again', async () => {
    const { stream, scripts, wait } = start();
    await wait(1);
    await wait(SILENCE_LIMIT_MS);
    expect(stream.status().state).toBe('live');
    expect(scripts).toHaveLength(1);
    await wait(30_000);
    expect(scripts[0]?.closed).toBe(true);
    // Subscribed (heard) at 0, checked every 15 s: 75 s is the first check past the 60 s limit.
    expect(stream.status()).toMatchObject({ sessions: 2, lastEnd: 'StreamSilentError: nothing heard for 75000 ms: the connection is taken for dead' });
  });

  it('keeps a quiet connection whose venue pings keep arriving', async () => {
    const { stream, scripts, wait } = start();
    for (let second = 0; second < 300; second += 20) {
      scripts[0]?.hear();
      await wait(20_000);
    }
    expect(scripts).toHaveLength(1);
    expect(stream.status()).toMatchObject({ state: 'live', sessions: 1 });
  });

  it('subscribes again on a new connection when the venue ends the subscription', async () => {
    const { stream, scripts, resyncs, wait } = start();
    await wait(1);
    scripts[0]?.endSubscription();
    await wait(DEFAULT_STREAM_BACKOFF.baseDelayMs + 1);
    expect(scripts[0]?.closed).toBe(true);
    expect(stream.status()).toMatchObject({ state: 'live', sessions: 2, lastEnd: 'the venue ended the subscription' });
    expect(resyncs).toHaveLength(2);
  });

  it('ends the session on a report it cannot read, and resyncs on the next one', async () => {
    const applied: unknown[] = [];
    const { stream, scripts, resyncs, wait } = start({
      applyReport: async (raw) => {
        if (raw === 'garbage') throw new MalformedResponseError('malformed executionReport from the venue');
        applied.push(raw);
      },
    });
    await wait(1);
    scripts[0]?.push(['garbage']);
    await wait(DEFAULT_STREAM_BACKOFF.baseDelayMs + 1);
    expect(applied).toEqual([]);
    expect(stream.status()).toMatchObject({ state: 'live', sessions: 2, lastEnd: expect.stringMatching(/MalformedResponseError/) });
    expect(resyncs).toHaveLength(2);
  });

  it('close() ends the connection and stops reconnecting', async () => {
    const { clock, stream, scripts, wait } = start();
    await wait(1);
    await clock.run(stream.close());
    await wait(60_000);
    expect(scripts).toHaveLength(1);
    expect(scripts[0]?.closed).toBe(true);
    expect(stream.status().state).toBe('closed');
  });

  it('says connecting before its first connection and while one is being made', async () => {
    let admit: () => void = () => undefined;
    const { stream, wait } = start({ start: false, connect: () => new Promise<void>((resolve) => (admit = resolve)) });
    expect(stream.status()).toEqual({ state: 'connecting', sessions: 0, lastEnd: undefined });
    stream.start();
    await wait(1);
    expect(stream.status().state).toBe('connecting');
    admit();
    await wait(1);
    expect(stream.status()).toEqual({ state: 'live', sessions: 1, lastEnd: undefined });
  });

  it('applies trade reports and observes balance events from their own feeds', async () => {
    const { scripts, applied, balances, wait } = start();
    await wait(1);
    scripts[0]?.pushTrades(['trade 1', 'trade 2']);
    scripts[0]?.pushBalance({ BTC: '1' });
    await wait(1);
    scripts[0]?.pushTrades(['trade 3']);
    await wait(1);
    expect([applied, balances]).toEqual([['trade 1', 'trade 2', 'trade 3'], [{ BTC: '1' }]]);
  });

  it('takes a subscription refused for an attempt that failed: the waits grow, and the refusal is the last end', async () => {
    const { stream, resyncs, wait } = start({ subscribe: () => Promise.reject(new NetworkError('subscribe refused')) });
    await wait(10 * 60_000);
    expect(stream.status()).toMatchObject({ sessions: 0, lastEnd: 'NetworkError: subscribe refused' });
    expect(resyncs).toEqual([]);
    expect(stream.status().state).toBe('backing_off');
  });

  it('counts a connection that ends before its resync is done as a failed attempt: it never was live', async () => {
    const { clock, stream, scripts, resyncs, wait } = start({ resync: () => new Promise(() => undefined) });
    await wait(1);
    const drops: number[] = [];
    for (let attempt = 0; attempt < 30; attempt += 1) {
      drops.push(clock.now());
      scripts.at(-1)?.drop();
      await wait(DEFAULT_STREAM_BACKOFF.maxDelayMs + 1);
    }
    expect(stream.status()).toMatchObject({ sessions: 0, state: 'resyncing' });
    // From each drop to the next attempt's resync: the backoff, whose window doubles from 0.5 s
    // per failed attempt; by the 20th it draws from the whole 30 s cap. Were each attempt taken
    // for live, every window would be the first.
    const backoffs = drops.map((droppedAt, index) => (resyncs[index + 1] ?? Number.NaN) - droppedAt);
    expect(Math.max(...backoffs.slice(-10))).toBeGreaterThan(4 * DEFAULT_STREAM_BACKOFF.baseDelayMs);
  });

  it('close() during a resync counts no session, and close() leaves no backoff behind', async () => {
    const { clock, stream, draws, wait } = start({ resync: () => new Promise(() => undefined) });
    await wait(1);
    expect(stream.status().state).toBe('resyncing');
    const drawn = draws();
    await clock.run(stream.close());
    expect([stream.status(), draws()]).toEqual([{ state: 'closed', sessions: 0, lastEnd: expect.any(String) }, drawn]);
  });

  it('close() called as the resync completes: the stream never says live', async () => {
    let resynced: () => void = () => undefined;
    const { clock, stream, wait } = start({ resync: () => new Promise<void>((resolve) => (resynced = resolve)) });
    await wait(1);
    resynced();
    await clock.run(stream.close());
    expect(stream.status()).toMatchObject({ state: 'closed', sessions: 0 });
  });

  it('close() before start() says closed and connects nothing', async () => {
    const { clock, stream, scripts, wait } = start({ start: false });
    await clock.run(stream.close());
    stream.start();
    await wait(60_000);
    expect([stream.status().state, scripts.length]).toEqual(['closed', 0]);
  });
});
