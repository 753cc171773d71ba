import { describe, expect, it } from 'vitest';
import { RandomSource, VirtualClock } from '../clock';
import { LiveEnvironmentRefusedError, UsageError } from '../domain/errors';
import type { AdapterEnvironment, ExchangeAdapter } from './contract';
import { createAdapterFactory, type AdapterKey } from './factory';

const KEY: AdapterKey = { exchange: 'binance', account: 'main', environment: 'sim' };

function environment(kind: AdapterEnvironment['environment'] = 'sim'): AdapterEnvironment {
  return { environment: kind, clock: new VirtualClock(), random: new RandomSource('factory-test').stream('factory'), credentials: { apiKey: 'k', secret: 's' }, baseUrl: 'https://api.binance.com' };
}

/** A stand-in adapter: the factory only creates and closes adapters. */
function fakeAdapter(log: string[], name: string): ExchangeAdapter {
  const unused = (): never => {
    throw new Error('not used by the factory');
  };
  return {
    loadMarkets: unused,
    place: unused,
    cancel: unused,
    fetchOrder: unused,
    cancelAll: unused,
    fetchOpenOrders: unused,
    fetchMyTrades: unused,
    fetchBalances: unused,
    reconcile: unused,
    orders: unused,
    balances: unused,
    close: async () => {
      log.push(`close ${name}`);
    },
  };
}

function countingFactory(): { log: string[]; factory: ReturnType<typeof createAdapterFactory>; fail: { next: boolean } } {
  const log: string[] = [];
  const fail = { next: false };
  let created = 0;
  const factory = createAdapterFactory(async (env) => {
    created += 1;
    const name = `#${created} ${env.environment}`;
    log.push(`create ${name}`);
    await Promise.resolve();
    if (fail.next) {
      fail.next = false;
      throw new Error('creation failed');
    }
    return fakeAdapter(log, name);
  });
  return { log, factory, fail };
}

describe('createAdapterFactory', () => {
  it('creates one adapter per key, even for concurrent gets', async () => {
    const { log, factory } = countingFactory();
    const [a, b, c] = await Promise.all([factory.get(KEY, environment()), factory.get({ ...KEY }, environment()), factory.get(KEY, environment())]);
    expect([a === b, b === c]).toEqual([true, true]);
    const other = await factory.get({ ...KEY, account: 'hedge' }, environment());
    expect(other).not.toBe(a);
    expect(log).toEqual(['create #1 sim', 'create #2 sim']);
  });

  it('does not confuse keys whose joined text is equal', async () => {
    const { factory } = countingFactory();
    const first = await factory.get({ ...KEY, exchange: 'a:b', account: 'c' }, environment());
    const second = await factory.get({ ...KEY, exchange: 'a', account: 'b:c' }, environment());
    expect(first).not.toBe(second);
  });

  it('forgets a failed creation so the next get tries again', async () => {
    const { log, factory, fail } = countingFactory();
    fail.next = true;
    const results = await Promise.allSettled([factory.get(KEY, environment()), factory.get(KEY, environment())]);
    expect(results.map((result) => result.status)).toEqual(['rejected', 'rejected']);
    await expect(factory.get(KEY, environment())).resolves.toBeDefined();
    expect(log).toEqual(['create #1 sim', 'create #2 sim']);
  });

  it('refuses live before creating anything', async () => {
    const { log, factory } = countingFactory();
    await expect(factory.get({ ...KEY, environment: 'live' }, environment('live'))).rejects.toBeInstanceOf(LiveEnvironmentRefusedError);
    await expect(factory.get(KEY, environment('live'))).rejects.toBeInstanceOf(LiveEnvironmentRefusedError);
    await expect(factory.get({ ...KEY, environment: 'live' }, environment('sim'))).rejects.toBeInstanceOf(LiveEnvironmentRefusedError);
    await expect(factory.get({ ...KEY, environment: 'sandbox' }, environment('sim'))).rejects.toThrow(new UsageError('adapter key says sandbox but its environment says sim'));
    expect(log).toEqual([]);
  });

  it('closes every adapter once, including one still being created, then refuses new gets', async () => {
    const { log, factory } = countingFactory();
    await factory.get(KEY, environment());
    const inFlight = factory.get({ ...KEY, environment: 'sandbox' }, environment('sandbox'));
    await Promise.all([factory.closeAll(), factory.closeAll()]);
    await inFlight;
    expect(log).toEqual(['create #1 sim', 'create #2 sandbox', 'close #1 sim', 'close #2 sandbox']);
    await expect(factory.get(KEY, environment())).rejects.toThrow(new UsageError('the adapter factory is closed; create a new one'));
  });

  it('closes the adapters beside a failed creation, and reports a failed close after closing the rest', async () => {
    const { log, factory, fail } = countingFactory();
    await factory.get({ ...KEY, account: 'hedge' }, environment());
    fail.next = true;
    // Still being created when closeAll starts, then failing: nothing of it to close.
    const failed = factory.get(KEY, environment());
    await expect(factory.closeAll()).resolves.toBeUndefined();
    await expect(failed).rejects.toThrow('creation failed');
    expect(log).toEqual(['create #1 sim', 'create #2 sim', 'close #1 sim']);

    const closeFailure = new Error('close failed');
    const closed: string[] = [];
    let made = 0;
    const mixed = createAdapterFactory(async () => {
      made += 1;
      return made === 1 ? { ...fakeAdapter(closed, 'failing'), close: () => Promise.reject(closeFailure) } : fakeAdapter(closed, `#${made}`);
    });
    await mixed.get(KEY, environment());
    await mixed.get({ ...KEY, account: 'hedge' }, environment());
    await expect(mixed.closeAll()).rejects.toBe(closeFailure);
    expect(closed).toEqual(['close #2']);
  });
});
