import { beforeEach, describe, expect, it } from 'vitest';
import { RandomSource, VirtualClock } from '../clock';
import { FilterViolationError, OrderRejectedError } from '../domain/errors';
import { createVenue, type Venue } from '../venue';
import type { AdapterEnvironment, ExchangeAdapter } from './contract';
import { createAdapter } from './reference-adapter';

/**
 * The reference adapter's order types beyond LIMIT GTC, cancelAll and fetchMyTrades, against the
 * in-process venue: every answer and the local ledger equal the venue's truth.
 */
interface World {
  venue: Venue;
  adapter: ExchangeAdapter;
}

async function world(): Promise<World> {
  const clock = new VirtualClock();
  const random = new RandomSource('order-types');
  const venue = createVenue({ clock, random });
  const credentials = venue.control.createAccount('alice');
  venue.control.deposit('alice', 'USDT', '100000');
  venue.control.deposit('alice', 'BTC', '2');
  const env: AdapterEnvironment = { environment: 'sim', clock, random: random.stream('adapter'), credentials, baseUrl: 'https://api.binance.com', fetch: venue.fetch };
  const adapter = await createAdapter(env);
  await adapter.loadMarkets();
  // Two asks to take: 0.001 @ 30000 and 0.001 @ 30010.
  venue.control.placeExternalOrder({ symbol: 'BTC/USDT', side: 'sell', price: '30000', quantity: '0.001' });
  venue.control.placeExternalOrder({ symbol: 'BTC/USDT', side: 'sell', price: '30010', quantity: '0.001' });
  return { venue, adapter };
}

const requestsTo = (venue: Venue, method: string, path: string) => venue.control.events().filter((event) => event.type === 'request' && event.method === method && event.path === path).length;

