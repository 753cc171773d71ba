import type { Order, Trade } from 'ccxt';
import { describe, expect, it } from 'vitest';
import { asCcxtAmount } from '../../exchange/binance-client';
import { ccxtProWorld } from '../testing/ccxt-pro-world';
import { canonical, orderFields } from '../testing/ccxt-fields';

/**
 * The real ccxt.pro.binance against the venue's own user-data stream, in-process on one virtual
 * clock: orders placed over REST, filled partly and fully by other traders, canceled and
 * expired reach `watchOrders`, `watchMyTrades` and `watchBalance` as ccxt parses them.
 */
async function world() {
  const { clock, venue, exchange } = await ccxtProWorld('user-data-ccxt', { btc: '2' });
  return { clock, venue, exchange };
}

describe('ccxt.pro.binance watching the venue user-data stream in-process', () => {
  it('sees NEW, a partial and a full fill by other traders, with trades and balances, field by field', async () => {
    const { clock, venue, exchange } = await world();
    // Subscribe first: an order placed before the subscription is answered is REST's to report.
    const firstWatch = exchange.watchOrders('BTC/USDT');
    await clock.run(clock.sleep(10));
    await clock.run(exchange.createOrder('BTC/USDT', 'limit', 'buy', asCcxtAmount('0.01'), asCcxtAmount('30000'), { newClientOrderId: 'alice-1' }));
    const placed = await clock.run(firstWatch);
    expect(placed.map(orderFields)).toEqual([
      { clientOrderId: 'alice-1', status: 'open', side: 'buy', type: 'limit', timeInForce: 'GTC', price: '30000', amount: '0.01', filled: '0', remaining: '0.01' },
    ]);

    const partialWatch = exchange.watchOrders('BTC/USDT');
    const tradesWatch = exchange.watchMyTrades('BTC/USDT');
    venue.control.takeExternal({ symbol: 'BTC/USDT', side: 'sell', quantity: '0.004', limitPrice: '30000' });
    const partial = (await clock.run(partialWatch)).at(-1);
    expect(partial === undefined ? undefined : orderFields(partial)).toMatchObject({ clientOrderId: 'alice-1', status: 'open', filled: '0.004', remaining: '0.006' });
    const [trade] = (await clock.run(tradesWatch)) as Trade[];
    expect(trade).toMatchObject({ symbol: 'BTC/USDT', side: 'buy', takerOrMaker: 'maker' });
    expect([trade?.price, trade?.amount, trade?.cost].map(canonical)).toEqual(['30000', '0.004', '120']);
    expect(trade?.fee).toMatchObject({ currency: 'BTC' });
    expect(canonical(trade?.fee?.cost)).toBe('0.000004');

    // Let the partial fill's last frames (its balance event) arrive before watching for the next.
    await clock.run(clock.sleep(10));
    const fullWatch = exchange.watchOrders('BTC/USDT');
    const balanceWatch = exchange.watchBalance();
    venue.control.takeExternal({ symbol: 'BTC/USDT', side: 'sell', quantity: '0.006', limitPrice: '30000' });
    const full = (await clock.run(fullWatch)).at(-1);
    expect(full === undefined ? undefined : orderFields(full)).toMatchObject({ status: 'closed', filled: '0.01', remaining: '0' });
    const balance = await clock.run(balanceWatch);
    // 0.01 BTC bought at 30000 with 0.1% taken in BTC; 300 USDT spent, nothing left locked.
    expect([balance.BTC?.free, balance.BTC?.used, balance.USDT?.free, balance.USDT?.used].map(canonical)).toEqual(['2.00999', '0', '99700', '0']);
    await clock.run(exchange.close());
  });

  it('sees a cancel and an IOC expiry', async () => {
    const { clock, venue, exchange } = await world();
    const subscribed = exchange.watchOrders('BTC/USDT');
    await clock.run(clock.sleep(10));
    await clock.run(exchange.createOrder('BTC/USDT', 'limit', 'sell', asCcxtAmount('0.5'), asCcxtAmount('40000'), { newClientOrderId: 'alice-2' }));
    await clock.run(subscribed);
    const canceledWatch = exchange.watchOrders('BTC/USDT');
    await clock.run(exchange.cancelOrder('', 'BTC/USDT', { origClientOrderId: 'alice-2' }));
    const canceled = (await clock.run(canceledWatch)).find((order) => order.clientOrderId === 'alice-2' && order.status === 'canceled');
    expect(canceled === undefined ? undefined : orderFields(canceled)).toMatchObject({ status: 'canceled', filled: '0', remaining: '0.5' });

    venue.control.placeExternalOrder({ symbol: 'BTC/USDT', side: 'sell', quantity: '0.001', price: '30000' });
    const expiredWatch = exchange.watchOrders('BTC/USDT');
    await clock.run(exchange.createOrder('BTC/USDT', 'limit', 'buy', asCcxtAmount('0.003'), asCcxtAmount('30000'), { newClientOrderId: 'alice-3', timeInForce: 'IOC' }));
    let expired: Order | undefined;
    for (let watches = 0; expired === undefined && watches < 5; watches += 1) {
      const orders = watches === 0 ? await clock.run(expiredWatch) : await clock.run(exchange.watchOrders('BTC/USDT'));
      expired = orders.find((order) => order.clientOrderId === 'alice-3' && order.status === 'expired');
    }
    expect(expired === undefined ? undefined : orderFields(expired)).toMatchObject({ status: 'expired', timeInForce: 'IOC', filled: '0.001', remaining: '0.002' });
    await clock.run(exchange.close());
  });
});
