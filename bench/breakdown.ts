import type { AdapterEnvironment, AdapterFactory, ExchangeAdapter, FetchLike } from '../src/exchange/contract';

/** Where one instrumented check's time went, measured from the adapter's edges. */
export interface Breakdown {
  adapters: number;
  /** Seconds inside `createAdapter` (the ccxt.binance constructor and the adapter's own setup). */
  createAdapterSeconds: number;
  /** Seconds inside `adapter.loadMarkets()` (one exchangeInfo request and ccxt's market parsing). */
  loadMarketsSeconds: number;
  /**
   * Seconds from each trading call's start (place, cancel, fetches, reconcile) to its settling,
   * driven clock included: the adapter's own time. The property checks calls one at a time.
   */
  adapterCallSeconds: number;
  /** Seconds between each request to the venue's in-process fetch and its response (venue handling). */
  venueFetchSeconds: number;
  requests: number;
  requestsByEndpoint: Record<string, number>;
}

function seconds(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e9;
}

/**
 * Wraps an adapter factory so a check reports how often adapters were built, how long building
 * and loading markets took, and which venue endpoints were called how often. The adapter under
 * test is untouched: only its factory's environment (`fetch`) and `loadMarkets` are observed.
 */
export function instrumentFactory(createAdapter: AdapterFactory): { factory: AdapterFactory; breakdown: Breakdown } {
  const breakdown: Breakdown = {
    adapters: 0,
    createAdapterSeconds: 0,
    loadMarketsSeconds: 0,
    adapterCallSeconds: 0,
    venueFetchSeconds: 0,
    requests: 0,
    requestsByEndpoint: {},
  };
  const countingFetch = (inner: FetchLike): FetchLike => async (url, init) => {
    const endpoint = `${init.method} ${new URL(url).pathname}`;
    breakdown.requests += 1;
    breakdown.requestsByEndpoint[endpoint] = (breakdown.requestsByEndpoint[endpoint] ?? 0) + 1;
    const start = process.hrtime.bigint();
    try {
      return await inner(url, init);
    } finally {
      breakdown.venueFetchSeconds += seconds(start);
    }
  };
  const factory: AdapterFactory = async (env: AdapterEnvironment) => {
    const start = process.hrtime.bigint();
    const inner = await createAdapter({ ...env, fetch: env.fetch === undefined ? undefined : countingFetch(env.fetch) });
    breakdown.createAdapterSeconds += seconds(start);
    breakdown.adapters += 1;
    return timedLoadMarkets(inner, breakdown);
  };
  return { factory, breakdown };
}

function timedLoadMarkets(inner: ExchangeAdapter, breakdown: Breakdown): ExchangeAdapter {
  const timed = async <T>(call: () => Promise<T>): Promise<T> => {
    const start = process.hrtime.bigint();
    try {
      return await call();
    } finally {
      breakdown.adapterCallSeconds += seconds(start);
    }
  };
  return {
    loadMarkets: async () => {
      const start = process.hrtime.bigint();
      try {
        return await inner.loadMarkets();
      } finally {
        breakdown.loadMarketsSeconds += seconds(start);
      }
    },
    place: (intent) => timed(() => inner.place(intent)),
    cancel: (symbol, clientOrderId) => timed(() => inner.cancel(symbol, clientOrderId)),
    fetchOrder: (symbol, clientOrderId) => timed(() => inner.fetchOrder(symbol, clientOrderId)),
    cancelAll: (symbol) => timed(() => inner.cancelAll(symbol)),
    fetchOpenOrders: (symbol) => timed(() => inner.fetchOpenOrders(symbol)),
    fetchMyTrades: (symbol) => timed(() => inner.fetchMyTrades(symbol)),
    fetchBalances: () => timed(() => inner.fetchBalances()),
    reconcile: () => timed(() => inner.reconcile()),
    orders: () => inner.orders(),
    balances: () => inner.balances(),
    close: () => inner.close(),
  };
}
