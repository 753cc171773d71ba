/**
 * C3, the backoff half: every delay full jitter draws is a whole number of milliseconds in
 * [0, min(maxDelayMs, baseDelayMs * 2^retry)], the same seed draws the same delays, and the
 * sleeps withRetry really takes on the clock are those delays (or a longer Retry-After).
 */
import { test, fc } from '@fast-check/vitest';
import { expect } from 'vitest';
import { RandomSource } from '../../src/clock/random';
import { VirtualClock } from '../../src/clock/virtual-clock';
import { NetworkError, RateLimitedError } from '../../src/domain/errors';
import { backoffDelayMs, withRetry, type RetryInfo, type RetryPolicy } from '../../src/exchange/retry';

const policy: fc.Arbitrary<RetryPolicy> = fc.record({
  maxAttempts: fc.integer({ min: 1, max: 12 }),
  baseDelayMs: fc.integer({ min: 0, max: 5_000 }),
  maxDelayMs: fc.integer({ min: 0, max: 120_000 }),
  deadlineMs: fc.integer({ min: 0, max: 600_000 }),
});

const capOf = (retry: number, { baseDelayMs, maxDelayMs }: RetryPolicy): number => Math.min(maxDelayMs, baseDelayMs * 2 ** retry);

test.prop([policy, fc.integer({ min: 0, max: 200 }), fc.string({ maxLength: 8 })], { seed: 5_301, numRuns: 300 })(
  'every backoff delay is a whole number of ms within [0, min(maxDelayMs, baseDelayMs * 2^retry)] and reproduced by its seed',
  (retryPolicy, retry, seed) => {
    const draw = () => {
      const random = new RandomSource(seed).stream('retry');
      return Array.from({ length: 5 }, () => backoffDelayMs(retry, retryPolicy, random));
    };
    const delays = draw();
    for (const delay of delays) {
      expect(Number.isInteger(delay)).toBe(true);
      expect(delay).toBeGreaterThanOrEqual(0);
      expect(delay).toBeLessThanOrEqual(capOf(retry, retryPolicy));
    }
    expect(draw()).toEqual(delays);
  },
);

/** An attempt fails with a network error or a 429 that may carry Retry-After. */
const failure = fc.oneof(
  fc.constant({ kind: 'network' as const }),
  fc.record({ kind: fc.constant('rate-limited' as const), retryAfterMs: fc.option(fc.integer({ min: 0, max: 90_000 }), { nil: undefined }) }),
);

test.prop([policy, fc.array(failure, { minLength: 1, maxLength: 12 }), fc.string({ maxLength: 8 })], { seed: 5_302, numRuns: 200 })(
  'withRetry sleeps on the clock exactly its bounded backoff, or at least a Retry-After',
  async (retryPolicy, failures, seed) => {
    const clock = new VirtualClock();
    const attemptStarts: number[] = [];
    const retries: RetryInfo[] = [];
    const operation = async (attempt: number): Promise<string> => {
      attemptStarts.push(clock.now());
      const planned = failures[attempt - 1];
      if (planned === undefined) return 'ok';
      throw planned.kind === 'network' ? new NetworkError('reset') : new RateLimitedError('429', planned.retryAfterMs);
    };
    await clock.run(withRetry(operation, { policy: retryPolicy, clock, random: new RandomSource(seed).stream('retry'), onRetry: (info) => retries.push(info) })).catch(() => undefined);

    expect(retries).toHaveLength(attemptStarts.length - 1);
    retries.forEach((info, index) => {
      const gap = (attemptStarts[index + 1] ?? Number.NaN) - (attemptStarts[index] ?? Number.NaN);
      expect(gap).toBe(info.delayMs);
      const planned = failures[index];
      const retryAfter = planned?.kind === 'rate-limited' ? (planned.retryAfterMs ?? 0) : 0;
      expect(info.delayMs).toBeGreaterThanOrEqual(retryAfter);
      expect(info.delayMs).toBeLessThanOrEqual(Math.max(retryAfter, capOf(index, retryPolicy)));
    });
  },
);