describe('reference adapter: order types, cancelAll, fetchMyTrades', () => {
  let w: World;
  beforeEach(async () => {
    w = await world();
  });

  it('LIMIT IOC takes what crosses, the rest expires and its reserve is free again', async () => {
    const view = await w.adapter.place({ clientOrderId: 'ioc-1', symbol: 'BTC/USDT', side: 'buy', type: 'limit', timeInForce: 'IOC', price: '30005', amount: '0.003' });
    expect(view).toMatchObject({ status: 'expired', amount: '0.003', filled: '0.001', remaining: '0.002', averagePrice: '30000', fee: { asset: 'BTC', amount: '0.000001' } });
    expect(w.venue.control.order('alice', 'BTC/USDT', 'ioc-1')?.status).toBe('EXPIRED');
    expect(w.adapter.balances()).toEqual(w.venue.control.balances('alice'));
    expect(w.adapter.balances()['USDT']).toEqual({ free: '99970', locked: '0' });
  });

  it('LIMIT FOK expires with nothing when the book cannot fill it, fills entirely when it can', async () => {
    const killed = await w.adapter.place({ clientOrderId: 'fok-1', symbol: 'BTC/USDT', side: 'buy', type: 'limit', timeInForce: 'FOK', price: '30010', amount: '0.003' });
    expect(killed).toMatchObject({ status: 'expired', filled: '0', remaining: '0.003' });
    expect(killed.fee).toBeUndefined();
    const filled = await w.adapter.place({ clientOrderId: 'fok-2', symbol: 'BTC/USDT', side: 'buy', type: 'limit', timeInForce: 'FOK', price: '30010', amount: '0.002' });
    expect(filled).toMatchObject({ status: 'filled', filled: '0.002', averagePrice: '30005' });
    expect(w.adapter.balances()).toEqual(w.venue.control.balances('alice'));
  });

  it('LIMIT_MAKER rests when it would not take; one that would take is ORDER_REJECTED and not tracked', async () => {
    await expect(w.adapter.place({ clientOrderId: 'mk-1', symbol: 'BTC/USDT', side: 'buy', type: 'limit_maker', price: '30000', amount: '0.001' })).rejects.toThrow(OrderRejectedError);
    const rests = await w.adapter.place({ clientOrderId: 'mk-2', symbol: 'BTC/USDT', side: 'buy', type: 'limit_maker', price: '29999.999', amount: '0.001' });
    expect(rests).toMatchObject({ status: 'open', price: '29999.99', amount: '0.001' });
    expect(w.adapter.orders().map((order) => order.clientOrderId)).toEqual(['mk-2']);
    expect(w.adapter.balances()).toEqual(w.venue.control.balances('alice'));
  });

  it('MARKET by quantity floors to the step and fills against the book; a thin book expires the rest', async () => {
    const view = await w.adapter.place({ clientOrderId: 'mkt-1', symbol: 'BTC/USDT', side: 'buy', type: 'market', amount: '0.0015999' });
    expect(view).toMatchObject({ status: 'filled', price: '0', amount: '0.00159', filled: '0.00159', averagePrice: '30003.710691823899371' });
    expect(w.adapter.balances()).toEqual(w.venue.control.balances('alice'));
    const rest = await w.adapter.place({ clientOrderId: 'mkt-2', symbol: 'BTC/USDT', side: 'buy', type: 'market', amount: '0.001' });
    expect(rest).toMatchObject({ status: 'expired', filled: '0.00041', remaining: '0.00059' });
    expect(w.adapter.balances()).toEqual(w.venue.control.balances('alice'));
  });

  it('MARKET by cost truncates the quote to the tick, spends no more, and refuses a cost under NOTIONAL locally', async () => {
    const view = await w.adapter.place({ clientOrderId: 'cost-1', symbol: 'BTC/USDT', side: 'buy', type: 'market_cost', cost: '45.009' });
    expect(w.venue.control.events().some((event) => event.type === 'order_accepted' && event.order.clientOrderId === 'cost-1')).toBe(true);
    // 45.00 spent as far as the step allows: 0.001 @ 30000, then 0.00049 @ 30010 (14.7049).
    expect(view).toMatchObject({ status: 'filled', price: '0', amount: '0.00149', filled: '0.00149' });
    expect(w.venue.control.order('alice', 'BTC/USDT', 'cost-1')?.cumulativeQuoteQty).toBe('44.7049');
    expect(w.adapter.balances()).toEqual(w.venue.control.balances('alice'));
    expect(w.adapter.balances()['USDT']?.free).toBe('99955.2951');
    const posts = requestsTo(w.venue, 'POST', '/api/v3/order');
    await expect(w.adapter.place({ clientOrderId: 'cost-2', symbol: 'BTC/USDT', side: 'buy', type: 'market_cost', cost: '4.999' })).rejects.toThrow(FilterViolationError);
    expect(requestsTo(w.venue, 'POST', '/api/v3/order')).toBe(posts);
  });

  it('MARKET sells by quantity and by cost take the bids; the ledger ends where the venue does', async () => {
    w.venue.control.placeExternalOrder({ symbol: 'BTC/USDT', side: 'buy', price: '29900', quantity: '0.01' });
    const byQuantity = await w.adapter.place({ clientOrderId: 'sell-q', symbol: 'BTC/USDT', side: 'sell', type: 'market', amount: '0.002' });
    expect(byQuantity).toMatchObject({ status: 'filled', filled: '0.002', averagePrice: '29900', fee: { asset: 'USDT', amount: '0.0598' } });
    const byCost = await w.adapter.place({ clientOrderId: 'sell-c', symbol: 'BTC/USDT', side: 'sell', type: 'market_cost', cost: '100' });
    // 100 USDT at 29900 is 0.0033444…: 0.00334 on the step, for 99.866.
    expect(byCost).toMatchObject({ status: 'filled', amount: '0.00334', filled: '0.00334', averagePrice: '29900' });
    expect(w.adapter.balances()).toEqual(w.venue.control.balances('alice'));
    expect(await w.adapter.reconcile()).toEqual({ drift: [] });
  });

  it('cancelAll cancels every open order of the symbol and brings each, fills included, to the venue truth', async () => {
    await w.adapter.place({ clientOrderId: 'bid-1', symbol: 'BTC/USDT', side: 'buy', type: 'limit', price: '29000', amount: '0.002' });
    await w.adapter.place({ clientOrderId: 'ask-1', symbol: 'BTC/USDT', side: 'sell', type: 'limit', price: '31000', amount: '0.001' });
    await w.adapter.place({ clientOrderId: 'eth-1', symbol: 'ETH/USDT', side: 'buy', type: 'limit', price: '1000', amount: '0.01' });
    w.venue.control.takeExternal({ symbol: 'BTC/USDT', side: 'sell', quantity: '0.0005', limitPrice: '29000' });
    const canceled = await w.adapter.cancelAll('BTC/USDT');
    expect(canceled.map((order) => [order.clientOrderId, order.status, order.filled])).toEqual([
      ['bid-1', 'canceled', '0.0005'],
      ['ask-1', 'canceled', '0'],
    ]);
    expect(w.adapter.orders().find((order) => order.clientOrderId === 'eth-1')?.status).toBe('open');
    expect(w.adapter.balances()).toEqual(w.venue.control.balances('alice'));
    expect(await w.adapter.cancelAll('BTC/USDT')).toEqual([]);
    expect(await w.adapter.reconcile()).toEqual({ drift: [] });
  });

  it('fetchMyTrades lists the account trades with exact decimals and changes nothing locally', async () => {
    await w.adapter.place({ clientOrderId: 'take-1', symbol: 'BTC/USDT', side: 'buy', type: 'limit', timeInForce: 'IOC', price: '30010', amount: '0.002' });
    await w.adapter.place({ clientOrderId: 'rest-1', symbol: 'BTC/USDT', side: 'sell', type: 'limit', price: '31000', amount: '0.0003' });
    w.venue.control.takeExternal({ symbol: 'BTC/USDT', side: 'buy', quantity: '0.0001' });
    const before = { orders: w.adapter.orders(), balances: w.adapter.balances() };
    const trades = await w.adapter.fetchMyTrades('BTC/USDT');
    expect(trades).toEqual([
      { tradeId: '1', venueOrderId: '3', clientOrderId: 'take-1', symbol: 'BTC/USDT', side: 'buy', price: '30000', amount: '0.001', fee: { asset: 'BTC', amount: '0.000001' }, role: 'taker' },
      { tradeId: '2', venueOrderId: '3', clientOrderId: 'take-1', symbol: 'BTC/USDT', side: 'buy', price: '30010', amount: '0.001', fee: { asset: 'BTC', amount: '0.000001' }, role: 'taker' },
      { tradeId: '3', venueOrderId: '4', clientOrderId: 'rest-1', symbol: 'BTC/USDT', side: 'sell', price: '31000', amount: '0.0001', fee: { asset: 'USDT', amount: '0.0031' }, role: 'maker' },
    ]);
    expect(await w.adapter.fetchMyTrades('ETH/USDT')).toEqual([]);
    expect({ orders: w.adapter.orders(), balances: w.adapter.balances() }).toEqual(before);
  });
});
