import type { Clock } from '../clock/clock';
import type { RandomStream } from '../clock/random';
import type { StreamState, StreamStatus } from './contract';
import { backoffDelayMs, type RetryPolicy } from './retry';

/**
 * One connection's user-data feed, as the supervisor uses it (the ccxt.pro one is
 * binance-user-data.ts). Every `next*` call resolves with what arrived since the previous one and
 * rejects once the connection is gone.
 */
export interface UserDataConnection {
  /** Resolves once the account's events are subscribed: everything after it will be pushed. */
  subscribe(): Promise<void>;
  /** The next executionReports, raw, in arrival order (ccxt.pro watchOrders). */
  nextOrderReports(): Promise<unknown[]>;
  /** The next executionReports of trades, raw, one per trade (ccxt.pro watchMyTrades). */
  nextTradeReports(): Promise<unknown[]>;
  /** The next balance event, raw (ccxt.pro watchBalance). */
  nextBalanceEvent(): Promise<unknown>;
  /** When the last frame of any kind (event, answer, ping, pong) arrived; undefined before the first. */
  lastHeardAt(): number | undefined;
  /** Called when the venue ends the subscription while the connection stays up (eventStreamTerminated). */
  onSubscriptionEnded(listener: () => void): void;
  close(): Promise<void>;
}

export interface UserDataStreamDeps {
  clock: Clock;
  random: RandomStream;
  connect(): Promise<UserDataConnection>;
  /** Folds one executionReport into the local view (once per trade id, never backwards). */
  applyReport(raw: unknown): Promise<void>;
  /** One balance event: observed, never added on top of the fills it follows from. */
  observeBalance(raw: unknown): void;
  /** Catches the local view up from REST after a (re)connect, before the stream is trusted. */
  resync(): Promise<void>;
  /** Backoff between attempts: full jitter, doubling per failed attempt (retry.ts). */
  backoff?: Pick<RetryPolicy, 'baseDelayMs' | 'maxDelayMs'> | undefined;
  /** A subscribed connection that hears nothing for this long is dead; default SILENCE_LIMIT_MS. */
  silenceLimitMs?: number | undefined;
}

/**
 * Binance pings every 20 s and drops a client that leaves a ping unanswered for a minute; the
 * same minute without a single frame tells the client its side is dead (a half-open socket).
 */
export const SILENCE_LIMIT_MS = 60_000;
/** How often a live connection's silence is checked: at worst it is noticed this much late. */
const SILENCE_CHECK_MS = 15_000;

/** 0.5 s doubling to 30 s: a venue that refuses for a minute sees a handful of attempts, not a storm. */
export const DEFAULT_STREAM_BACKOFF = { baseDelayMs: 500, maxDelayMs: 30_000 } as const;

/**
 * Keeps the account's user-data stream alive: connect, subscribe, resync from REST, then apply
 * every event until the connection ends (closed, reset, missed pongs, the venue's 24-hour limit)
 * or the venue ends the subscription; then back off with jitter and start over. A fill that
 * happened while no connection was live is found by the resync (fetching the orders it tracks),
 * so none is lost; one the stream and REST both bring is applied once (by trade id).
 *
 * It never adopts a REST balance snapshot on resync: a snapshot read while a fill's frame is
 * still on the way would count that fill twice once the frame lands. Balances follow from the
 * orders and fills, each applied once.
 */
export class UserDataStream {
  private state: StreamState = 'connecting';
  private sessions = 0;
  private lastEnd: string | undefined;
  private closing = false;
  /** Aborted by close(): the backoff sleep ends at once and leaves no timer (F2). */
  private readonly stopped = new AbortController();
  private current: UserDataConnection | undefined;
  private supervisor: Promise<void> | undefined;
  private readonly backoff: Pick<RetryPolicy, 'baseDelayMs' | 'maxDelayMs'>;
  private readonly silenceLimitMs: number;

  constructor(private readonly deps: UserDataStreamDeps) {
    this.backoff = deps.backoff ?? DEFAULT_STREAM_BACKOFF;
    this.silenceLimitMs = deps.silenceLimitMs ?? SILENCE_LIMIT_MS;
  }

