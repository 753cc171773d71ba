/**
 * C3, the retry half: whatever each attempt does (succeeds, fails with a retryable error, fails
 * with a business rejection or -1021, takes time on the clock), withRetry makes a new attempt
 * only after a retryable error, makes at most maxAttempts, starts none at or after the deadline
 * (counted from the first attempt), returns the first success, and otherwise rethrows the very
 * error of the last attempt.
 */
import { test, fc } from '@fast-check/vitest';
import { expect } from 'vitest';
import { RandomSource } from '../../src/clock/random';
import { VirtualClock } from '../../src/clock/virtual-clock';
import { ExchangeUnavailableError, InsufficientFundsError, InvalidNonceError, NetworkError, OrderRejectedError, RateLimitedError } from '../../src/domain/errors';
import { withRetry, type RetryPolicy } from '../../src/exchange/retry';

const policy: fc.Arbitrary<RetryPolicy> = fc.record({
  maxAttempts: fc.integer({ min: 1, max: 8 }),
  baseDelayMs: fc.integer({ min: 0, max: 2_000 }),
  maxDelayMs: fc.integer({ min: 0, max: 30_000 }),
  deadlineMs: fc.integer({ min: 0, max: 120_000 }),
});

type Outcome = 'ok' | 'network' | 'unavailable' | 'rate-limited' | 'insufficient-funds' | 'rejected' | 'invalid-nonce' | 'untyped';
const RETRYABLE: ReadonlySet<Outcome> = new Set(['network', 'unavailable', 'rate-limited']);

const attempt = fc.record({
  outcome: fc.constantFrom<Outcome>('ok', 'network', 'network', 'unavailable', 'rate-limited', 'insufficient-funds', 'rejected', 'invalid-nonce', 'untyped'),
  /** How long the attempt itself takes (a slow venue, a timeout). */
  durationMs: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 40_000 })),
});

function errorFor(outcome: Exclude<Outcome, 'ok'>): unknown {
  switch (outcome) {
    case 'network':
      return new NetworkError('ECONNRESET');
    case 'unavailable':
      return new ExchangeUnavailableError('503');
    case 'rate-limited':
      return new RateLimitedError('429', 1_000);
    case 'insufficient-funds':
      return new InsufficientFundsError('Account has insufficient balance for requested action.');
    case 'rejected':
      return new OrderRejectedError('Filter failure: LOT_SIZE');
    case 'invalid-nonce':
      return new InvalidNonceError('Timestamp for this request is outside of the recvWindow.');
    case 'untyped':
      return new TypeError('cannot read properties of undefined');
  }
}

test.prop([policy, fc.array(attempt, { minLength: 1, maxLength: 10 }), fc.string({ maxLength: 8 })], { seed: 5_303, numRuns: 300 })(
  'only retryable errors are retried, within maxAttempts and the deadline, and the last error is rethrown as is',
  async (retryPolicy, plan, seed) => {
    const clock = new VirtualClock();
    const startedAt = clock.now();
    const made: Array<{ outcome: Outcome; startedAt: number; error?: unknown }> = [];
    const operation = async (index: number): Promise<string> => {
      const step = plan[index - 1] ?? { outcome: 'ok' as const, durationMs: 0 };
      const record: { outcome: Outcome; startedAt: number; error?: unknown } = { outcome: step.outcome, startedAt: clock.now() };
      made.push(record);
      await clock.sleep(step.durationMs);
      if (step.outcome === 'ok') return `ok on attempt ${index}`;
      record.error = errorFor(step.outcome);
      throw record.error;
    };
    const result = await clock.run(withRetry(operation, { policy: retryPolicy, clock, random: new RandomSource(seed).stream('retry') })).then(
      (value) => ({ ok: true as const, value }),
      (error: unknown) => ({ ok: false as const, error }),
    );

    expect(made.length).toBeGreaterThanOrEqual(1);
    expect(made.length).toBeLessThanOrEqual(retryPolicy.maxAttempts);
    made.slice(0, -1).forEach((earlier) => expect(RETRYABLE.has(earlier.outcome)).toBe(true));
    made.slice(1).forEach((later) => expect(later.startedAt - startedAt).toBeLessThan(retryPolicy.deadlineMs));
    const last = made[made.length - 1];
    if (result.ok) {
      expect(last?.outcome).toBe('ok');
      expect(result.value).toBe(`ok on attempt ${made.length}`);
    } else {
      expect(result.error).toBe(last?.error);
      // It stopped for a reason: not retryable, attempts spent, or the deadline would have passed.
      if (last !== undefined && RETRYABLE.has(last.outcome) && made.length < retryPolicy.maxAttempts) {
        const retryAfter = last.outcome === 'rate-limited' ? 1_000 : 0;
        const maxBackoff = Math.max(retryAfter, Math.min(retryPolicy.maxDelayMs, retryPolicy.baseDelayMs * 2 ** (made.length - 1)));
        expect(clock.now() - startedAt + maxBackoff).toBeGreaterThanOrEqual(retryPolicy.deadlineMs);
      }
    }
  },
);
