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
  /** Ends the connection as a drop does: every pending and later `next*` rejects. */
  drop(): void;
  endSubscription(): void;
  hear(): void;
  closed: boolean;
}

function scriptedConnection(clock: VirtualClock, scripts: Script[], options: { subscribe?: () => Promise<void> } = {}): UserDataConnection {
  let failure: Error | undefined;
  let waiting: { resolve: (reports: unknown[]) => void; reject: (error: Error) => void } | undefined;
  const parked: Array<(error: Error) => void> = [];
  let ended: (() => void) | undefined;
  let lastHeardAt: number | undefined;
  const park = <T>(): Promise<T> =>
    new Promise<T>((_resolve, reject) => {
      if (failure !== undefined) reject(failure);
      else parked.push(reject);
    });
  const script: Script = {
    push: (reports) => {
      lastHeardAt = clock.now();
      waiting?.resolve(reports);
      waiting = undefined;
    },
    drop: () => {
      failure = new NetworkError('connection closed by remote server, closing code 1001');
      waiting?.reject(failure);
      for (const reject of parked.splice(0)) reject(failure);
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
    nextOrderReports: () =>
      new Promise<unknown[]>((resolve, reject) => {
        if (failure !== undefined) reject(failure);
        else waiting = { resolve, reject };
      }),
    nextTradeReports: () => park(),
    nextBalanceEvent: () => park(),
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

function start(overrides: { applyReport?: (raw: unknown) => Promise<void>; subscribe?: () => Promise<void> } = {}) {
  const clock = new VirtualClock();
  const scripts: Script[] = [];
  const applied: unknown[] = [];
  const resyncs: number[] = [];
  const stream = new UserDataStream({
    clock,
    random: new RandomSource('user-data-stream').stream('backoff'),
    connect: async () => scriptedConnection(clock, scripts, { subscribe: overrides.subscribe }),
    applyReport: overrides.applyReport ?? (async (raw) => void applied.push(raw)),
    observeBalance: () => undefined,
    resync: async () => void resyncs.push(clock.now()),
  });
  stream.start();
  const wait = (ms: number): Promise<void> => clock.run(clock.sleep(ms));
  return { clock, stream, scripts, applied, resyncs, wait };
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
    const gaps = times.slice(1).map((time, index) => time - (times[index] ?? 0));
    expect(attempts).toBeGreaterThan(15);
    expect(attempts).toBeLessThan(200);
    expect(Math.max(...gaps)).toBeLessThanOrEqual(DEFAULT_STREAM_BACKOFF.maxDelayMs);
    expect(stream.status()).toMatchObject({ state: 'backing_off', sessions: 0, lastEnd: 'NetworkError: Unexpected server response: 503' });
    await clock.run(stream.close());
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
    expect(stream.status()).toMatchObject({ sessions: 2, lastEnd: expect.stringMatching(/nothing heard for \d+ ms/) });
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
});
