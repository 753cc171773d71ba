import { describe, expect, it } from 'vitest';
import { RandomSource, VirtualClock } from '../clock';
import { StateCorruptError } from '../domain/errors';
import { DEFAULT_MARKETS } from '../domain/market';
import { createVenue } from '../venue';
import { AdapterMemory } from './adapter-memory';
import { BINANCE_ORIGIN } from './binance-client';
import { ReferenceAdapter } from './reference-adapter';
import { InMemoryStateStore } from './state-store';

/** One account on the venue and a store that outlives the adapters built on it: a restart is a new adapter on the same store. */
function world() {
  const clock = new VirtualClock();
  const venue = createVenue({ clock, random: new RandomSource('reference-restart') });
  const credentials = venue.control.createAccount('alice');
  venue.control.deposit('alice', 'USDT', '100000');
  const store = new InMemoryStateStore();
  let instance = 0;
  const adapter = (): ReferenceAdapter => {
    instance += 1;
    return new ReferenceAdapter({ environment: 'sim', clock, random: new RandomSource(`reference-restart-${instance}`).stream('adapter'), credentials, baseUrl: BINANCE_ORIGIN, fetch: venue.fetch, store });
  };
  const run = <T>(work: Promise<T>): Promise<T> => clock.run(work);
  return { clock, venue, store, memory: new AdapterMemory(store), adapter, run };
}

const buy = (clientOrderId: string) => ({ clientOrderId, symbol: 'BTC/USDT', side: 'buy', type: 'limit', price: '30000', amount: '0.01' }) as const;

describe('the reference adapter restarted on a store', () => {
  it('refuses to start on an intent for a market the venue does not list, naming the entry', async () => {
    const w = world();
    w.memory.rememberIntent('tp-doge', { symbol: 'DOGE/USDT', sentAt: w.clock.now(), mustExist: false });
    const loading = w.run(w.adapter().loadMarkets());
    await expect(loading).rejects.toBeInstanceOf(StateCorruptError);
    await expect(loading).rejects.toMatchObject({ key: 'intent/tp-doge', message: expect.stringContaining('intent/tp-doge: the venue lists no market DOGE/USDT') });
  });

  it('drops an intent the venue never placed, from memory and the store, and lets its id be placed', async () => {
    const w = world();
    w.memory.rememberIntent('tp-lost', { symbol: 'BTC/USDT', sentAt: w.clock.now(), mustExist: false });
    const adapter = w.adapter();
    await w.run(adapter.loadMarkets());
    expect(adapter.retainedState().pendingIntents).toBe(0);
    expect(w.store.keys('intent/')).toEqual([]);
    expect(await w.run(adapter.place(buy('tp-lost')))).toMatchObject({ clientOrderId: 'tp-lost', status: 'open' });
  });

  it('keeps an intent the venue refused as a duplicate though no lookup finds it yet: never placed again blind', async () => {
    const w = world();
    const intent = { symbol: 'BTC/USDT', sentAt: w.clock.now(), mustExist: true };
    w.memory.rememberIntent('tp-dup', intent);
    const adapter = w.adapter();
    await w.run(adapter.loadMarkets());
    expect(adapter.retainedState().pendingIntents).toBe(1);
    expect(new AdapterMemory(w.store).intents()).toEqual([{ clientOrderId: 'tp-dup', intent }]);
  });

  it('resumes no intent for an order it already tracks: the order is restored, nothing is left pending', async () => {
    const w = world();
    const first = w.adapter();
    await w.run(first.place(buy('tp-1')));
    await w.run(first.close());
    // A store the adapter itself never leaves so (it forgets the intent before tracking the
    // order): one written by hand or pieced together from backups.
    w.memory.rememberIntent('tp-1', { symbol: 'BTC/USDT', sentAt: w.clock.now(), mustExist: false });
    const restarted = w.adapter();
    await w.run(restarted.loadMarkets());
    expect(restarted.orders()).toMatchObject([{ clientOrderId: 'tp-1', status: 'open' }]);
    expect(restarted.retainedState().pendingIntents).toBe(0);
  });

  it.each(['/api/v3/account', '/api/v3/exchangeInfo'])('does not keep a load that failed at %s: once the venue answers again, the next call loads the markets and the balances', async (path) => {
    const w = world();
    const adapter = w.adapter();
    w.venue.nemesis.schedule({ kind: 'maintenance' }, { matching: { path } });
    await expect(w.run(adapter.loadMarkets())).rejects.toMatchObject({ code: path === '/api/v3/account' ? 'CIRCUIT_OPEN' : 'EXCHANGE_UNAVAILABLE' });
    w.venue.nemesis.heal();
    // Past the breaker's open time, so the next call may reach the venue.
    await w.run(w.clock.sleep(60_000));
    expect(await w.run(adapter.loadMarkets())).toEqual(DEFAULT_MARKETS);
    expect(adapter.balances()).toEqual(w.venue.control.balances('alice'));
  });
});
