import { AsyncLocalStorage } from 'node:async_hooks';
import type { DestinationStream, Level, Logger } from 'pino';
import type { StreamStatus } from './contract';
import type { Clock } from '../clock/clock';
import { TradepropError } from '../domain/errors';
import type { FetchLike, TransportResponse } from './contract';
import { createAdapterMetrics, type AdapterMetrics, type BreakerState, type GaugeSources } from './metrics';
import { createRequestLogger, maskKnownValues } from './request-log';
import type { Secret } from './secret';

/** The intent a request serves: one correlation id for all of its attempts (invariant M1). */
export interface IntentContext {
  /** The intent's client order id, or an operation name ("loadMarkets") where there is none. */
  correlationId: string;
  /** 1 for the first try, counted by the retry layer. */
  attempt: number;
}

export interface RequestContext extends IntentContext {
  method: string;
  /** Path without the query: the query holds the signature and, on GET, every parameter. */
  path: string;
  /** Logged only at debug level, redacted either way. */
  headers?: Record<string, string> | undefined;
  params?: Record<string, unknown> | undefined;
  /** The request's URL, its query read into `params` only when a debug line needs them. */
  url?: string | undefined;
}

export interface HealthSources extends GaugeSources {
  /** The offset applied to venue time by time sync, when it has measured one. */
  timeOffsetMs?: (() => number | undefined) | undefined;
  /** The limiter queue's capacity: a full queue makes health degraded. */
  queueCapacity?: number | undefined;
}

export interface Health {
  status: 'ok' | 'degraded' | 'down';
  breaker: BreakerState;
  queueDepth: number;
  lastError?: { code: string; message: string; atMs: number; correlationId: string };
  timeOffsetMs?: number;
  /** The user-data stream, when the adapter listens to one: anything but `live` is degraded. */
  stream?: StreamStatus;
}

export interface TelemetryOptions {
  clock: Clock;
  destination: DestinationStream;
  /** Identify the adapter on every log line and metric: { exchange, account, environment }. */
  labels: Record<string, string>;
  secrets?: readonly Secret[] | undefined;
  level?: Level | 'silent' | undefined;
  sources?: HealthSources | undefined;
}

const NO_INTENT: IntentContext = { correlationId: 'none', attempt: 1 };

/** One store for every adapter, entries tagged with their owner (see OPERATIONS in venue-calls.ts). */
const INTENTS = new AsyncLocalStorage<{ owner: AdapterTelemetry; context: IntentContext }>();

/**
 * Logs, metrics and health of one adapter. Every request goes through `observeRequest`, which
 * writes exactly one line and counts it exactly once (invariants M1, M2), on the injected clock.
 */
export class AdapterTelemetry {
  readonly metrics: AdapterMetrics;
  private readonly clock: Clock;
  private readonly options: TelemetryOptions;
  private level: Level | 'silent';
  private requestLogger: Logger | undefined;
  private readonly secretValues: string[];
  private sources: HealthSources;
  private lastRequestFailed = false;
  private lastError: Health['lastError'];

  constructor(options: TelemetryOptions) {
    this.clock = options.clock;
    this.sources = options.sources ?? {};
    this.secretValues = (options.secrets ?? []).map((secret) => secret.reveal()).filter((value) => value !== '');
    this.options = options;
    this.level = options.level ?? 'info';
    this.metrics = createAdapterMetrics(options.labels, () => this.sources);
  }

  /** The breaker, limiter and time sync are built after telemetry; they plug in here. */
  attachSources(sources: HealthSources): void {
    this.sources = { ...this.sources, ...sources };
  }

  /**
   * The request logger, made on first use: an adapter that logs nothing (silent, every property
   * run but the log-reading ones) never builds one, and building one (pino with its redaction
   * paths) was a third of creating an adapter.
   */
  get logger(): Logger {
    this.requestLogger ??= createRequestLogger({ clock: this.options.clock, destination: this.options.destination, level: this.level, base: this.options.labels, secrets: this.options.secrets });
    return this.requestLogger;
  }

  /** For a hot reload of `logLevel`. */
  setLevel(level: Level | 'silent'): void {
    this.level = level;
    if (this.requestLogger !== undefined) this.requestLogger.level = level;
  }

  /** Runs `work` with `context` as the intent of every request it sends, through any await. */
  withIntent<T>(context: IntentContext, work: () => T): T {
    return INTENTS.run({ owner: this, context }, work);
  }

  currentIntent(): IntentContext {
    const store = INTENTS.getStore();
    return store?.owner === this ? store.context : NO_INTENT;
  }

