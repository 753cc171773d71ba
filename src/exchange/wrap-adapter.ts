import type { ExchangeAdapter } from './contract';

/** What a wrapper may replace: any call of the contract, optional capabilities included. */
export type AdapterOverrides = Partial<ExchangeAdapter>;

/**
 * An adapter that forwards every call to `base` except those in `overrides`: the required ones
 * and each optional capability `base` has (metricsText, reloadConfig, effectiveSettings,
 * streamStatus, retainedState), so a
 * wrapper never loses one by forgetting to forward it by hand. The starting point of
 * `tradeprop init-adapter`.
 */
export function wrapAdapter(base: ExchangeAdapter, overrides: AdapterOverrides = {}): ExchangeAdapter {
  const wrapped: ExchangeAdapter = {
    loadMarkets: () => base.loadMarkets(),
    place: (intent) => base.place(intent),
    cancel: (symbol, clientOrderId) => base.cancel(symbol, clientOrderId),
    fetchOrder: (symbol, clientOrderId) => base.fetchOrder(symbol, clientOrderId),
    cancelAll: (symbol) => base.cancelAll(symbol),
    fetchOpenOrders: (symbol) => base.fetchOpenOrders(symbol),
    fetchMyTrades: (symbol) => base.fetchMyTrades(symbol),
    fetchBalances: () => base.fetchBalances(),
    reconcile: () => base.reconcile(),
    orders: () => base.orders(),
    balances: () => base.balances(),
    close: () => base.close(),
  };
  const { metricsText, reloadConfig, effectiveSettings, streamStatus, retainedState } = base;
  if (metricsText !== undefined) wrapped.metricsText = () => metricsText.call(base);
  if (reloadConfig !== undefined) wrapped.reloadConfig = (document) => reloadConfig.call(base, document);
  if (effectiveSettings !== undefined) wrapped.effectiveSettings = () => effectiveSettings.call(base);
  if (streamStatus !== undefined) wrapped.streamStatus = () => streamStatus.call(base);
  if (retainedState !== undefined) wrapped.retainedState = () => retainedState.call(base);
  return { ...wrapped, ...overrides };
}
