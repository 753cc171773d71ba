import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Clock } from '../clock/clock';
import { RandomSource } from '../clock/random';
import { VirtualClock } from '../clock/virtual-clock';
import type { Credentials } from '../exchange/contract';
import { createBinanceClient } from '../exchange/binance-client';
import { createVenue } from './index';
import { startLoopbackServer, type LoopbackServer } from './transport/http-server';
import { binanceClient, ccxt, createLimitOrder, type BinanceClient } from './testing/ccxt-binance';
import type { Venue } from './types';

/**
 * Acceptance point 1 (orders and book): the real ccxt.binance through every order type, time in
 * force and response type, over each transport. A transport is a way to make a client for a
 * venue; the loopback HTTP one joins this table.
 */
interface Transport {
  name: string;
  makeClient: (venue: Venue, credentials: Credentials, clock: Clock) => Promise<BinanceClient> | BinanceClient;
}

/** Loopback servers started by a test, closed after it. */
const servers: LoopbackServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

const TRANSPORTS: Transport[] = [
  { name: 'in-process', makeClient: (venue, credentials, clock) => binanceClient(venue, credentials, clock) },
  {
    name: 'loopback HTTP',
    makeClient: async (venue, credentials, clock) => {
      const server = await startLoopbackServer(venue, { port: 0 });
      servers.push(server);
      // No fetchImplementation: ccxt's own HTTP stack over a real socket to 127.0.0.1.
      return createBinanceClient({ environment: 'sim', clock, credentials, baseUrl: server.baseUrl, fetch: undefined });
    },
  },
];

async function ccxtError(action: Promise<unknown>): Promise<Error> {
  const error: unknown = await action.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  if (!(error instanceof Error)) throw new Error('expected the call to fail');
  return error;
}

/** ccxt's typings say number; it accepts decimal strings (see the ccxt note). */
const n = (value: string): number => value as unknown as number;

