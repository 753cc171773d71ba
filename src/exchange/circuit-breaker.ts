import type { Clock } from '../clock/clock';
import { CircuitOpenError, ConfigError, RateLimitedError, TradepropError } from '../domain/errors';

export type BreakerState = 'closed' | 'open' | 'half-open';

export interface CircuitBreakerOptions {
  /** Names the breaker in errors and health(), e.g. "binance/alice/sim". */
  name: string;
  clock: Clock;
  /** Consecutive failures that open a closed breaker. */
  failureThreshold: number;
  /** How long an open breaker refuses calls before it lets one probe through. */
  openMs: number;
  /** Which errors count against the venue's health; default `isVenueFailure`. */
  isFailure?: (error: unknown) => boolean;
}

export interface BreakerTransition {
  name: string;
  from: BreakerState;
  to: BreakerState;
  /** Clock time the breaker entered `to` (for open -> half-open: when `openMs` ran out). */
  at: number;
}

/** What health() shows of a breaker. */
export interface BreakerSnapshot {
  name: string;
  state: BreakerState;
  consecutiveFailures: number;
  /** How many times it has opened so far. */
  opens: number;
  /** While open: when the probe will be allowed. */
  probeAt?: number | undefined;
  /** While half-open: whether the one probe is out. */
  probeInFlight: boolean;
}

/**
 * A failure is a sign the venue or the path to it is unwell: network faults, timeouts and 5xx,
 * i.e. the retryable typed errors. Not failures: business rejections (insufficient funds,
 * filters, unknown order), authentication and -1021, which say the venue is up and answering,
 * and 429/418 (RateLimitedError), which the request limiter handles with Retry-After; opening
 * the breaker on them would turn a throttle into an outage. Untyped errors are not failures
 * either: the adapter maps every venue error to a typed one first.
 */
export function isVenueFailure(error: unknown): boolean {
  return error instanceof TradepropError && error.retryable && !(error instanceof RateLimitedError);
}

/**
 * A circuit breaker on the injected clock (invariant C2): closed -> open after
 * `failureThreshold` consecutive failures; open refuses every call with CircuitOpenError
 * without calling it; after `openMs` it is half-open and lets exactly one probe through (other
 * calls are refused while it is out); the probe's success closes it, its failure opens it again
 * for another `openMs`. Any answer that is not a failure counts as a success.
 *
 * Time is read, never waited on: open -> half-open happens when the state is next looked at
 * (`state()`, `execute()`, `snapshot()`), dated when `openMs` ran out. Outcomes of calls let in
 * before the last state change are ignored, so a slow call started while closed cannot close a
 * breaker that has opened since, nor count twice.
 */
export class CircuitBreaker {
  private current: BreakerState = 'closed';
  private consecutiveFailures = 0;
  private opens = 0;
  private openedAt = 0;
  private probeInFlight = false;
  /** Bumped on every transition: a call's outcome counts only within the generation it was let in. */
  private generation = 0;
  private readonly listeners = new Set<(transition: BreakerTransition) => void>();
  private readonly isFailure: (error: unknown) => boolean;

  constructor(private readonly options: CircuitBreakerOptions) {
    if (!Number.isInteger(options.failureThreshold) || options.failureThreshold < 1) throw new ConfigError('breaker.failureThreshold', 'must be an integer of at least 1');
    if (!Number.isFinite(options.openMs) || options.openMs < 0) throw new ConfigError('breaker.openMs', 'must be a finite number of milliseconds, 0 or more');
    this.isFailure = options.isFailure ?? isVenueFailure;
  }

  state(): BreakerState {
    this.halfOpenWhenDue();
    return this.current;
  }

  /** Runs `operation` if the breaker lets it through; otherwise throws CircuitOpenError without calling it. */
  async execute<T>(operation: () => Promise<T>): Promise<T> {
    const state = this.state();
    if (state === 'open' || (state === 'half-open' && this.probeInFlight)) throw new CircuitOpenError(this.options.name, this.probeAt());
    if (state === 'half-open') this.probeInFlight = true;
    const admittedIn = this.generation;
    let result: T;
    try {
      result = await operation();
    } catch (error: unknown) {
      this.record(admittedIn, this.isFailure(error));
      throw error;
    }
    this.record(admittedIn, false);
    return result;
  }

  snapshot(): BreakerSnapshot {
    const state = this.state();
    return {
      name: this.options.name,
      state,
      consecutiveFailures: this.consecutiveFailures,
      opens: this.opens,
      probeAt: state === 'open' ? this.probeAt() : undefined,
      probeInFlight: this.probeInFlight,
    };
  }

  /** Calls `listener` on every transition; returns the function that unsubscribes it. */
  onStateChange(listener: (transition: BreakerTransition) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private record(admittedIn: number, failed: boolean): void {
    if (admittedIn !== this.generation) return;
    if (this.current === 'half-open') {
      this.probeInFlight = false;
      if (failed) this.open(this.options.clock.now());
      else this.transition('closed', this.options.clock.now());
      return;
    }
    if (!failed) {
      this.consecutiveFailures = 0;
      return;
    }
    this.consecutiveFailures += 1;
    if (this.consecutiveFailures >= this.options.failureThreshold) this.open(this.options.clock.now());
  }

  private open(at: number): void {
    this.openedAt = at;
    this.opens += 1;
    this.transition('open', at);
  }

  private halfOpenWhenDue(): void {
    if (this.current === 'open' && this.options.clock.now() >= this.probeAt()) this.transition('half-open', this.probeAt());
  }

  private probeAt(): number {
    return this.openedAt + this.options.openMs;
  }

  private transition(to: BreakerState, at: number): void {
    const from = this.current;
    this.current = to;
    this.generation += 1;
    this.probeInFlight = false;
    if (to === 'closed') this.consecutiveFailures = 0;
    for (const listener of this.listeners) listener({ name: this.options.name, from, to, at });
  }
}
