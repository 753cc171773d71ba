import { AsyncLocalStorage } from 'node:async_hooks';
import type { DestinationStream } from 'pino';
import type { Clock } from '../clock/clock';
import type { CircuitBreaker, CircuitBreakerOptions } from './circuit-breaker';
import type { AdapterSettings } from './config';
import type { AdapterEnvironment, FetchLike, TransportResponse } from './contract';
import { assertListAnswer, isExchangeInfoEndpoint, isListEndpoint, serverTimeOfExchangeInfo } from './binance-responses';
import { mapCcxtError } from './error-mapping';
import type { RequestLimiter, RequestLimiterOptions, ScheduledRequest } from './request-limiter';
import { Secret } from './secret';
import { AdapterTelemetry } from './telemetry';
import { TimeSync, isTimestampError, type VenueTimeReading } from './time-sync';

/**
 * The one path by which the reference adapter sends anything: every ccxt call is one REST
 * request, described here by its route (for the limiter's weight, the log line and the metric)
 * and its priority. Order of the layers, outermost first, and why:
 * - time sync: a -1021 answer gets one resync and one retry, never a blind one (S3);
 * - circuit breaker: an open breaker refuses the attempt without queueing it (C2); it sees
 *   typed errors only, so it can tell a venue failure from a rejection; cancels pass it by;
 * - request limiter: the request waits for its turn (R1-R4) and only then does ccxt build and
 *   sign it, so a long wait cannot push its timestamp out of recvWindow;
 * - telemetry: the intent (correlation id, attempt) is entered inside the limiter's send, since
 *   the limiter may start a request from another request's timer (its async context).
 * The transport tap (`tap`) sees every HTTP answer: it logs and counts it once (M1, M2), hands its
 * status and headers to the limiter, which ccxt never does, and refuses a list endpoint's answer
 * that is not a list, which ccxt would read as an empty one.
 */
export type VenueRequest = ScheduledRequest;

/** Routes of the ccxt calls the adapter makes (binance.js: one REST request each, spot). */
export const ROUTES = {
  time: { method: 'GET', path: '/api/v3/time', priority: 'query' },
  exchangeInfo: { method: 'GET', path: '/api/v3/exchangeInfo', priority: 'query' },
  account: { method: 'GET', path: '/api/v3/account', priority: 'query' },
  placeOrder: { method: 'POST', path: '/api/v3/order', priority: 'order' },
  cancelOrder: { method: 'DELETE', path: '/api/v3/order', priority: 'cancel' },
  queryOrder: { method: 'GET', path: '/api/v3/order', priority: 'query' },
  openOrders: { method: 'GET', path: '/api/v3/openOrders', priority: 'query' },
  // Cancels first (R4): it only ever frees what orders hold.
  cancelAllOpenOrders: { method: 'DELETE', path: '/api/v3/openOrders', priority: 'cancel' },
  myTrades: { method: 'GET', path: '/api/v3/myTrades', priority: 'query' },
} as const satisfies Record<string, VenueRequest>;

/** What the adapter decides; the seeded-bug fixtures override these on ReferenceAdapter. */
export interface VenueCallHooks {
  /** Every HTTP answer's status and headers, for the limiter. */
  observeResponse(response: { status: number; headers: Readonly<Record<string, string>> }): void;
  /** A -1021 was answered: bring venue time up to date before the one retry. */
  recoverFromTimestampError(): Promise<void>;
}

export interface VenueCallsOptions {
  /** The adapter's clock: when the last answer came, for a limiter built later. */
  clock: Clock;
  telemetry: AdapterTelemetry;
  limiter?: RequestLimiter | undefined;
  breaker?: CircuitBreaker | undefined;
  /** Off: -1021 is thrown as it is (nothing else could cure it). */
  timeSync: boolean;
  hooks: VenueCallHooks;
}

/** One public adapter call: its correlation id and how often each route was tried in it. */
interface Operation {
  correlationId: string;
  attempts: Map<string, number>;
  /** A cancel: its requests, the reads that complete it included, pass an open breaker. */
  passesBreaker: boolean;
}

export interface OperationOptions {
  /**
   * Every request of the operation passes an open breaker and does not move it: a cancel, whose
   * answer may show fills the adapter must read (GET /api/v3/myTrades) before it can report the
   * order; refusing that read would leave a cancel the venue made reported as a failure.
   */
  passesBreaker?: boolean | undefined;
}

/**
 * One store for every adapter of the process, each entry tagged with its owner. Node keeps an
 * AsyncLocalStorage that ever ran in a list it walks on every promise created, until disabled:
 * one per adapter made a worker that builds thousands of adapters (one per property run) slower
 * with every run.
 */
