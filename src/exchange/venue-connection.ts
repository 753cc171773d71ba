import type { binance } from 'ccxt';
import type { DestinationStream } from 'pino';
import type { Clock } from '../clock/clock';
import type { RandomStream } from '../clock/random';
import { MalformedResponseError } from '../domain/errors';
import { createBinanceClient, sendRoundedDecimalsAsTheyAre } from './binance-client';
import { CircuitBreaker, type CircuitBreakerOptions } from './circuit-breaker';
import { assertNotLive, defaultAdapterSettings, type AdapterSettings } from './config';
import type { AdapterEnvironment, FetchLike } from './contract';
import { RequestLimiter, type RequestLimiterOptions } from './request-limiter';
import { withRetry } from './retry';
import type { AdapterTelemetry, Health } from './telemetry';
import type { TimeSync } from './time-sync';
import { ConfigStore } from './config-store';
import { Secret } from './secret';
import { ROUTES, attachHealthSources, buildSwappableLayers, buildVenuePlumbing, discardingDestination, platformFetch, type OperationOptions, type VenueCalls, type VenueRequest } from './venue-calls';



export interface VenueConnectionOptions {
  /** Default: config.ts's defaults for the environment (every feature on). */
  settings?: AdapterSettings | undefined;
  /**
   * Where the request log goes (pino JSON lines, times from the adapter clock); default: the
   * environment's `log`, else nowhere and logging off, so a property run never writes to stdout
   * nor pays for lines nobody reads. Metrics and health() are kept either way.
   */
  logDestination?: DestinationStream | undefined;
}

/**
 * The reference adapter's side facing the venue: one `ccxt.binance` whose every request goes
 * through venue-calls.ts (time sync, circuit breaker, request limiter, telemetry, as the
 * settings' feature flags say), `health()`, `metricsText()` and an orderly `close()`.
 *
 * Seeded-bug fixtures override one of the protected hooks below each: a limiter that ignores
 * Retry-After (`observeVenueResponse`), -1021 retried without a resync
 * (`recoverFromTimestampError`), request headers logged with the API key (`tapTransport`,
 * writing to `logDestination`), a breaker that never half-opens (`createBreaker`), a limiter that
 * forgets its windows after a Retry-After hold (`createLimiter`).
 */
export class VenueConnection {
  protected readonly exchange: binance;
  protected readonly telemetry: AdapterTelemetry;
  /** Swapped by a reload of `limits` or `features.rateLimiter`: later requests take the new one. */
  protected limiter: RequestLimiter | undefined;
  /** Swapped by a reload of `breaker` or `features.circuitBreaker`. */
  protected breaker: CircuitBreaker | undefined;
  protected readonly timeSync: TimeSync;
  /** The request log's destination, as given. */
  protected readonly logDestination: DestinationStream;
  protected readonly clock: Clock;
  protected readonly random: RandomStream;
  private readonly calls: VenueCalls;
  private readonly env: AdapterEnvironment;
  /** The settings in effect; `reloadConfig` swaps them (K1, K2). */
  private readonly config: ConfigStore;
  private readonly logging: boolean;

  constructor(env: AdapterEnvironment, options: VenueConnectionOptions = {}) {
    assertNotLive(env);
    const settings = options.settings ?? defaultAdapterSettings(env.environment);
    this.clock = env.clock;
    this.random = env.random;
    const destination = options.logDestination ?? env.log;
    this.logDestination = destination ?? discardingDestination();
    this.env = env;
    this.logging = destination !== undefined;
    this.config = new ConfigStore({ ...settings, credentials: { ...settings.credentials, apiKey: new Secret(env.credentials.apiKey), secret: new Secret(env.credentials.secret) } });
    this.config.subscribe((next, previous) => this.applySettings(next, previous));
    const logLevel = destination === undefined ? 'silent' : settings.logLevel;
    const plumbing = buildVenuePlumbing(env, { ...settings, logLevel }, this.logDestination, {
      observeResponse: (response) => this.observeVenueResponse(response),
      recoverFromTimestampError: () => this.recoverFromTimestampError(),
      createBreaker: (breakerOptions) => this.createBreaker(breakerOptions),
      createLimiter: (limiterOptions) => this.createLimiter(limiterOptions),
    });
    ({ telemetry: this.telemetry, limiter: this.limiter, breaker: this.breaker, timeSync: this.timeSync, calls: this.calls } = plumbing);
    // ccxt signs with venue time (binance.js nonce() is milliseconds() - timeDifference).
    const clock = this.timeSync.venueClock();
    // Loopback (no in-process fetch): the platform fetch, so real sockets are tapped too, and
    // shown to a driven clock as I/O in flight.
    this.exchange = createBinanceClient({ ...env, clock, fetch: this.tapTransport(env.fetch ?? inFlightOn(env.clock, platformFetch)) });
    sendRoundedDecimalsAsTheyAre(this.exchange);
  }

  /** Breaker state, limiter queue depth, time offset and the last error (telemetry.ts). */
  health(): Health {
    return this.telemetry.health();
  }

  /** The Prometheus text of this adapter's metrics (metrics.ts). */
  metricsText(): Promise<string> {
    return this.telemetry.metricsText();
  }

  /**
   * Applies a configuration document to later requests (config-store.ts says what may change);
   * throws ConfigError or ConfigReloadRefusedError and keeps the settings in effect otherwise.
   */
  reloadConfig(document: unknown): void {
    this.config.reload(document);
  }