describe.each(TRANSPORTS)('ccxt.binance order types over $name', ({ makeClient }) => {
  let clock: VirtualClock;
  let venue: Venue;
  let exchange: BinanceClient;

  beforeEach(async () => {
    clock = new VirtualClock();
    venue = createVenue({ clock, random: new RandomSource('order-types') });
    const alice = venue.control.createAccount('alice');
    venue.control.deposit('alice', 'USDT', '100000');
    venue.control.deposit('alice', 'BTC', '2');
    exchange = await makeClient(venue, alice, clock);
    await exchange.loadMarkets();
    venue.control.placeExternalOrder({ symbol: 'BTC/USDT', side: 'sell', price: '30000', quantity: '0.001' });
    venue.control.placeExternalOrder({ symbol: 'BTC/USDT', side: 'sell', price: '30010', quantity: '0.001' });
  });

  it('LIMIT IOC: fills what crosses, the rest expires', async () => {
    const order = await createLimitOrder(exchange, 'BTC/USDT', 'buy', '0.003', '30005', { timeInForce: 'IOC', clientOrderId: 'ioc-1' });
    expect([order.id, order.clientOrderId, order.type, order.timeInForce, order.status]).toEqual(['3', 'ioc-1', 'limit', 'IOC', 'expired']);
    expect([order.price, order.amount, order.filled, order.remaining, order.cost, order.average]).toEqual(['30005.00000000', '0.00300000', '0.00100000', '0.002', '30.00000000', '30000']);
    expect(order.trades.map((trade) => [trade.price, trade.amount, trade.fee?.cost, trade.fee?.currency])).toEqual([['30000.00000000', '0.00100000', '0.00000100', 'BTC']]);
    expect((await exchange.fetchBalance())['USDT']).toEqual({ free: '99970.00000000', used: '0.00000000', total: '99970' });
  });

  it('LIMIT FOK: expires with nothing filled when the book cannot fill it, fills when it can', async () => {
    const killed = await createLimitOrder(exchange, 'BTC/USDT', 'buy', '0.003', '30010', { timeInForce: 'FOK' });
    expect([killed.status, killed.timeInForce, killed.filled, killed.remaining, killed.trades]).toEqual(['expired', 'FOK', '0.00000000', '0.003', []]);
    const filled = await createLimitOrder(exchange, 'BTC/USDT', 'buy', '0.002', '30010', { timeInForce: 'FOK' });
    expect([filled.status, filled.filled, filled.cost, filled.average, filled.trades.length]).toEqual(['closed', '0.00200000', '60.01000000', '30005', 2]);
  });

  it('LIMIT_MAKER (postOnly): rests when it would not take; OrderImmediatelyFillable when it would', async () => {
    const error = await ccxtError(exchange.createOrder('BTC/USDT', 'limit', 'buy', n('0.001'), n('30000'), { postOnly: true }));
    expect(error).toBeInstanceOf(ccxt.OrderImmediatelyFillable);
    expect(error.message).toContain('Order would immediately match and take.');
    const order = await exchange.createOrder('BTC/USDT', 'limit', 'buy', n('0.001'), n('29999'), { postOnly: true, clientOrderId: 'maker-1' });
    expect([order.clientOrderId, order.status, order.postOnly, order.info['type']]).toEqual(['maker-1', 'open', true, 'LIMIT_MAKER']);
    const fetched = await exchange.fetchOrder(order.id ?? '', 'BTC/USDT');
    expect([fetched.type, fetched.postOnly, fetched.status, fetched.price]).toEqual(['limit', true, 'open', '29999.00000000']);
  });

  it('MARKET by quantity: FULL response with fills and fees; the rest of a thin book expires', async () => {
    const order = await exchange.createOrder('BTC/USDT', 'market', 'buy', n('0.0015'));
    // ccxt fills in price as cost / filled for a MARKET order (Binance reports price 0).
    expect([order.type, order.side, order.status, order.price, order.amount, order.filled, order.remaining]).toEqual(['market', 'buy', 'closed', '30003.333333333333333333', '0.00150000', '0.00150000', '0']);
    expect([order.cost, order.fee]).toEqual(['45.00500000', { currency: 'BTC', cost: '0.0000015' }]);
    expect(order.trades.map((trade) => [trade.price, trade.amount])).toEqual([
      ['30000.00000000', '0.00100000'],
      ['30010.00000000', '0.00050000'],
    ]);
    const rest = await exchange.createOrder('BTC/USDT', 'market', 'buy', n('0.001'));
    expect([rest.status, rest.filled, rest.remaining]).toEqual(['expired', '0.00050000', '0.0005']);
  });

  it('MARKET buy by cost (quoteOrderQty) and sell by quantity against external bids', async () => {
    const bought = await exchange.createMarketBuyOrderWithCost('BTC/USDT', n('45'));
    expect([bought.status, bought.filled, bought.cost, bought.info['origQuoteOrderQty']]).toEqual(['closed', '0.00149000', '44.70490000', '45.00000000']);
    venue.control.placeExternalOrder({ symbol: 'BTC/USDT', side: 'buy', price: '29900', quantity: '0.01' });
    const sold = await exchange.createOrder('BTC/USDT', 'market', 'sell', n('0.002'));
    expect([sold.status, sold.filled, sold.cost, sold.fee]).toEqual(['closed', '0.00200000', '59.80000000', { currency: 'USDT', cost: '0.05980000' }]);
  });

  it('newOrderRespType ACK and RESULT', async () => {
    const ack = await createLimitOrder(exchange, 'BTC/USDT', 'buy', '0.001', '29000', { newOrderRespType: 'ACK', clientOrderId: 'ack-1' });
    expect([ack.id, ack.clientOrderId, ack.status, ack.timestamp, ack.amount]).toEqual(['3', 'ack-1', undefined, clock.now(), undefined]);
    const result = await createLimitOrder(exchange, 'BTC/USDT', 'buy', '0.002', '30000', { newOrderRespType: 'RESULT' });
    expect([result.status, result.filled, result.remaining, result.trades]).toEqual(['open', '0.00100000', '0.001', []]);
  });

  it('fills from an external trade reach fetchOrder, fetchOrders (allOrders) and fetchMyTrades', async () => {
    await createLimitOrder(exchange, 'BTC/USDT', 'buy', '0.002', '29000', { clientOrderId: 'bid-1' });
    await clock.advance(1000);
    venue.control.takeExternal({ symbol: 'BTC/USDT', side: 'sell', quantity: '0.0005' });
    const orders = await exchange.fetchOrders('BTC/USDT');
    expect(orders.map((order) => [order.clientOrderId, order.status, order.filled])).toEqual([['bid-1', 'open', '0.00050000']]);
    const trades = await exchange.fetchMyTrades('BTC/USDT', clock.now() - 10, 5);
    expect(trades.map((trade) => [trade.id, trade.side, trade.takerOrMaker, trade.amount])).toEqual([['1', 'buy', 'maker', '0.00050000']]);
  });

  it('cancelAllOrders cancels every open order of the symbol', async () => {
    await createLimitOrder(exchange, 'BTC/USDT', 'buy', '0.001', '29000', { clientOrderId: 'a' });
    await createLimitOrder(exchange, 'BTC/USDT', 'sell', '0.001', '31000', { clientOrderId: 'b' });
    const canceled = await exchange.cancelAllOrders('BTC/USDT');
    expect(canceled.map((order) => [order.info['origClientOrderId'], order.status])).toEqual([['a', 'canceled'], ['b', 'canceled']]);
    expect(await exchange.fetchOpenOrders('BTC/USDT')).toEqual([]);
  });

  it('self-trade prevention EXPIRE_MAKER, asked per order: the own resting order expires', async () => {
    await createLimitOrder(exchange, 'BTC/USDT', 'sell', '0.001', '29990', { clientOrderId: 'own-ask' });
    const taker = await createLimitOrder(exchange, 'BTC/USDT', 'buy', '0.001', '30000', { clientOrderId: 'crossing', selfTradePreventionMode: 'EXPIRE_MAKER' });
    expect([taker.status, taker.trades.map((trade) => trade.price)]).toEqual(['closed', ['30000.00000000']]);
    const own = await exchange.fetchOrder('x', 'BTC/USDT', { origClientOrderId: 'own-ask' });
    expect([own.status, own.info['status'], own.info['selfTradePreventionMode']]).toEqual(['expired', 'EXPIRED_IN_MATCH', 'NONE']);
  });

  it('new errors map to the ccxt classes: MAX_NUM_ORDERS, MARKET_LOT_SIZE, -1104, -1106', async () => {
    const venueWithLimits = createVenue({
      clock,
      random: new RandomSource('order-types-limits'),
      markets: venue.markets.map((market) => ({ ...market, maxNumOrders: 1, marketLotSize: { minQty: '0.001', maxQty: '1', stepSize: '0.001' } })),
    });
    const bob = venueWithLimits.control.createAccount('bob');
    venueWithLimits.control.deposit('bob', 'USDT', '100000');
    const strict = await makeClient(venueWithLimits, bob, clock);
    await strict.loadMarkets();
    await createLimitOrder(strict, 'BTC/USDT', 'buy', '0.001', '29000');
    const tooMany = await ccxtError(createLimitOrder(strict, 'BTC/USDT', 'buy', '0.001', '29000'));
    expect([tooMany.constructor, tooMany.message.includes('Filter failure: MAX_NUM_ORDERS')]).toEqual([ccxt.BadRequest, true]);
    const lot = await ccxtError(strict.createOrder('ETH/USDT', 'market', 'buy', n('0.0005'), undefined, { quoteOrderQty: undefined }));
    expect(lot.constructor).toBe(ccxt.InvalidOrder);
    const unread = await ccxtError(exchange.fetchOpenOrders('BTC/USDT', undefined, undefined, { bogus: '1' }));
    expect([unread.constructor, unread.message.includes('-1104')]).toEqual([ccxt.BadRequest, true]);
    const notRequired = await ccxtError(exchange.privatePostOrder({ symbol: 'BTCUSDT', side: 'BUY', type: 'MARKET', quantity: '0.001', price: '30000' }));
    expect([notRequired.constructor, notRequired.message.includes('-1106')]).toEqual([ccxt.BadRequest, true]);
  });
});
