import { describe, expect, it } from 'vitest';
import { RandomSource } from '../clock/random';
import { VIRTUAL_EPOCH_MS, VirtualClock } from '../clock/virtual-clock';
import { ConfigError, InsufficientFundsError, InvalidNonceError, NetworkError, RateLimitedError } from '../domain/errors';
import { backoffDelayMs, withRetry, type RetryInfo, type RetryPolicy } from './retry';

const policy: RetryPolicy = { maxAttempts: 4, baseDelayMs: 100, maxDelayMs: 1000, deadlineMs: 60_000 };

function failing(errors: unknown[], then: string): (attempt: number) => Promise<string> {
  return async (attempt) => {
    const error = errors[attempt - 1];
    if (error !== undefined) throw error;
    return then;
  };
}

/** An operation that always throws `error`, counting its attempts. */
function alwaysFailing(error: unknown): { call: () => Promise<never>; attempts: () => number } {
  let attempts = 0;
  return {
    call: async () => {
      attempts += 1;
      throw error;
    },
    attempts: () => attempts,
  };
}

describe('backoffDelayMs: full jitter', () => {
  it('stays in [0, min(maxDelayMs, baseDelayMs * 2^retry)] and uses the window', () => {
    const random = new RandomSource('jitter').stream('retry');
    for (const retry of [0, 1, 2, 3, 4, 10, 2000]) {
      const cap = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** retry);
      const delays = Array.from({ length: 200 }, () => backoffDelayMs(retry, policy, random));
      expect(Math.min(...delays)).toBeGreaterThanOrEqual(0);
      expect(Math.max(...delays)).toBeLessThanOrEqual(cap);
      expect(Math.max(...delays)).toBeGreaterThan(cap / 2);
      expect(delays.every(Number.isInteger)).toBe(true);
    }
  });

  it('is reproduced by the same seed', () => {
    const draw = () => {
      const random = new RandomSource('7').stream('retry');
      return [0, 1, 2, 3].map((retry) => backoffDelayMs(retry, policy, random));
    };
    expect(draw()).toEqual(draw());
  });
});

describe('withRetry', () => {
  const random = () => new RandomSource('retry-test').stream('retry');

  it('retries retryable errors, sleeping on the clock, and returns the first success', async () => {
    const clock = new VirtualClock();
    const retries: RetryInfo[] = [];
    const result = withRetry(failing([new NetworkError('reset'), new NetworkError('reset')], 'ok'), { policy, clock, random: random(), onRetry: (info) => retries.push(info) });
    await expect(clock.run(result)).resolves.toBe('ok');
    expect(retries.map((info) => info.attempt)).toEqual([1, 2]);
    expect(clock.now()).toBe(VIRTUAL_EPOCH_MS + retries.reduce((sum, info) => sum + info.delayMs, 0));
  });

  it('never retries a business rejection or -1021, and rethrows the very error', async () => {
    for (const error of [new InsufficientFundsError('no funds'), new InvalidNonceError('-1021'), new Error('untyped')]) {
      const clock = new VirtualClock();
      const operation = alwaysFailing(error);
      await expect(clock.run(withRetry(operation.call, { policy, clock, random: random() }))).rejects.toBe(error);
      expect(operation.attempts()).toBe(1);
    }
  });

  it('gives up after maxAttempts with the last error', async () => {
    const clock = new VirtualClock();
    const errors = [1, 2, 3, 4, 5].map((n) => new NetworkError(`reset ${n}`));
    const result = withRetry(failing(errors, 'never'), { policy, clock, random: random() });
    await expect(clock.run(result)).rejects.toBe(errors[3]);
  });

  it('waits at least Retry-After after a 429 that carries it', async () => {
    const clock = new VirtualClock();
    const result = withRetry(failing([new RateLimitedError('429', 30_000)], 'ok'), { policy, clock, random: random() });
    await expect(clock.run(result)).resolves.toBe('ok');
    expect(clock.now()).toBe(VIRTUAL_EPOCH_MS + 30_000);
  });

  it('does not sleep past the deadline: it rethrows instead', async () => {
    const clock = new VirtualClock();
    const error = new RateLimitedError('429', 120_000);
    let attempts = 0;
    const result = withRetry(
      async () => {
        attempts += 1;
        throw error;
      },
      { policy, clock, random: random() },
    );
    await expect(clock.run(result)).rejects.toBe(error);
    expect(attempts).toBe(1);
    expect(clock.now()).toBe(VIRTUAL_EPOCH_MS);
  });

  it('counts the deadline from the first attempt, slow attempts included', async () => {
    const clock = new VirtualClock();
    let attempts = 0;
    const result = withRetry(
      async () => {
        attempts += 1;
        await clock.sleep(25_000);
        throw new NetworkError('timeout');
      },
      { policy: { ...policy, maxAttempts: 10, baseDelayMs: 0, maxDelayMs: 0, deadlineMs: 60_000 }, clock, random: random() },
    );
    await expect(clock.run(result)).rejects.toBeInstanceOf(NetworkError);
    // Attempts start at 0, 25 s and 50 s; the fourth would start at 75 s, past the 60 s deadline.
    expect(attempts).toBe(3);
  });

  it('honours a custom retryable predicate', async () => {
    const clock = new VirtualClock();
    const result = withRetry(failing([new Error('flaky')], 'ok'), { policy, clock, random: random(), isRetryable: (error) => error instanceof Error });
    await expect(clock.run(result)).resolves.toBe('ok');
  });

  it('refuses a policy without attempts, naming the field', async () => {
    const clock = new VirtualClock();
    await expect(withRetry(async () => 'ok', { policy: { ...policy, maxAttempts: 0 }, clock, random: random() })).rejects.toMatchObject({ path: 'retry.maxAttempts', message: expect.stringContaining('at least 1') });
    await expect(withRetry(async () => 'ok', { policy: { ...policy, deadlineMs: -1 }, clock, random: random() })).rejects.toBeInstanceOf(ConfigError);
    await expect(withRetry(async () => 'ok', { policy: { ...policy, deadlineMs: -1 }, clock, random: random() })).rejects.toMatchObject({ path: 'retry.deadlineMs', message: expect.stringContaining('milliseconds') });
  });

  it('makes no retry whose sleep would end exactly at the deadline', async () => {
    const clock = new VirtualClock();
    const error = new RateLimitedError('429', policy.deadlineMs);
    const operation = alwaysFailing(error);
    await expect(clock.run(withRetry(operation.call, { policy, clock, random: random() }))).rejects.toBe(error);
    expect(operation.attempts()).toBe(1);
  });
});
