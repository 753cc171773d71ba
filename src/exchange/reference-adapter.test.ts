import { beforeEach, describe, expect, it } from 'vitest';
import { RandomSource, VirtualClock } from '../clock';
import { FilterViolationError, LiveEnvironmentRefusedError, MalformedResponseError, OrderNotFoundError } from '../domain/errors';
import { DEFAULT_MARKETS } from '../domain/market';
import { createVenue, type Venue } from '../venue';
import type { AdapterEnvironment, ExchangeAdapter, FetchLike } from './contract';
import { createAdapter } from './reference-adapter';

interface World {
  venue: Venue;
  adapter: ExchangeAdapter;
  env: AdapterEnvironment;
}

async function world(seed = 'seed'): Promise<World> {
  const clock = new VirtualClock();
  const random = new RandomSource(seed);
  const venue = createVenue({ clock, random });
  const credentials = venue.control.createAccount('alice');
  venue.control.deposit('alice', 'USDT', '100000');
  venue.control.deposit('alice', 'BTC', '2');
  const env: AdapterEnvironment = { environment: 'sim', clock, random: random.stream('adapter'), credentials, baseUrl: 'https://api.binance.com', fetch: venue.fetch };
  return { venue, env, adapter: await createAdapter(env) };
}

const orderEvents = (venue: Venue) => venue.control.events().filter((event) => event.type === 'order_accepted' || event.type === 'order_rejected');

