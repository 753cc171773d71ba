import { describe, expect, it } from 'vitest';
import { VIRTUAL_EPOCH_MS, VirtualClock } from '../clock/virtual-clock';
import { CircuitOpenError, ExchangeUnavailableError, InsufficientFundsError, NetworkError, RateLimitedError } from '../domain/errors';
import { CircuitBreaker, isVenueFailure, type BreakerTransition } from './circuit-breaker';

const fail = (error: unknown) => async (): Promise<string> => {
  throw error;
};
const succeed = async (): Promise<string> => 'ok';

function breaker(clock: VirtualClock, threshold = 3, openMs = 5000): CircuitBreaker {
  return new CircuitBreaker({ name: 'binance/alice/sim', clock, failureThreshold: threshold, openMs });
}

async function failTimes(target: CircuitBreaker, times: number): Promise<void> {
  for (let i = 0; i < times; i += 1) await target.execute(fail(new NetworkError('reset'))).catch(() => undefined);
}

describe('CircuitBreaker', () => {
  it('opens after the configured consecutive failures and then refuses without calling', async () => {
    const clock = new VirtualClock();
    const target = breaker(clock);
    await failTimes(target, 2);
    expect(target.state()).toBe('closed');
    await failTimes(target, 1);
    expect(target.state()).toBe('open');
    let called = false;
    const refused = target.execute(async () => {
      called = true;
      return 'sent';
    });
    await expect(refused).rejects.toBeInstanceOf(CircuitOpenError);
    await expect(refused).rejects.toMatchObject({ code: 'CIRCUIT_OPEN', retryable: false, probeAt: VIRTUAL_EPOCH_MS + 5000 });
    expect(called).toBe(false);
  });

  it('a success resets the run of failures', async () => {
    const clock = new VirtualClock();
    const target = breaker(clock);
    await failTimes(target, 2);
    await target.execute(succeed);
    await failTimes(target, 2);
    expect(target.state()).toBe('closed');
  });

  it('business rejections and 429s do not count as failures, and reset the run', async () => {
    const clock = new VirtualClock();
    const target = breaker(clock, 2);
    await failTimes(target, 1);
    for (const error of [new InsufficientFundsError('no funds'), new RateLimitedError('429'), new RateLimitedError('429')]) {
      await expect(target.execute(fail(error))).rejects.toBe(error);
    }
    await failTimes(target, 1);
    expect(target.snapshot()).toMatchObject({ state: 'closed', consecutiveFailures: 1 });
    expect([new NetworkError('x'), new ExchangeUnavailableError('503')].map(isVenueFailure)).toEqual([true, true]);
  });

  it('half-opens after openMs, lets one probe through, and closes on its success', async () => {
    const clock = new VirtualClock();
    const target = breaker(clock);
    const transitions: BreakerTransition[] = [];
    target.onStateChange((transition) => transitions.push(transition));
    await failTimes(target, 3);
    await clock.advance(4999);
    expect(target.state()).toBe('open');
    await clock.advance(1);
    expect(target.state()).toBe('half-open');
    let release: (value: string) => void = () => undefined;
    const probe = target.execute(() => new Promise<string>((resolve) => (release = resolve)));
    // A second call while the probe is out is refused.
    await expect(target.execute(succeed)).rejects.toBeInstanceOf(CircuitOpenError);
    expect(target.snapshot()).toMatchObject({ state: 'half-open', probeInFlight: true });
    release('probe ok');
    await expect(probe).resolves.toBe('probe ok');
    expect(target.state()).toBe('closed');
    expect(transitions.map(({ from, to, at }) => [from, to, at - VIRTUAL_EPOCH_MS])).toEqual([
      ['closed', 'open', 0],
      ['open', 'half-open', 5000],
      ['half-open', 'closed', 5000],
    ]);
  });

  it('a failed probe opens it again for another openMs', async () => {
    const clock = new VirtualClock();
    const target = breaker(clock);
    await failTimes(target, 3);
    await clock.advance(5000);
    await failTimes(target, 1);
    expect(target.snapshot()).toMatchObject({ state: 'open', opens: 2, probeAt: VIRTUAL_EPOCH_MS + 10_000 });
  });

  it('ignores outcomes of calls let in before it opened', async () => {
    const clock = new VirtualClock();
    const target = breaker(clock, 1);
    let release: (value: string) => void = () => undefined;
    const slow = target.execute(() => new Promise<string>((resolve) => (release = resolve)));
    await failTimes(target, 1);
    expect(target.state()).toBe('open');
    release('late');
    await expect(slow).resolves.toBe('late');
    expect(target.state()).toBe('open');
  });

  it('unsubscribes a listener', async () => {
    const clock = new VirtualClock();
    const target = breaker(clock, 1);
    const seen: string[] = [];
    const unsubscribe = target.onStateChange((transition) => seen.push(transition.to));
    unsubscribe();
    await failTimes(target, 1);
    expect(seen).toEqual([]);
  });

  it('refuses a threshold below 1, naming the field', () => {
    expect(() => breaker(new VirtualClock(), 0)).toThrow(/breaker.failureThreshold/);
  });
});
