import { Counter, Gauge, Histogram, Registry } from 'prom-client';

export type BreakerState = 'closed' | 'half-open' | 'open';

/** The breaker gauge's values: ordered by how bad, so `max()` over adapters is the worst. */
export const BREAKER_STATE_VALUE: Readonly<Record<BreakerState, number>> = { closed: 0, 'half-open': 1, open: 2 };

/** Virtual-clock milliseconds: from an in-process answer to a retry deadline. */
export const LATENCY_BUCKETS_MS: readonly number[] = [1, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10_000, 30_000];

/** Read at scrape time, so the gauges never lag what the limiter and breaker hold. */
export interface GaugeSources {
  queueDepth?: (() => number) | undefined;
  breakerState?: (() => BreakerState) | undefined;
}

export interface AdapterMetrics {
  /** This adapter's own registry: never prom-client's global one, so adapters never share counters. */
  readonly registry: Registry;
  readonly requests: Counter<'endpoint' | 'status'>;
  readonly latency: Histogram<'endpoint'>;
  readonly errors: Counter<'code'>;
  readonly queueDepth: Gauge;
  readonly breakerState: Gauge;
}

/**
 * The metrics of one adapter. `collectDefaultMetrics` is never called: it samples the process
 * on real timers, which a run on the virtual clock must not start.
 */
export function createAdapterMetrics(labels: Record<string, string>, sources: () => GaugeSources): AdapterMetrics {
  const registry = new Registry();
  registry.setDefaultLabels(labels);
  const registers = [registry];
  return {
    registry,
    requests: new Counter({
      name: 'tradeprop_exchange_requests_total',
      help: 'Requests sent to the venue, by endpoint ("POST /api/v3/order") and HTTP status ("none" when no answer came).',
      labelNames: ['endpoint', 'status'] as const,
      registers,
    }),
    latency: new Histogram({
      name: 'tradeprop_exchange_request_duration_ms',
      help: 'Request duration on the adapter clock in milliseconds, by endpoint.',
      labelNames: ['endpoint'] as const,
      buckets: [...LATENCY_BUCKETS_MS],
      registers,
    }),
    errors: new Counter({
      name: 'tradeprop_exchange_errors_total',
      help: 'Failed requests by error class (the TradepropError code).',
      labelNames: ['code'] as const,
      registers,
    }),
    queueDepth: new Gauge({
      name: 'tradeprop_exchange_queue_depth',
      help: 'Requests waiting in the rate limiter queue.',
      registers,
      collect() {
        const read = sources().queueDepth;
        if (read !== undefined) this.set(read());
      },
    }),
    breakerState: new Gauge({
      name: 'tradeprop_exchange_breaker_state',
      help: 'Circuit breaker state: 0 closed, 1 half-open, 2 open.',
      registers,
      collect() {
        const read = sources().breakerState;
        if (read !== undefined) this.set(BREAKER_STATE_VALUE[read()]);
      },
    }),
  };
}
