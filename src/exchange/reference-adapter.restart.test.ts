import { describe, expect, it } from 'vitest';
import { RandomSource, VirtualClock } from '../clock';
import { StateCorruptError } from '../domain/errors';
import { DEFAULT_MARKETS } from '../domain/market';
import { createVenue } from '../venue';
import { AdapterMemory } from './adapter-memory';
import { BINANCE_ORIGIN } from './binance-client';
import { ReferenceAdapter } from './reference-adapter';
import { memorySink } from './request-log';
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
  return { clock, venue, credentials, store, memory: new AdapterMemory(store), adapter, run };
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

  it('writes a duplicate refusal it met live to the store, so a restart keeps looking instead of dropping the intent', async () => {
    const w = world();
    const first = w.adapter();
    await w.run(first.loadMarkets());
    // Another instance on the account, with a store of its own, has just placed tp-dup; reads of single orders lag 10 minutes behind.
    const other = new ReferenceAdapter({ environment: 'sim', clock: w.clock, random: new RandomSource('other-instance').stream('adapter'), credentials: w.credentials, baseUrl: BINANCE_ORIGIN, fetch: w.venue.fetch });
    await w.run(other.place(buy('tp-dup')));
    w.venue.nemesis.schedule({ kind: 'read_lag', lagMs: 600_000 });
    await expect(w.run(first.place(buy('tp-dup')))).rejects.toMatchObject({ code: 'OUTCOME_UNKNOWN' });
    expect(new AdapterMemory(w.store).intents()).toMatchObject([{ clientOrderId: 'tp-dup', intent: { symbol: 'BTC/USDT', mustExist: true } }]);
    const restarted = w.adapter();
    await w.run(restarted.loadMarkets());
    expect(restarted.retainedState().pendingIntents).toBe(1);
  });

  it('logs every request of a resumed intent under its client order id, the myTrades read of fills made while it was down included (then, being unfinished, it is fetched once more)', async () => {
    const w = world();
    // The POST landed and the order took a fill before this adapter learned of either.
    const other = new ReferenceAdapter({ environment: 'sim', clock: w.clock, random: new RandomSource('other-instance').stream('adapter'), credentials: w.credentials, baseUrl: BINANCE_ORIGIN, fetch: w.venue.fetch });
    await w.run(other.place(buy('tp-5')));
    w.venue.control.takeExternal({ symbol: 'BTC/USDT', side: 'sell', quantity: '0.004', limitPrice: '30000' });
    w.memory.rememberIntent('tp-5', { symbol: 'BTC/USDT', sentAt: w.clock.now(), mustExist: false });
    const log = memorySink();
    const restarted = new ReferenceAdapter({ environment: 'sim', clock: w.clock, random: new RandomSource('restarted').stream('adapter'), credentials: w.credentials, baseUrl: BINANCE_ORIGIN, fetch: w.venue.fetch, store: w.store, log });
    await w.run(restarted.loadMarkets());
    expect(restarted.orders()).toMatchObject([{ clientOrderId: 'tp-5', status: 'partially_filled', filled: '0.004' }]);
    const requests = log.records().filter((line) => line['msg'] === 'request').map((line) => `${String(line['correlationId'])} ${String(line['method'])} ${String(line['path'])}`);
    expect(requests.filter((request) => !request.startsWith('loadMarkets '))).toEqual(['tp-5 GET /api/v3/order', 'tp-5 GET /api/v3/myTrades', 'tp-5 GET /api/v3/order']);
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