  /** Starts the supervisor in the background; idempotent. */
  start(): void {
    this.supervisor ??= this.supervise();
  }

  status(): StreamStatus {
    return { state: this.state, sessions: this.sessions, lastEnd: this.lastEnd };
  }

  /** Ends the current connection and stops reconnecting; resolves once the supervisor is done. */
  async close(): Promise<void> {
    this.closing = true;
    this.state = 'closed';
    this.stopped.abort();
    await this.current?.close();
    await this.supervisor;
  }

  private async supervise(): Promise<void> {
    let failures = 0;
    while (!this.closing) {
      this.state = 'connecting';
      const reachedLive = await this.session();
      if (this.closing) break;
      failures = reachedLive ? 0 : failures + 1;
      this.state = 'backing_off';
      await this.deps.clock.sleep(backoffDelayMs(failures, { ...this.backoff, maxAttempts: 1, deadlineMs: 0 }, this.deps.random), this.stopped.signal);
    }
    this.state = 'closed';
  }

  /** One connection, from connect to its end; says whether it reached `live`. Never throws. */
  private async session(): Promise<boolean> {
    let endSession: (reason: string) => void = () => undefined;
    const ended = new Promise<string>((resolve) => {
      endSession = resolve;
    });
    const end = (error: unknown): void => endSession(String(error));
    let reachedLive = false;
    let connection: UserDataConnection;
    try {
      connection = await this.deps.connect();
    } catch (error) {
      this.lastEnd = String(error);
      return false;
    }
    this.current = connection;
    try {
      connection.onSubscriptionEnded(() => endSession('the venue ended the subscription'));
      await connection.subscribe();
      // Listening before the resync: what happens during it reaches the view by either path.
      void this.pump(() => connection.nextOrderReports(), (reports) => this.applyAll(reports)).catch(end);
      void this.pump(() => connection.nextTradeReports(), (reports) => this.applyAll(reports)).catch(end);
      void this.pump(() => connection.nextBalanceEvent(), async (event) => this.deps.observeBalance(event)).catch(end);
      void this.watchSilence(connection, ended).catch(end);
      this.state = 'resyncing';
      // A connection that ends before its resync is done never was live: its attempt counts as
      // failed, and the next one backs off longer (each attempt's resync costs REST weight).
      const endedFirst = await Promise.race([this.deps.resync().then(() => false), ended.then(() => true)]);
      if (!this.closing && !endedFirst) {
        this.state = 'live';
        this.sessions += 1;
        reachedLive = true;
      }
      this.lastEnd = await ended;
    } catch (error) {
      this.lastEnd = String(error);
    } finally {
      this.current = undefined;
      await connection.close().catch(() => undefined);
    }
    return reachedLive;
  }

  /** Ends the session once the connection has been silent past the limit (a half-open socket). */
  private async watchSilence(connection: UserDataConnection, ended: Promise<string>): Promise<void> {
    // The session's end stops the watch at once: no check stays armed on the clock after it.
    const over = new AbortController();
    void ended.then(() => over.abort());
    const subscribedAt = this.deps.clock.now();
    while (!over.signal.aborted) {
      await this.deps.clock.sleep(SILENCE_CHECK_MS, over.signal);
      const silentSince = connection.lastHeardAt() ?? subscribedAt;
      if (!over.signal.aborted && this.deps.clock.now() - silentSince > this.silenceLimitMs) {
        throw new StreamSilentError(this.deps.clock.now() - silentSince);
      }
    }
  }

  /** Takes batches until the connection fails; the failure ends the session. */
  private async pump<T>(next: () => Promise<T>, handle: (batch: T) => Promise<void>): Promise<never> {
    for (;;) await handle(await next());
  }

  private async applyAll(reports: readonly unknown[]): Promise<void> {
    for (const report of reports) await this.deps.applyReport(report);
  }
}

/** Why a session ended when its connection went quiet: not an error a caller ever sees. */
class StreamSilentError extends Error {
  constructor(silentMs: number) {
    super(`nothing heard for ${silentMs} ms: the connection is taken for dead`);
    this.name = 'StreamSilentError';
  }
}