const OPERATIONS = new AsyncLocalStorage<{ owner: VenueCalls; operation: Operation }>();

/** The layers a reload may swap (config-store.ts): later requests take the new ones. */
export type SwappableLayers = Pick<VenueCallsOptions, 'limiter' | 'breaker' | 'timeSync'>;

export class VenueCalls {
  private options: VenueCallsOptions;
  private lastAnswer: { headers: Readonly<Record<string, string>>; at: number } | undefined;
  private venueTime: VenueTimeReading | undefined;

  constructor(options: VenueCallsOptions) {
    this.options = options;
  }

  /**
   * From now on requests go through these layers. A request already started keeps the ones it
   * started with (its attempt holds them), so a reload never changes one mid-flight.
   */
  use(layers: SwappableLayers): void {
    this.options = { ...this.options, ...layers };
  }

  /**
   * Runs `work` as one operation: every request it sends carries `correlationId` (the intent's
   * client order id, or an operation name), and a route's retries count up its attempt number.
   */
  inOperation<T>(correlationId: string, work: () => Promise<T>, options: OperationOptions = {}): Promise<T> {
    return OPERATIONS.run({ owner: this, operation: { correlationId, attempts: new Map(), passesBreaker: options.passesBreaker === true } }, work);
  }

  /** Sends one ccxt call; whatever it throws leaves as one of tradeprop's typed errors. */
  async send<T>(request: VenueRequest, call: () => Promise<T>): Promise<T> {
    const timeSync = this.options.timeSync;
    try {
      return await this.attempt(request, call);
    } catch (error) {
      if (!timeSync || !isTimestampError(error)) throw error;
      // Binance refused the timestamp (nothing was applied): resync, then exactly one retry.
      await this.options.hooks.recoverFromTimestampError();
      return await this.attempt(request, call);
    }
  }

  /**
   * The venue's counts as of its last answer (X-MBX-USED-WEIGHT-*, X-MBX-ORDER-COUNT-*) handed to
   * a limiter that starts now, so a reload does not forget what this window already used.
   */
  briefNewLimiter(limiter: RequestLimiter): void {
    if (this.lastAnswer !== undefined) limiter.observeHeaders(this.lastAnswer.headers, this.lastAnswer.at);
  }

  /**
   * The venue time the last exchangeInfo answer carried, with its request's round trip, handed
   * over once: a time sync adopts it instead of asking GET /api/v3/time (venue-connection.ts).
   */
  takeVenueTime(): VenueTimeReading | undefined {
    const reading = this.venueTime;
    this.venueTime = undefined;
    return reading;
  }

  /** ccxt's transport: `fetch` observed once per request by telemetry, then by the limiter. */
  tap(fetch: FetchLike): FetchLike {
    const observed = this.options.telemetry.instrumentFetch(fetch);
    return async (url, init) => {
      const sentAt = this.options.clock.now();
      const response = await observed(url, init);
      const receivedAt = this.options.clock.now();
      this.lastAnswer = { headers: response.headers, at: receivedAt };
      this.options.hooks.observeResponse(response);
      const list = isListEndpoint(url);
      // exchangeInfo's body is read for its serverTime only where a time sync will adopt it.
      if (!list && !(this.options.timeSync && isExchangeInfoEndpoint(url))) return response;
      // Read once and handed on: a platform fetch's body can be read only once.
      const body = await response.text();
      if (list) {
        assertListAnswer(url, response.status, body);
      } else {
        const serverTime = serverTimeOfExchangeInfo(response.status, body);
        this.venueTime = serverTime === undefined ? undefined : { sentAt, serverTime, receivedAt };
      }
      return { ...response, text: async () => body };
    };
  }

  private attempt<T>(request: VenueRequest, call: () => Promise<T>): Promise<T> {
    const { telemetry, limiter, breaker } = this.options;
    const store = OPERATIONS.getStore();
    const operation: Operation = store?.owner === this ? store.operation : { correlationId: 'none', attempts: new Map<string, number>(), passesBreaker: false };
    const route = `${request.method} ${request.path}`;
    const attempt = (operation.attempts.get(route) ?? 0) + 1;
    operation.attempts.set(route, attempt);
    const sendNow = (): Promise<T> => telemetry.withIntent({ correlationId: operation.correlationId, attempt }, () => mapped(call));
    const limited = limiter === undefined ? sendNow : () => limiter.schedule(request, sendNow);
    // A cancel only ever lowers exposure, and a venue that fails is when a trader needs it most:
    // an open breaker does not hold cancels back (nor the reads that complete one), and their
    // outcomes do not move it. The limiter (cancels first, R4) and the retry policy still bound
    // them, so they cannot storm the venue.
    if (breaker === undefined || request.priority === 'cancel' || operation.passesBreaker) return limited();
    return breaker.execute(limited);
  }
}

