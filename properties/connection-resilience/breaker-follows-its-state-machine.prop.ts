/**
 * C2 at the unit level: under any sequence of call outcomes, clock advances and overlapping
 * probes, the circuit breaker moves exactly as its state machine says: closed -> open after
 * `failureThreshold` consecutive failures (network faults and 5xx; rejections and 429s are not
 * failures), open refuses without calling for `openMs`, then half-open lets one probe through
 * (a second call while it is out is refused), and the probe's success closes it, its failure
 * opens it again. The reference is the small machine below, dated transitions included.
 */
import { test, fc } from '@fast-check/vitest';
import { expect } from 'vitest';
import { VIRTUAL_EPOCH_MS, VirtualClock } from '../../src/clock/virtual-clock';
import { CircuitOpenError, ExchangeUnavailableError, InsufficientFundsError, NetworkError, RateLimitedError } from '../../src/domain/errors';
import { CircuitBreaker, type BreakerState } from '../../src/exchange/circuit-breaker';

type Outcome = 'success' | 'network' | 'unavailable' | 'rejected' | 'rate-limited';
const FAILURES: ReadonlySet<Outcome> = new Set(['network', 'unavailable']);

type Step = { kind: 'call'; outcome: Outcome } | { kind: 'overlap'; outcome: Outcome } | { kind: 'advance'; ms: number };

const outcome = fc.constantFrom<Outcome>('success', 'network', 'network', 'unavailable', 'rejected', 'rate-limited');
const step: fc.Arbitrary<Step> = fc.oneof(
  { arbitrary: fc.record({ kind: fc.constant('call' as const), outcome }), weight: 6 },
  { arbitrary: fc.record({ kind: fc.constant('overlap' as const), outcome }), weight: 1 },
  { arbitrary: fc.integer({ min: 0, max: 12_000 }).map((ms) => ({ kind: 'advance' as const, ms })), weight: 3 },
);

interface Machine {
  state: BreakerState;
  failures: number;
  openedAt: number;
  transitions: string[];
}

/** The reference machine: what the breaker must do, written as plainly as possible. */
class ReferenceBreaker {
  readonly machine: Machine = { state: 'closed', failures: 0, openedAt: 0, transitions: [] };
  constructor(private readonly threshold: number, private readonly openMs: number) {}

  stateAt(now: number): BreakerState {
    if (this.machine.state === 'open' && now >= this.machine.openedAt + this.openMs) this.move('half-open', this.machine.openedAt + this.openMs);
    return this.machine.state;
  }

  /** Whether a call at `now` is let through. */
  admits(now: number): boolean {
    return this.stateAt(now) !== 'open';
  }

  complete(result: Outcome, now: number): void {
    const failed = FAILURES.has(result);
    if (this.machine.state === 'half-open') {
      if (failed) this.open(now);
      else this.move('closed', now);
      return;
    }
    this.machine.failures = failed ? this.machine.failures + 1 : 0;
    if (this.machine.failures >= this.threshold) this.open(now);
  }

  private open(now: number): void {
    this.machine.openedAt = now;
    this.move('open', now);
  }

  private move(to: BreakerState, at: number): void {
    this.machine.transitions.push(`${this.machine.state}->${to}@${at - VIRTUAL_EPOCH_MS}`);
    this.machine.state = to;
    if (to === 'closed') this.machine.failures = 0;
  }
}

function settle(result: Outcome): Promise<string> {
  switch (result) {
    case 'success':
      return Promise.resolve('ok');
    case 'network':
      return Promise.reject(new NetworkError('ECONNRESET'));
    case 'unavailable':
      return Promise.reject(new ExchangeUnavailableError('503'));
    case 'rejected':
      return Promise.reject(new InsufficientFundsError('Account has insufficient balance for requested action.'));
    case 'rate-limited':
      return Promise.reject(new RateLimitedError('429', 1_000));
  }
}

test.prop([fc.integer({ min: 1, max: 5 }), fc.integer({ min: 0, max: 20_000 }), fc.array(step, { maxLength: 60 })], { seed: 5_304, numRuns: 300 })(
  'the breaker opens after the configured failures, probes once half-open, and closes on success',
  async (failureThreshold, openMs, steps) => {
    const clock = new VirtualClock();
    const breaker = new CircuitBreaker({ name: 'venue', clock, failureThreshold, openMs });
    const reference = new ReferenceBreaker(failureThreshold, openMs);
    const seen: string[] = [];
    breaker.onStateChange(({ from, to, at }) => seen.push(`${from}->${to}@${at - VIRTUAL_EPOCH_MS}`));

    for (const current of steps) {
      const now = clock.now();
      if (current.kind === 'advance') {
        await clock.advance(current.ms);
      } else if (!reference.admits(now)) {
        let called = false;
        const refused = breaker.execute(() => {
          called = true;
          return settle(current.outcome);
        });
        await expect(refused).rejects.toBeInstanceOf(CircuitOpenError);
        expect(called).toBe(false);
      } else if (current.kind === 'overlap' && reference.stateAt(now) === 'half-open') {
        // The probe is out: a second call must be refused without being made.
        let release: () => void = () => undefined;
        const probe = breaker.execute(() => new Promise<void>((resolve) => (release = resolve)).then(() => settle(current.outcome)));
        await expect(breaker.execute(() => settle('success'))).rejects.toBeInstanceOf(CircuitOpenError);
        release();
        await probe.catch(() => undefined);
        reference.complete(current.outcome, now);
      } else {
        await breaker.execute(() => settle(current.outcome)).catch(() => undefined);
        reference.complete(current.outcome, now);
      }
      expect(breaker.state()).toBe(reference.stateAt(clock.now()));
    }
    expect(seen).toEqual(reference.machine.transitions);
  },
);
