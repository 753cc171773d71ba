import { describe, expect, it } from 'vitest';
import { ConfigError, ConfigReloadRefusedError } from '../domain/errors';
import { loadAdapterConfig, type AdapterConfig } from './config';
import { ConfigStore } from './config-store';

const ENV = { TRADEPROP_API_KEY: 'key-AAAA1111BBBB2222', TRADEPROP_API_SECRET: 'secret-CCCC3333DDDD4444' };
const BASE = { environment: 'sim', retry: { maxAttempts: 3 } } as const;

function storeWithLog(): { store: ConfigStore; seen: Array<[AdapterConfig, AdapterConfig]> } {
  const store = new ConfigStore(loadAdapterConfig(BASE, ENV));
  const seen: Array<[AdapterConfig, AdapterConfig]> = [];
  store.subscribe((next, previous) => seen.push([next, previous]));
  return { store, seen };
}

describe('ConfigStore', () => {
  it('applies a valid change in one swap, keeps the credentials and notifies once', () => {
    const { store, seen } = storeWithLog();
    const before = store.current();
    const after = store.reload({ ...BASE, retry: { maxAttempts: 7 }, features: { rateLimiter: false } });
    expect(store.current()).toBe(after);
    expect([after.retry.maxAttempts, after.features.rateLimiter, before.retry.maxAttempts]).toEqual([7, false, 3]);
    expect(after.credentials).toBe(before.credentials);
    expect(seen).toEqual([[after, before]]);
    expect(Object.isFrozen(after) && Object.isFrozen(after.retry)).toBe(true);
  });

  it('keeps the old configuration and notifies nobody when the document is invalid', () => {
    const { store, seen } = storeWithLog();
    const before = store.current();
    expect(() => store.reload({ ...BASE, retry: { maxAttempts: -1 } })).toThrow(ConfigError);
    expect([store.current(), seen.length]).toEqual([before, 0]);
  });

  it('refuses a change of environment, base URL or credentials source', () => {
    const { store, seen } = storeWithLog();
    const before = store.current();
    const refused = [
      { ...BASE, environment: 'sandbox' },
      { ...BASE, baseUrl: 'http://127.0.0.1:9' },
      { ...BASE, credentials: { source: 'env', apiKeyVariable: 'OTHER_KEY' } },
      { ...BASE, credentials: { source: 'file', path: '/k.json' } },
    ];
    const paths = refused.map((input) => {
      try {
        store.reload(input);
        return 'applied';
      } catch (error) {
        return error instanceof ConfigReloadRefusedError ? error.path : 'other error';
      }
    });
    expect(paths).toEqual(['environment', 'baseUrl', 'credentials', 'credentials']);
    expect([store.current(), seen.length]).toEqual([before, 0]);
  });

  it('treats a document equal to the current settings as no change', () => {
    const { store, seen } = storeWithLog();
    const before = store.current();
    expect(store.reload({ ...BASE, logLevel: 'info' })).toBe(before);
    expect(seen.length).toBe(0);
  });

  it('notifies every listener even when one throws, then reports the first failure itself', () => {
    const { store, seen } = storeWithLog();
    const first = new Error('listener broke');
    store.subscribe(() => {
      throw first;
    });
    let late = 0;
    store.subscribe(() => (late += 1));
    store.subscribe(() => {
      throw new Error('another listener broke');
    });
    let thrown: unknown;
    try {
      store.reload({ ...BASE, retry: { maxAttempts: 4 } });
    } catch (error) {
      thrown = error;
    }
    // The error object itself: vitest's toThrow('text') also passes when `undefined` is thrown.
    expect(thrown).toBe(first);
    expect([store.current().retry.maxAttempts, seen.length, late]).toEqual([4, 1, 1]);
  });

  it('stops notifying after unsubscribe', () => {
    const store = new ConfigStore(loadAdapterConfig(BASE, ENV));
    let calls = 0;
    const unsubscribe = store.subscribe(() => (calls += 1));
    store.reload({ ...BASE, retry: { maxAttempts: 4 } });
    unsubscribe();
    store.reload({ ...BASE, retry: { maxAttempts: 5 } });
    expect(calls).toBe(1);
  });
});
