import { describe, expect, it } from 'vitest';
import { StateCorruptError } from '../domain/errors';
import { AdapterMemory } from './adapter-memory';
import { OrderTracker, type VenueOrderState } from './order-tracker';
import { InMemoryStateStore } from './state-store';

const state: VenueOrderState = {
  venueOrderId: '7', clientOrderId: 'tp-1', symbol: 'BTC/USDT', base: 'BTC', quote: 'USDT',
  side: 'buy', price: '30000.1', amount: '0.3', status: 'PARTIALLY_FILLED', executedQty: '0.1',
};

describe('AdapterMemory', () => {
  it('gives a restarted tracker the same order, applied trade ids included', () => {
    const before = new OrderTracker();
    before.register(state);
    before.applyTrade('tp-1', { tradeId: '11', price: '30000.1', quantity: '0.1', commission: '0.0001', commissionAsset: 'BTC' });
    before.applyVenueStatus('tp-1', 'PARTIALLY_FILLED');
    const store = new InMemoryStateStore();
    new AdapterMemory(store).rememberOrder(before.record('tp-1'));

    const after = new OrderTracker();
    for (const record of new AdapterMemory(store).orders()) after.restore(record);
    expect(after.view('tp-1')).toEqual(before.view('tp-1'));
    expect(after.hasTrade('tp-1', '11')).toBe(true);
    // The same fill fetched again after the restart counts once.
    expect(after.applyTrade('tp-1', { tradeId: '11', price: '30000.1', quantity: '0.1', commission: '0.0001', commissionAsset: 'BTC' })).toBe(false);
  });

  it('keeps an intent until it is forgotten', () => {
    const store = new InMemoryStateStore();
    const memory = new AdapterMemory(store);
    memory.rememberIntent('tp-2', { symbol: 'ETH/USDT', sentAt: 1_704_067_200_000, mustExist: false });
    expect(new AdapterMemory(store).intents()).toEqual([{ clientOrderId: 'tp-2', intent: { symbol: 'ETH/USDT', sentAt: 1_704_067_200_000, mustExist: false } }]);
    memory.forgetIntent('tp-2');
    expect(new AdapterMemory(store).intents()).toEqual([]);
  });

  it('refuses an entry it cannot read, naming its key, rather than start without that order', () => {
    const store = new InMemoryStateStore();
    store.set('order/tp-3', JSON.stringify({ clientOrderId: 'tp-3', filled: 0.1 }));
    expect(() => new AdapterMemory(store).orders()).toThrow(StateCorruptError);
    expect(() => new AdapterMemory(store).orders()).toThrow(/order\/tp-3/);
    store.set('intent/tp-4', '{not json');
    expect(() => new AdapterMemory(store).intents()).toThrow(/intent\/tp-4: not JSON/);
  });

  it('names every bad field of an entry, nested ones by their path', () => {
    const store = new InMemoryStateStore();
    const tracker = new OrderTracker();
    tracker.register(state);
    new AdapterMemory(store).rememberOrder(tracker.record('tp-1'));
    const saved = JSON.parse(store.get('order/tp-1') ?? '{}') as Record<string, unknown>;
    store.set('order/tp-1', JSON.stringify({ ...saved, filled: 0.1, tradeIds: ['t-1', 5] }));
    expect(() => new AdapterMemory(store).orders()).toThrow(/order\/tp-1: filled: Invalid input: expected string, received number; tradeIds\.1: Invalid input: expected string, received number; restore/);
  });

  it('forgets an ended order it is told to, and only that one', () => {
    const store = new InMemoryStateStore();
    const memory = new AdapterMemory(store);
    const tracker = new OrderTracker();
    tracker.register(state);
    tracker.register({ ...state, venueOrderId: '8', clientOrderId: 'tp-6' });
    memory.rememberOrder(tracker.record('tp-1'));
    memory.rememberOrder(tracker.record('tp-6'));
    memory.forgetOrder('tp-1');
    expect(new AdapterMemory(store).orders().map((order) => order.clientOrderId)).toEqual(['tp-6']);
    expect(store.keys()).toEqual(['order/tp-6']);
  });

  it('names the field and the problem of an entry that parses as JSON but not as a record', () => {
    const store = new InMemoryStateStore();
    store.set('intent/tp-7', JSON.stringify({ symbol: 'ETH/USDT', sentAt: 'yesterday', mustExist: false }));
    expect(() => new AdapterMemory(store).intents()).toThrow(/intent\/tp-7: sentAt: .*number/);
  });

  it('skips a key that vanished between listing and reading (another writer deleted it)', () => {
    const store = new InMemoryStateStore();
    new AdapterMemory(store).rememberIntent('tp-8', { symbol: 'ETH/USDT', sentAt: 5, mustExist: false });
    const racing = { get: (key: string) => (key === 'intent/tp-9' ? undefined : store.get(key)), set: store.set.bind(store), delete: store.delete.bind(store), keys: (prefix?: string) => [...store.keys(prefix), 'intent/tp-9'] };
    expect(new AdapterMemory(racing).intents().map((entry) => entry.clientOrderId)).toEqual(['tp-8']);
  });

  it('without a store remembers nothing', () => {
    const memory = new AdapterMemory(undefined);
    memory.rememberIntent('tp-5', { symbol: 'ETH/USDT', sentAt: 0, mustExist: true });
    expect(memory.intents()).toEqual([]);
  });
});
