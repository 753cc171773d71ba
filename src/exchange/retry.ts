import type { Clock } from '../clock/clock';
import type { RandomStream } from '../clock/random';
import { ConfigError, RateLimitedError, TradepropError } from '../domain/errors';

/** How hard one operation is retried (invariant C3). */
export interface RetryPolicy {
  /** Attempts in all, the first included: 1 means never retry. */
  maxAttempts: number;
  /** The cap of the first retry's jitter window; it doubles with each retry. */
  baseDelayMs: number;
  /** No jitter window grows past this. */
  maxDelayMs: number;
  /** No attempt starts this long or later after the first one started (clock time). */
  deadlineMs: number;
}

export interface RetryInfo {
  /** The attempt that just failed (1 for the first). */
  attempt: number;
  delayMs: number;
  error: unknown;
}

export interface RetryOptions {
  policy: RetryPolicy;
  clock: Clock;
  random: RandomStream;
  /** Default: only typed errors whose `retryable` verdict is true (src/domain/errors.ts). */
  isRetryable?: (error: unknown) => boolean;
  /** Called once per retry, before its sleep: where the adapter logs it with the intent's correlation id. */
  onRetry?: (info: RetryInfo) => void;
}

/** The closed error set decides: network faults, 5xx and 429 yes; rejections, auth, -1021 no. */
export function isRetryableError(error: unknown): boolean {
  return error instanceof TradepropError && error.retryable;
}

/**
 * Exponential backoff with "full jitter" (AWS Architecture Blog, "Exponential Backoff And
 * Jitter"): the delay before retry number `retry` (0 for the first retry) is uniform over the
 * whole window [0, min(maxDelayMs, baseDelayMs * 2^retry)], in whole milliseconds. Full jitter
 * spreads the retries of many clients hit by the same outage instead of synchronising them.
 */
export function backoffDelayMs(retry: number, policy: RetryPolicy, random: RandomStream): number {
  // 2 ** retry reaches Infinity for absurd retry counts; Math.min still caps it.
  const cap = Math.floor(Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, retry)));
  return random.int(0, Math.max(0, cap));
}

/**
 * Runs `operation` until it succeeds, retrying only retryable errors, at most
 * `policy.maxAttempts` attempts in all and only while the next attempt would start before
 * `policy.deadlineMs` has passed since the first one started: a retry whose sleep would reach
 * the deadline is not made (never sleep past it). After a RateLimitedError carrying Retry-After
 * the sleep is at least that long (Binance LIMITS doc: a client that sends before Retry-After
 * elapses is banned). Every sleep goes through `clock.sleep`. The error that ends the loop is
 * rethrown as it is, never wrapped or swallowed.
 */
export async function withRetry<T>(operation: (attempt: number) => Promise<T>, options: RetryOptions): Promise<T> {
  const { policy, clock, random } = options;
  assertValidPolicy(policy);
  const isRetryable = options.isRetryable ?? isRetryableError;
  const startedAt = clock.now();
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await operation(attempt);
    } catch (error: unknown) {
      if (attempt >= policy.maxAttempts || !isRetryable(error)) throw error;
      const delayMs = Math.max(backoffDelayMs(attempt - 1, policy, random), retryAfterOf(error));
      if (clock.now() - startedAt + delayMs >= policy.deadlineMs) throw error;
      options.onRetry?.({ attempt, delayMs, error });
      await clock.sleep(delayMs);
    }
  }
}

function retryAfterOf(error: unknown): number {
  return error instanceof RateLimitedError && error.retryAfterMs !== undefined ? Math.ceil(error.retryAfterMs) : 0;
}

/** A policy built by hand (not through the zod config) is checked here, naming the bad field. */
function assertValidPolicy(policy: RetryPolicy): void {
  if (!Number.isInteger(policy.maxAttempts) || policy.maxAttempts < 1) throw new ConfigError('retry.maxAttempts', 'must be an integer of at least 1');
  for (const field of ['baseDelayMs', 'maxDelayMs', 'deadlineMs'] as const) {
    if (!Number.isFinite(policy[field]) || policy[field] < 0) throw new ConfigError(`retry.${field}`, 'must be a finite number of milliseconds, 0 or more');
  }
}