async function mapped<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw mapCcxtError(error);
  }
}

/**
 * The loopback path's transport: the platform fetch as a FetchLike, so the tap sees real
 * sockets too. (With no `fetchImplementation` ccxt would call undici itself, out of sight.)
 */
export const platformFetch: FetchLike = async (url, init) => {
  const response = await fetch(url, { method: init.method, headers: init.headers, body: init.body ?? null, signal: init.signal ?? null, redirect: 'error' });
  const answer: TransportResponse = {
    status: response.status,
    statusText: response.statusText,
    headers: Object.fromEntries(response.headers),
    text: () => response.text(),
  };
  return answer;
};

export interface VenuePlumbing {
  telemetry: AdapterTelemetry;
  limiter: RequestLimiter | undefined;
  breaker: CircuitBreaker | undefined;
  /** Always built: the timeSync feature, which a reload may turn on, decides whether it is used. */
  timeSync: TimeSync;
  calls: VenueCalls;
}

export interface PlumbingHooks extends VenueCallHooks {
  createBreaker(options: CircuitBreakerOptions): CircuitBreaker;
  createLimiter(options: RequestLimiterOptions): RequestLimiter;
}

/**
 * The limiter, breaker, time sync and telemetry of one adapter, from its settings: each feature
 * flag off leaves its piece out. Log lines are timed by the adapter's clock, never the wall's.
 */
export function buildVenuePlumbing(env: AdapterEnvironment, settings: AdapterSettings, destination: DestinationStream, hooks: PlumbingHooks): VenuePlumbing {
  const telemetry = new AdapterTelemetry({
    clock: env.clock,
    destination,
    labels: { exchange: 'binance', environment: env.environment },
    // The known values are masked in every line, whatever field they turn up in (S1).
    secrets: [new Secret(env.credentials.apiKey), new Secret(env.credentials.secret)],
    level: settings.logLevel,
  });
  // Built even with the feature off (it then never measures, so ccxt signs with the adapter's
  // clock): a reload may turn it on, and ccxt's clock is fixed when the client is made.
  const timeSync = new TimeSync(env.clock);
  const { limiter, breaker } = buildSwappableLayers(env, settings, hooks);
  attachHealthSources(telemetry, { limiter, breaker, timeSync, queueCapacity: settings.limits.queueSize });
  const calls = new VenueCalls({ clock: env.clock, telemetry, limiter, breaker, timeSync: settings.features.timeSync, hooks });
  return { telemetry, limiter, breaker, timeSync, calls };
}

/** The limiter and breaker `settings` ask for (none where its feature is off). */
export function buildSwappableLayers(env: AdapterEnvironment, settings: AdapterSettings, hooks: Pick<PlumbingHooks, 'createBreaker' | 'createLimiter'>): Pick<VenuePlumbing, 'limiter' | 'breaker'> {
  const { features, limits, breaker: breakerSettings } = settings;
  const limiter = features.rateLimiter
    ? hooks.createLimiter({
        clock: env.clock,
        rules: [
          { rateLimitType: 'REQUEST_WEIGHT', intervalMs: 60_000, limit: limits.weightPerMinute },
          { rateLimitType: 'ORDERS', intervalMs: 10_000, limit: limits.ordersPer10s },
          { rateLimitType: 'ORDERS', intervalMs: 86_400_000, limit: limits.ordersPerDay },
        ],
        maxQueueDepth: limits.queueSize,
      })
    : undefined;
  const breaker = features.circuitBreaker
    ? hooks.createBreaker({ name: `binance/${env.environment}`, clock: env.clock, failureThreshold: breakerSettings.failureThreshold, openMs: breakerSettings.openMs })
    : undefined;
  return { limiter, breaker };
}

/** health() and the gauges read these layers; after a reload, the new ones. */
export function attachHealthSources(
  telemetry: AdapterTelemetry,
  layers: { limiter: RequestLimiter | undefined; breaker: CircuitBreaker | undefined; timeSync: TimeSync; queueCapacity: number },
): void {
  const { limiter, breaker, timeSync } = layers;
  telemetry.attachSources({
    breakerState: breaker === undefined ? undefined : () => breaker.state(),
    queueDepth: limiter === undefined ? undefined : () => limiter.queueDepth(),
    // Without a limiter the depth reads 0, below any capacity (queueSize is at least 1).
    queueCapacity: layers.queueCapacity,
    timeOffsetMs: () => (timeSync.lastSync() === undefined ? undefined : timeSync.offsetMs()),
  });
}

/** A pino destination that drops every line: the default, so a run never writes to stdout. */
export function discardingDestination(): DestinationStream {
  return { write: () => undefined };
}
