import { describe, expect, it } from 'vitest';
import type { OrderIntent } from '../domain/order';
import type { ExchangeAdapter } from './contract';
import { wrapAdapter } from './wrap-adapter';

/** Thrown by every call of the recording adapter: the call reached it. */
class Reached extends Error {}

const OPTIONAL = ['metricsText', 'reloadConfig', 'effectiveSettings', 'streamStatus', 'retainedState'] as const;

/**
 * An adapter that writes each call it receives (name, arguments, and whether `this` was the
 * adapter) to `log` and throws, so a test sees exactly which call arrived where.
 */
function recordingAdapter(log: string[], withOptional: boolean): ExchangeAdapter {
  const call = (name: string) =>
    function (this: unknown, ...args: unknown[]): never {
      log.push(`${name}(${args.map((arg) => JSON.stringify(arg)).join(', ')})${this === adapter ? '' : ' unbound'}`);
      throw new Reached(name);
    };
  const adapter: ExchangeAdapter = {
    loadMarkets: call('loadMarkets'),
    place: call('place'),
    cancel: call('cancel'),
    fetchOrder: call('fetchOrder'),
    cancelAll: call('cancelAll'),
    fetchOpenOrders: call('fetchOpenOrders'),
    fetchMyTrades: call('fetchMyTrades'),
    fetchBalances: call('fetchBalances'),
    reconcile: call('reconcile'),
    orders: call('orders'),
    balances: call('balances'),
    close: call('close'),
  };
  if (withOptional) for (const name of OPTIONAL) adapter[name] = call(name);
  return adapter;
}

const INTENT: OrderIntent = { clientOrderId: 'w-1', symbol: 'BTCUSDT', side: 'buy', type: 'limit', price: '100', amount: '1' };

describe('wrapAdapter', () => {
  it('forwards every call of the contract to the base with its arguments, bound to the base', () => {
    const log: string[] = [];
    const wrapped = wrapAdapter(recordingAdapter(log, false));
    const calls: (() => unknown)[] = [
      () => wrapped.loadMarkets(),
      () => wrapped.place(INTENT),
      () => wrapped.cancel('BTCUSDT', 'c-1'),
      () => wrapped.fetchOrder('ETHUSDT', 'c-2'),
      () => wrapped.cancelAll('BTCUSDT'),
      () => wrapped.fetchOpenOrders('ETHUSDT'),
      () => wrapped.fetchMyTrades('BTCUSDT'),
      () => wrapped.fetchBalances(),
      () => wrapped.reconcile(),
      () => wrapped.orders(),
      () => wrapped.balances(),
      () => wrapped.close(),
    ];
    for (const made of calls) expect(made).toThrow(Reached);
    expect(log).toEqual([
      'loadMarkets()',
      `place(${JSON.stringify(INTENT)})`,
      'cancel("BTCUSDT", "c-1")',
      'fetchOrder("ETHUSDT", "c-2")',
      'cancelAll("BTCUSDT")',
      'fetchOpenOrders("ETHUSDT")',
      'fetchMyTrades("BTCUSDT")',
      'fetchBalances()',
      'reconcile()',
      'orders()',
      'balances()',
      'close()',
    ]);
  });

  it('forwards each optional capability the base has, bound to the base', () => {
    const log: string[] = [];
    const wrapped = wrapAdapter(recordingAdapter(log, true));
    expect(() => wrapped.metricsText?.()).toThrow(Reached);
    expect(() => wrapped.reloadConfig?.({ logLevel: 'warn' })).toThrow(Reached);
    expect(() => wrapped.effectiveSettings?.()).toThrow(Reached);
    expect(() => wrapped.streamStatus?.()).toThrow(Reached);
    expect(() => wrapped.retainedState?.()).toThrow(Reached);
    expect(log).toEqual(['metricsText()', 'reloadConfig({"logLevel":"warn"})', 'effectiveSettings()', 'streamStatus()', 'retainedState()']);
  });

  it('adds no optional capability the base lacks', () => {
    const wrapped = wrapAdapter(recordingAdapter([], false));
    for (const name of OPTIONAL) expect(wrapped[name], name).toBeUndefined();
  });

  it('lets overrides replace exactly the calls they name', async () => {
    const log: string[] = [];
    const wrapped = wrapAdapter(recordingAdapter(log, true), {
      fetchOpenOrders: async (symbol) => {
        log.push(`override fetchOpenOrders(${symbol})`);
        return [];
      },
      streamStatus: () => undefined,
    });
    await expect(wrapped.fetchOpenOrders('BTCUSDT')).resolves.toEqual([]);
    expect(wrapped.streamStatus?.()).toBeUndefined();
    expect(() => wrapped.fetchMyTrades('BTCUSDT')).toThrow(Reached);
    expect(() => wrapped.retainedState?.()).toThrow(Reached);
    expect(log).toEqual(['override fetchOpenOrders(BTCUSDT)', 'fetchMyTrades("BTCUSDT")', 'retainedState()']);
  });
});
