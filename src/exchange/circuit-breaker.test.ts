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

  it('ignores a failure of a call let in before it opened: it neither counts nor reopens', async () => {
    const clock = new VirtualClock();
    const target = breaker(clock, 2);
    let reject: (error: unknown) => void = () => undefined;
    const slow = target.execute(() => new Promise<string>((_resolve, fail) => (reject = fail)));
    await failTimes(target, 2);
    await clock.run(clock.sleep(1000));
    reject(new NetworkError('late reset'));
    await expect(slow).rejects.toBeInstanceOf(NetworkError);
    expect(target.snapshot()).toMatchObject({ state: 'open', consecutiveFailures: 2, opens: 1, probeAt: VIRTUAL_EPOCH_MS + 5000 });
  });

  it('health shows a closed breaker with no probe and no probe time, also after a success', async () => {
    const clock = new VirtualClock();
    const target = breaker(clock);
    const closed = { name: 'binance/alice/sim', state: 'closed', consecutiveFailures: 0, opens: 0, probeAt: undefined, probeInFlight: false };
    expect(target.snapshot()).toEqual(closed);
    await target.execute(succeed);
    expect(target.snapshot()).toEqual(closed);
  });

  it('health shows the failures that opened it; a closing probe clears them, so one more failure does not reopen it', async () => {
    const clock = new VirtualClock();
    const target = breaker(clock, 3);
    await failTimes(target, 3);
    expect(target.snapshot()).toMatchObject({ state: 'open', consecutiveFailures: 3 });
    await clock.run(clock.sleep(5000));
    await target.execute(succeed);
    expect(target.snapshot()).toMatchObject({ state: 'closed', consecutiveFailures: 0 });
    await failTimes(target, 1);
    expect(target.snapshot()).toMatchObject({ state: 'closed', consecutiveFailures: 1 });
  });

  it('refuses a threshold below 1, naming the field', () => {
    expect(() => breaker(new VirtualClock(), 0)).toThrow(/breaker.failureThreshold/);
    expect(() => breaker(new VirtualClock(), 0)).toThrow(/at least 1/);
  });

  it('refuses a negative or infinite open window, naming the field, and accepts 0', () => {
    for (const openMs of [-1, Number.POSITIVE_INFINITY, Number.NaN]) {
      expect(() => breaker(new VirtualClock(), 3, openMs)).toThrow(/breaker.openMs.*milliseconds/);
    }
    expect(breaker(new VirtualClock(), 3, 0).state()).toBe('closed');
  });
});