describe('reference adapter against the venue', () => {
  let w: World;
  beforeEach(async () => {
    w = await world();
  });

  it('loadMarkets returns the venue markets and adopts the account balances', async () => {
    expect(await w.adapter.loadMarkets()).toEqual(DEFAULT_MARKETS);
    expect(w.adapter.balances()).toEqual(w.venue.control.balances('alice'));
    await w.adapter.loadMarkets();
    const requests = w.venue.control.events().flatMap((event) => (event.type === 'request' ? [`${event.method} ${event.path}`] : []));
    // Time sync (on by default) measures the offset to venue time before anything is signed:
    // from the serverTime exchangeInfo carries, so no GET /api/v3/time of its own.
    expect(requests).toEqual(['GET /api/v3/exchangeInfo', 'GET /api/v3/account']);
  });

  it('place records the order and reserves amount x price of the quote', async () => {
    const view = await w.adapter.place({ clientOrderId: 'tp-buy-1', symbol: 'BTC/USDT', side: 'buy', type: 'limit', price: '30000.01', amount: '0.3' });
    expect(view).toMatchObject({ clientOrderId: 'tp-buy-1', status: 'open', price: '30000.01', amount: '0.3', filled: '0', remaining: '0.3' });
    expect(view.averagePrice).toBeUndefined();
    expect(w.adapter.orders()).toEqual([view]);
    expect(w.adapter.balances()).toEqual(w.venue.control.balances('alice'));
    expect(w.adapter.balances()['USDT']).toEqual({ free: '90999.997', locked: '9000.003' });
  });

  it('a partial fill shows in fetchOrder, cancel releases the rest, reconcile finds no drift', async () => {
    await w.adapter.place({ clientOrderId: 'tp-buy-2', symbol: 'BTC/USDT', side: 'buy', type: 'limit', price: '30000', amount: '0.5' });
    w.venue.control.takeExternal({ symbol: 'BTC/USDT', side: 'sell', quantity: '0.2' });
    const fetched = await w.adapter.fetchOrder('BTC/USDT', 'tp-buy-2');
    expect(fetched).toMatchObject({ status: 'partially_filled', filled: '0.2', remaining: '0.3', averagePrice: '30000', fee: { asset: 'BTC', amount: '0.0002' } });
    expect(w.adapter.balances()).toEqual(w.venue.control.balances('alice'));
    const canceled = await w.adapter.cancel('BTC/USDT', 'tp-buy-2');
    expect(canceled).toMatchObject({ status: 'canceled', filled: '0.2', remaining: '0.3' });
    expect(w.adapter.balances()).toEqual(w.venue.control.balances('alice'));
    expect(await w.adapter.reconcile()).toEqual({ drift: [] });
    expect(w.adapter.balances()).toEqual(w.venue.control.balances('alice'));
  });

  it('fills taken on arrival settle at once; a later fill reaches the view through myTrades', async () => {
    w.venue.control.placeExternalOrder({ symbol: 'BTC/USDT', side: 'sell', price: '29000', quantity: '0.1' });
    const placed = await w.adapter.place({ clientOrderId: 'tp-buy-3', symbol: 'BTC/USDT', side: 'buy', type: 'limit', price: '30000', amount: '0.3' });
    expect(placed).toMatchObject({ status: 'partially_filled', filled: '0.1', averagePrice: '29000', fee: { asset: 'BTC', amount: '0.0001' } });
    expect(w.adapter.balances()).toEqual(w.venue.control.balances('alice'));
    w.venue.control.takeExternal({ symbol: 'BTC/USDT', side: 'sell', quantity: '0.2' });
    const filled = await w.adapter.fetchOrder('BTC/USDT', 'tp-buy-3');
    expect(filled).toMatchObject({ status: 'filled', filled: '0.3', remaining: '0', fee: { asset: 'BTC', amount: '0.0003' } });
    expect(filled.averagePrice).toBe('29666.6666666666666666');
    expect(w.adapter.balances()).toEqual(w.venue.control.balances('alice'));
    expect(await w.adapter.reconcile()).toEqual({ drift: [] });
  });

  it('a sell fill settles quote less the venue-reported commission', async () => {
    await w.adapter.place({ clientOrderId: 'tp-sell-1', symbol: 'BTC/USDT', side: 'sell', type: 'limit', price: '31000.005', amount: '0.123456789' });
    w.venue.control.takeExternal({ symbol: 'BTC/USDT', side: 'buy', quantity: '0.1' });
    const view = await w.adapter.fetchOrder('BTC/USDT', 'tp-sell-1');
    // Sell price rounded UP to the tick, quantity DOWN to the step.
    expect(view).toMatchObject({ price: '31000.01', amount: '0.12345', filled: '0.1', fee: { asset: 'USDT' } });
    expect(w.adapter.balances()).toEqual(w.venue.control.balances('alice'));
  });

  it('amounts binary floating point cannot hold survive exactly (0.1, 0.3, 17 significant digits)', async () => {
    const view = await w.adapter.place({ clientOrderId: 'tp-exact', symbol: 'ETH/BTC', side: 'buy', type: 'limit', price: '0.03', amount: '3.3' });
    expect(view).toMatchObject({ price: '0.03', amount: '3.3' });
    const big = await w.adapter.place({ clientOrderId: 'tp-big', symbol: 'BTC/USDT', side: 'buy', type: 'limit', price: '0.1', amount: '8999.99999' });
    expect(big).toMatchObject({ price: '0.1', amount: '8999.99999' });
    expect(w.venue.control.order('alice', 'BTC/USDT', 'tp-big')).toMatchObject({ price: '0.1', quantity: '8999.99999' });
    expect(w.adapter.balances()).toEqual(w.venue.control.balances('alice'));
  });

  it('a filter violation throws FilterViolationError and sends nothing', async () => {
    await w.adapter.loadMarkets();
    const requestsBefore = w.venue.control.events().filter((event) => event.type === 'request').length;
    expect(requestsBefore).toBeGreaterThan(0);
    await expect(w.adapter.place({ clientOrderId: 'tp-tiny', symbol: 'BTC/USDT', side: 'buy', type: 'limit', price: '30000', amount: '0.0001' })).rejects.toThrow(FilterViolationError);
    await expect(w.adapter.place({ clientOrderId: 'tp-off', symbol: 'BTC/USDT', side: 'buy', type: 'limit', price: '0.001', amount: '1' })).rejects.toThrow(FilterViolationError);
    expect(w.venue.control.events().filter((event) => event.type === 'request').length).toBe(requestsBefore);
    expect(orderEvents(w.venue)).toEqual([]);
    expect(w.adapter.orders()).toEqual([]);
  });

  it('fetchOpenOrders and fetchBalances report without changing the local view', async () => {
    await w.adapter.place({ clientOrderId: 'tp-open', symbol: 'BTC/USDT', side: 'buy', type: 'limit', price: '30000', amount: '0.5' });
    w.venue.control.takeExternal({ symbol: 'BTC/USDT', side: 'sell', quantity: '0.2' });
    const localBefore = { orders: w.adapter.orders(), balances: w.adapter.balances() };
    const open = await w.adapter.fetchOpenOrders('BTC/USDT');
    expect(open).toEqual([expect.objectContaining({ clientOrderId: 'tp-open', filled: '0.2', status: 'partially_filled', fee: { asset: 'BTC', amount: '0.0002' } })]);
    expect(await w.adapter.fetchBalances()).toEqual(w.venue.control.balances('alice'));
    expect({ orders: w.adapter.orders(), balances: w.adapter.balances() }).toEqual(localBefore);
  });

  it('venue errors arrive typed: canceling an unknown order is OrderNotFoundError', async () => {
    await expect(w.adapter.cancel('BTC/USDT', 'tp-nobody')).rejects.toThrow(OrderNotFoundError);
  });

  it('reconcile reports drift when the venue moved without the adapter knowing, then adopts', async () => {
    await w.adapter.loadMarkets();
    w.venue.control.deposit('alice', 'ETH', '1.5');
    expect(await w.adapter.reconcile()).toEqual({ drift: [{ asset: 'ETH', field: 'free', local: '0', venue: '1.5' }] });
    expect(w.adapter.balances()).toEqual(w.venue.control.balances('alice'));
  });

  it('a malformed venue answer throws MalformedResponseError and leaves the local view unchanged', async () => {
    let tamper = false;
    const fetch: FetchLike = async (url, init) => {
      const response = await w.venue.fetch(url, init);
      if (!tamper || !url.includes('/api/v3/order')) return response;
      const body = (await response.text()).replace(/"executedQty":"[^"]*"/, '"executedQty":"1e-3"');
      return { ...response, text: async () => body };
    };
    const adapter = await createAdapter({ ...w.env, fetch });
    await adapter.place({ clientOrderId: 'tp-m', symbol: 'BTC/USDT', side: 'buy', type: 'limit', price: '30000', amount: '0.5' });
    w.venue.control.takeExternal({ symbol: 'BTC/USDT', side: 'sell', quantity: '0.2' });
    const before = { orders: adapter.orders(), balances: adapter.balances() };
    tamper = true;
    await expect(adapter.fetchOrder('BTC/USDT', 'tp-m')).rejects.toThrow(MalformedResponseError);
    await expect(adapter.cancel('BTC/USDT', 'tp-m')).rejects.toThrow(MalformedResponseError);
    expect({ orders: adapter.orders(), balances: adapter.balances() }).toEqual(before);
    tamper = false;
    // The cancel happened at the venue; reconcile learns it (and the fill) before comparing ledgers.
    expect(await adapter.reconcile()).toEqual({ drift: [] });
    expect(adapter.orders()).toEqual([expect.objectContaining({ status: 'canceled', filled: '0.2' })]);
    expect(adapter.balances()).toEqual(w.venue.control.balances('alice'));
  });

  it('refuses a live environment before any request', async () => {
    const requestsBefore = w.venue.control.events().length;
    await expect(createAdapter({ ...w.env, environment: 'live' })).rejects.toThrow(LiveEnvironmentRefusedError);
    expect(w.venue.control.events().length).toBe(requestsBefore);
  });
});