  effectiveSettings(): AdapterSettings {
    return this.config.settings();
  }

  /** Rejects queued requests with QueueClosedError (requests in flight finish), then closes ccxt. */
  async close(): Promise<void> {
    this.limiter?.close('the adapter was closed');
    await this.exchange.close();
  }

  // ---- hooks: one decision each, overridden by the seeded-bug fixtures ----

  /** Every HTTP answer: the limiter adopts the X-MBX counts and any Retry-After hold or ban. */
  protected observeVenueResponse(response: { status: number; headers: Readonly<Record<string, string>> }): void {
    this.limiter?.observeResponse(response);
  }

  /** After a -1021: measure the offset to venue time again, so the one retry is stamped right (S3). */
  protected async recoverFromTimestampError(): Promise<void> {
    await this.syncTime();
  }

  /** ccxt's transport: every request logged and counted once, every answer shown to the limiter. */
  protected tapTransport(fetch: FetchLike): FetchLike {
    return this.calls.tap(fetch);
  }

  protected createBreaker(options: CircuitBreakerOptions): CircuitBreaker {
    return new CircuitBreaker(options);
  }

  protected createLimiter(options: RequestLimiterOptions): RequestLimiter {
    return new RequestLimiter(options);
  }

  // ---- requests ----

  /** Runs `work` as one operation: its requests carry `correlationId` (venue-calls.ts). */
  protected inOperation<T>(correlationId: string, work: () => Promise<T>, options?: OperationOptions): Promise<T> {
    return this.calls.inOperation(correlationId, work, options);
  }

  /** One ccxt call (one REST request) through every layer, once; typed errors only. */
  protected send<T>(request: VenueRequest, call: () => Promise<T>): Promise<T> {
    return this.calls.send(request, call);
  }

  /** A ccxt read, retried with backoff on retryable failures (`retry` of the settings in effect). */
  protected readCall<T>(request: VenueRequest, call: () => Promise<T>): Promise<T> {
    // Taken once: a reload during the retries does not change the policy of a read under way.
    const policy = this.config.current().retry;
    return withRetry(() => this.calls.send(request, call), { policy, clock: this.clock, random: this.random });
  }

  /** GET /api/v3/time (binance.js fetchTime: serverTime), read like any query; a no-op with time sync off. */
  protected async syncTime(): Promise<void> {
    if (!this.config.current().features.timeSync) return;
    await this.timeSync.sync(async () => {
      const serverTime = await this.readCall(ROUTES.time, () => this.exchange.fetchTime());
      if (serverTime === undefined) throw new MalformedResponseError('GET /api/v3/time answered without serverTime');
      return serverTime;
    });
  }

  /**
   * `load` (the markets: GET /api/v3/exchangeInfo) doubling as a time sync: Binance's exchangeInfo
   * answer carries its serverTime, so a start needs no GET /api/v3/time of its own. An answer
   * without one (another venue's, a fault's) falls back to that request; a no-op with time sync off.
   */
  protected async loadSyncingTime<T>(load: () => Promise<T>): Promise<T> {
    // With time sync off the calls take no venue time: no reading, and syncTime does nothing.
    this.calls.takeVenueTime();
    const loaded = await load();
    const reading = this.calls.takeVenueTime();
    if (reading === undefined) await this.syncTime();
    else this.timeSync.adopt(reading);
    return loaded;
  }

  /**
   * A reload's listener: swaps what changed, once, after the store swapped the configuration.
   * A limiter or breaker replaced keeps serving what it already holds (queued requests, probes),
   * so requests in flight finish under the settings they started with; a new limiter starts from
   * the venue's counts in its last answer (a Retry-After hold is not carried over).
   */
  private applySettings(next: AdapterSettings, previous: AdapterSettings): void {
    if (this.logging) this.telemetry.setLevel(next.logLevel);
    const changed = (section: 'limits' | 'breaker'): boolean => JSON.stringify(next[section]) !== JSON.stringify(previous[section]);
    const limiterChanged = changed('limits') || next.features.rateLimiter !== previous.features.rateLimiter;
    const breakerChanged = changed('breaker') || next.features.circuitBreaker !== previous.features.circuitBreaker;
    if (limiterChanged || breakerChanged) {
      const swapped = buildSwappableLayers(this.env, next, { createBreaker: (options) => this.createBreaker(options), createLimiter: (options) => this.createLimiter(options) });
      if (limiterChanged) {
        this.limiter = swapped.limiter;
        if (swapped.limiter !== undefined) this.calls.briefNewLimiter(swapped.limiter);
      }
      if (breakerChanged) this.breaker = swapped.breaker;
    }
    this.calls.use({ limiter: this.limiter, breaker: this.breaker, timeSync: next.features.timeSync });
    attachHealthSources(this.telemetry, { limiter: this.limiter, breaker: this.breaker, timeSync: this.timeSync, queueCapacity: next.limits.queueSize });
  }
}

/** `fetch`, each request marked as real I/O in flight on `clock` where the clock wants to know. */
function inFlightOn(clock: Clock, fetch: FetchLike): FetchLike {
  const track = clock.whileInFlight?.bind(clock);
  if (track === undefined) return fetch;
  return (url, init) => track(fetch(url, init));
}
