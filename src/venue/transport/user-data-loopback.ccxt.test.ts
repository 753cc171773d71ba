import type { Order } from 'ccxt';
import { afterEach, describe, expect, it } from 'vitest';
import { RandomSource } from '../../clock/random';
import { VirtualClock } from '../../clock/virtual-clock';
import { asCcxtAmount } from '../../exchange/binance-client';
import { createBinanceProClient, type BinanceProClient } from '../../exchange/binance-pro-client';
import { createVenue } from '../index';
import { startLoopbackServer } from './http-server';
import { canonical, orderFields } from '../testing/ccxt-fields';

/**
 * The real ccxt.pro.binance, with its own `ws` sockets over 127.0.0.1, against the venue's own
 * user-data stream (`venue.stream.accept`): the loopback half of src/venue/stream/user-data.ccxt.test.ts,
 * the same scenarios asserted field by field.
 *
 * Time. As in ws-server.test.ts the VirtualClock is not driven: every call is a plain await on
 * real socket I/O, and every timestamp is the venue's now. `clock.run` would be wrong here: the
 * venue's stream timers (pings, pong deadlines) wait on the virtual clock, so it would jump time
 * while a request is on the socket. The venue sends an event's frames synchronously when the
 * event happens, and they cross the socket as I/O, after the microtasks that set up a watch: a
 * watch started before the event sees its frames. Each step therefore watches every frame its
 * event produces (executionReport, then outboundAccountPosition) and awaits them all, so no frame
 * of one step is left to resolve the next step's watch.
 */
const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});

async function world() {
  const clock = new VirtualClock();
  const venue = createVenue({ clock, random: new RandomSource('user-data-loopback-ccxt') });
  const credentials = venue.control.createAccount('alice');
  venue.control.deposit('alice', 'USDT', '100000');
  venue.control.deposit('alice', 'BTC', '2');
  const server = await startLoopbackServer(venue, { acceptWebSocket: venue.stream.accept });
  closers.push(() => server.close());
  const exchange = await createBinanceProClient({ environment: 'sim', clock, credentials, baseUrl: server.baseUrl, fetch: undefined });
  closers.push(() => exchange.close());
  await exchange.loadMarkets();
  await subscribe(exchange);
  return { venue, exchange };
}

/**
 * Subscribes the user-data stream before anything is placed: an order placed before the
 * subscription is answered is REST's to report. When the connection fails first, ccxt 4.5.84's
 * ensureUserDataStreamWsSubscribeSignature also rejects its `authenticate:signature:spot`
 * future, which nobody awaits (Node would end the run on it); that future exists once
 * `authenticate` is called, and is handled here, so the failure is this await's alone.
 */
async function subscribe(exchange: BinanceProClient): Promise<void> {
  const authenticated = exchange.authenticate();
  const future: unknown = exchange.client(exchange.urls.api.ws['ws-api'].spot).futures['authenticate:signature:spot'];
  if (future instanceof Promise) future.catch(() => undefined);
  await authenticated;
}

