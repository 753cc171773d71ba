import { UsageError } from '../domain/errors';
import { assertNotLive } from './config';
import type { AdapterFactory, ExchangeAdapter, ExchangeAdapterFactory, ExchangeFactoryBuilder } from './contract';

export type { AdapterKey, ExchangeAdapterFactory } from './contract';

/**
 * Hands out one adapter per (exchange, account, environment) from `createAdapter`. `live` is
 * refused before `createAdapter` is called (invariant S4), whether the key or the environment
 * says so. After `closeAll` starts, `get` refuses rather than create an adapter nobody closes.
 */
export const createAdapterFactory: ExchangeFactoryBuilder = (createAdapter: AdapterFactory): ExchangeAdapterFactory => {
  const adapters = new Map<string, Promise<ExchangeAdapter>>();
  let closing: Promise<void> | undefined;

  return {
    // async, but nothing is awaited before the map is updated: two calls in the same tick see
    // each other's creation.
    async get(key, env) {
      assertNotLive(key);
      assertNotLive(env);
      if (key.environment !== env.environment) throw new UsageError(`adapter key says ${key.environment} but its environment says ${env.environment}`);
      if (closing !== undefined) throw new UsageError('the adapter factory is closed; create a new one');
      // JSON of the tuple, not a joined string: "a:b" + "c" must not meet "a" + "b:c".
      const id = JSON.stringify([key.exchange, key.account, key.environment]);
      const existing = adapters.get(id);
      if (existing !== undefined) return existing;
      const creation = createAdapter(env);
      adapters.set(id, creation);
      // A failed creation is forgotten, so the next get tries again. Nothing else can hold this
      // id by then: closeAll empties the map and every get after it is refused.
      creation.catch(() => adapters.delete(id));
      return await creation;
    },

    closeAll() {
      closing ??= closeEach(adapters);
      return closing;
    },
  };
};

async function closeEach(adapters: Map<string, Promise<ExchangeAdapter>>): Promise<void> {
  const pending = [...adapters.values()];
  adapters.clear();
  // A creation that failed left nothing to close; every created adapter is closed even when
  // another's close fails, and the first such failure is reported after all of them ran.
  const outcomes = await Promise.allSettled(
    pending.map(async (creation) => {
      const adapter = await creation.catch(() => undefined);
      await adapter?.close();
    }),
  );
  const failure = outcomes.find((outcome) => outcome.status === 'rejected');
  if (failure !== undefined) throw failure.reason;
}