  /**
   * Sends one request and records it once: a log line
   * `{ correlationId, method, path, status, code?, attempt, durationMs }`, the request counter,
   * the latency histogram and, on failure, the error counter. The outcome is passed on untouched.
   * `status` is the HTTP status (`statusOf(result)`, 200 when not given), or null when the
   * request failed before an answer (then `code` names the error class).
   */
  async observeRequest<T>(request: RequestContext, send: () => Promise<T>, statusOf?: (result: T) => number): Promise<T> {
    const startedAt = this.clock.now();
    const endpoint = `${request.method.toUpperCase()} ${request.path}`;
    try {
      const result = await send();
      this.record(request, endpoint, startedAt, { status: statusOf === undefined ? 200 : statusOf(result) });
      return result;
    } catch (error) {
      this.record(request, endpoint, startedAt, { status: statusOfError(error), error });
      throw error;
    }
  }

  /**
   * A transport that observes every HTTP request ccxt sends, with the intent of `withIntent`:
   * the adapter hands this to ccxt as `fetchImplementation`.
   */
  instrumentFetch(fetch: FetchLike): FetchLike {
    return (url, init) => {
      const request: RequestContext = {
        ...this.currentIntent(),
        method: init.method,
        path: new URL(url).pathname,
        headers: init.headers,
        url,
      };
      return this.observeRequest(request, () => fetch(url, init), (response: TransportResponse) => response.status);
    };
  }

  /**
   * down: the breaker is open, nothing is sent. degraded: the breaker is probing, the last
   * request failed, or the limiter queue is full. ok otherwise.
   */
  health(): Health {
    const breaker = this.sources.breakerState?.() ?? 'closed';
    const queueDepth = this.sources.queueDepth?.() ?? 0;
    const capacity = this.sources.queueCapacity;
    const timeOffsetMs = this.sources.timeOffsetMs?.();
    const degraded = breaker === 'half-open' || this.lastRequestFailed || (capacity !== undefined && queueDepth >= capacity);
    return {
      status: breaker === 'open' ? 'down' : degraded ? 'degraded' : 'ok',
      breaker,
      queueDepth,
      ...(this.lastError === undefined ? {} : { lastError: this.lastError }),
      ...(timeOffsetMs === undefined ? {} : { timeOffsetMs }),
    };
  }

  /** The Prometheus text exposition of this adapter's registry. */
  metricsText(): Promise<string> {
    return this.metrics.registry.metrics();
  }

  private record(request: RequestContext, endpoint: string, startedAt: number, outcome: { status: number | null; error?: unknown }): void {
    const durationMs = this.clock.now() - startedAt;
    const failed = 'error' in outcome;
    const code = failed ? errorCodeOf(outcome.error) : undefined;
    this.metrics.requests.inc({ endpoint, status: outcome.status === null ? 'none' : String(outcome.status) });
    this.metrics.latency.observe({ endpoint }, durationMs);
    if (code !== undefined) {
      this.metrics.errors.inc({ code });
      const message = maskKnownValues(outcome.error instanceof Error ? outcome.error.message : String(outcome.error), this.secretValues);
      this.lastError = { code, message, atMs: this.clock.now(), correlationId: request.correlationId };
    }
    this.lastRequestFailed = failed;
    if (this.level === 'silent') return;
    const line = {
      correlationId: request.correlationId,
      method: request.method.toUpperCase(),
      path: request.path,
      status: outcome.status,
      ...(code === undefined ? {} : { code }),
      attempt: request.attempt,
      durationMs,
    };
    if (this.logger.isLevelEnabled('debug')) this.logger.debug({ ...line, headers: request.headers, params: request.params ?? paramsOf(request.url) }, 'request');
    else if (failed) this.logger.warn(line, 'request');
    else this.logger.info(line, 'request');
  }
}

function paramsOf(url: string | undefined): Record<string, string> | undefined {
  return url === undefined ? undefined : Object.fromEntries(new URL(url).searchParams);
}

/** The error's class for metrics and logs: its stable code, or the code unknown errors map to. */
function errorCodeOf(error: unknown): string {
  return error instanceof TradepropError ? error.code : 'UNKNOWN_EXCHANGE_ERROR';
}

/** An HTTP status the error carries (ccxt's mapped errors keep none; a transport's might). */
function statusOfError(error: unknown): number | null {
  if (error !== null && typeof error === 'object' && 'status' in error && typeof error.status === 'number') return error.status;
  return null;
}
