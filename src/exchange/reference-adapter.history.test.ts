import { describe, expect, it } from 'vitest';
import { RandomSource, VirtualClock } from '../clock';
import { createVenue } from '../venue';
import { createReferenceAdapter } from './reference-adapter';

async function start(): Promise<{ venue: ReturnType<typeof createVenue>; adapter: Awaited<ReturnType<typeof createReferenceAdapter>> }> {
  const clock = new VirtualClock();
  const random = new RandomSource('history');
  const venue = createVenue({ clock, random });
  const credentials = venue.control.createAccount('alice');
  venue.control.deposit('alice', 'USDT', '100000');
  const adapter = await createReferenceAdapter({ environment: 'sim', clock, random: random.stream('adapter'), credentials, baseUrl: 'https://api.binance.com', fetch: venue.fetch });
  return { venue, adapter };
}

const buy = (clientOrderId: string) => ({ clientOrderId, symbol: 'BTC/USDT', side: 'buy', type: 'limit', price: '10000', amount: '0.01' }) as const;

describe('the reference adapter keeps its open orders and the last history.endedOrders ended ones (P2)', () => {
  it('forgets the oldest ended orders beyond the configured history, and says so in retainedState', async () => {
    const { adapter } = await start();
    expect(adapter.retainedState()).toMatchObject({ orders: 0, historyLimit: 1000 });
    adapter.reloadConfig({ environment: 'sim', history: { endedOrders: 2 } });
    await adapter.place(buy('open-1'));
    for (const id of ['a', 'b', 'c', 'd']) {
      await adapter.place(buy(id));
      await adapter.cancel('BTC/USDT', id);
    }
    expect(adapter.orders().map((order) => `${order.clientOrderId} ${order.status}`)).toEqual(['open-1 open', 'c canceled', 'd canceled']);
    expect(adapter.retainedState()).toEqual({ orders: 3, endedOrders: 2, trades: 0, pendingIntents: 0, historyLimit: 2 });
  });

  it('reports a forgotten order as the venue has it, leaving the view and the ledger as they were', async () => {
    const { venue, adapter } = await start();
    adapter.reloadConfig({ environment: 'sim', history: { endedOrders: 1 } });
    for (const id of ['a', 'b']) {
      await adapter.place(buy(id));
      await adapter.cancel('BTC/USDT', id);
    }
    const before = JSON.stringify([adapter.orders(), adapter.balances()]);
    expect(await adapter.fetchOrder('BTC/USDT', 'a')).toMatchObject({ clientOrderId: 'a', status: 'canceled', filled: '0', remaining: '0.01' });
    expect(JSON.stringify([adapter.orders(), adapter.balances()])).toBe(before);
    expect(adapter.balances()).toEqual(venue.control.balances('alice'));
  });

  it('refuses a history below one ended order, naming the field', () => {
    return start().then(({ adapter }) => {
      expect(() => adapter.reloadConfig({ environment: 'sim', history: { endedOrders: 0 } })).toThrow(/history\.endedOrders/);
      expect(adapter.retainedState().historyLimit).toBe(1000);
    });
  });
});