describe('ccxt.pro.binance watching the venue user-data stream over loopback', () => {
  it('sees NEW, a partial and a full fill by other traders, with trades and balances, field by field', async () => {
    const { venue, exchange } = await world();
    const placedEvents = Promise.all([exchange.watchOrders('BTC/USDT'), exchange.watchBalance()]);
    await exchange.createOrder('BTC/USDT', 'limit', 'buy', asCcxtAmount('0.01'), asCcxtAmount('30000'), { newClientOrderId: 'alice-1' });
    const [placed, lockedBalance] = await placedEvents;
    expect(placed.map(orderFields)).toEqual([
      { clientOrderId: 'alice-1', status: 'open', side: 'buy', type: 'limit', timeInForce: 'GTC', price: '30000', amount: '0.01', filled: '0', remaining: '0.01' },
    ]);
    // 300 USDT locked for the bid.
    expect([lockedBalance.USDT?.free, lockedBalance.USDT?.used].map(canonical)).toEqual(['99700', '300']);

    const partialEvents = Promise.all([exchange.watchOrders('BTC/USDT'), exchange.watchMyTrades('BTC/USDT'), exchange.watchBalance()]);
    venue.control.takeExternal({ symbol: 'BTC/USDT', side: 'sell', quantity: '0.004', limitPrice: '30000' });
    const [partialOrders, trades, partialBalance] = await partialEvents;
    const partial = partialOrders.at(-1);
    expect(partial === undefined ? undefined : orderFields(partial)).toMatchObject({ clientOrderId: 'alice-1', status: 'open', filled: '0.004', remaining: '0.006' });
    const [trade] = trades;
    expect(trade).toMatchObject({ symbol: 'BTC/USDT', side: 'buy', takerOrMaker: 'maker' });
    expect([trade?.price, trade?.amount, trade?.cost].map(canonical)).toEqual(['30000', '0.004', '120']);
    expect(trade?.fee).toMatchObject({ currency: 'BTC' });
    expect(canonical(trade?.fee?.cost)).toBe('0.000004');
    // 0.004 BTC bought less 0.1% in BTC; 120 USDT of the 300 locked spent.
    expect([partialBalance.BTC?.free, partialBalance.BTC?.used, partialBalance.USDT?.free, partialBalance.USDT?.used].map(canonical)).toEqual(['2.003996', '0', '99700', '180']);

    const fullEvents = Promise.all([exchange.watchOrders('BTC/USDT'), exchange.watchBalance()]);
    venue.control.takeExternal({ symbol: 'BTC/USDT', side: 'sell', quantity: '0.006', limitPrice: '30000' });
    const [fullOrders, balance] = await fullEvents;
    const full = fullOrders.at(-1);
    expect(full === undefined ? undefined : orderFields(full)).toMatchObject({ status: 'closed', filled: '0.01', remaining: '0' });
    // 0.01 BTC bought at 30000 with 0.1% taken in BTC; 300 USDT spent, nothing left locked.
    expect([balance.BTC?.free, balance.BTC?.used, balance.USDT?.free, balance.USDT?.used].map(canonical)).toEqual(['2.00999', '0', '99700', '0']);
  });

  it('sees a cancel and an IOC expiry', async () => {
    const { venue, exchange } = await world();
    const placedEvents = Promise.all([exchange.watchOrders('BTC/USDT'), exchange.watchBalance()]);
    await exchange.createOrder('BTC/USDT', 'limit', 'sell', asCcxtAmount('0.5'), asCcxtAmount('40000'), { newClientOrderId: 'alice-2' });
    await placedEvents;
    const canceledEvents = Promise.all([exchange.watchOrders('BTC/USDT'), exchange.watchBalance()]);
    await exchange.cancelOrder('', 'BTC/USDT', { origClientOrderId: 'alice-2' });
    const [canceledOrders, releasedBalance] = await canceledEvents;
    const canceled = canceledOrders.find((order) => order.clientOrderId === 'alice-2' && order.status === 'canceled');
    expect(canceled === undefined ? undefined : orderFields(canceled)).toMatchObject({ status: 'canceled', filled: '0', remaining: '0.5' });
    // The 0.5 BTC reserved for the ask is free again.
    expect([releasedBalance.BTC?.free, releasedBalance.BTC?.used].map(canonical)).toEqual(['2', '0']);

    venue.control.placeExternalOrder({ symbol: 'BTC/USDT', side: 'sell', quantity: '0.001', price: '30000' });
    const expiredWatch = exchange.watchOrders('BTC/USDT');
    await exchange.createOrder('BTC/USDT', 'limit', 'buy', asCcxtAmount('0.003'), asCcxtAmount('30000'), { newClientOrderId: 'alice-3', timeInForce: 'IOC' });
    // NEW, TRADE and EXPIRED are sent at once; ccxt resolves a watch with what it has parsed by
    // then (one chunk may carry all three), so watch again until the expiry is among them.
    let expired: Order | undefined;
    for (let watches = 0; expired === undefined && watches < 5; watches += 1) {
      const orders = watches === 0 ? await expiredWatch : await exchange.watchOrders('BTC/USDT');
      expired = orders.find((order) => order.clientOrderId === 'alice-3' && order.status === 'expired');
    }
    expect(expired === undefined ? undefined : orderFields(expired)).toMatchObject({ status: 'expired', timeInForce: 'IOC', filled: '0.001', remaining: '0.002' });
  });
});
