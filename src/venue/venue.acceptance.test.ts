import { beforeEach, describe, expect, it } from 'vitest';
import { RandomSource } from '../clock/random';
import { VirtualClock } from '../clock/virtual-clock';
import type { Credentials } from '../exchange/contract';
import { createVenue } from './index';
import { binanceClient, ccxt, createLimitOrder, type BinanceClient } from './testing/ccxt-binance';
import type { Venue } from './types';

/** Asserts the exact ccxt class (not a subclass: OrderNotFound extends InvalidOrder). */
async function expectCcxtError(action: Promise<unknown>, expected: abstract new (...args: never[]) => Error, message?: string): Promise<void> {
  const error: unknown = await action.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(expected);
  expect((error as Error).constructor).toBe(expected);
  if (message !== undefined) expect((error as Error).message).toContain(message);
}

let clock: VirtualClock;
let venue: Venue;
let alice: Credentials;
let exchange: BinanceClient;

beforeEach(async () => {
  clock = new VirtualClock();
  venue = createVenue({ clock, random: new RandomSource('acceptance') });
  alice = venue.control.createAccount('alice');
  venue.control.deposit('alice', 'USDT', '100000');
  venue.control.deposit('alice', 'BTC', '2');
  exchange = binanceClient(venue, alice, clock);
  await exchange.loadMarkets();
});

describe('ccxt.binance against the venue: reading', () => {
  it('loads the markets from exchangeInfo with their filters as precision and limits', () => {
    expect(Object.keys(exchange.markets ?? {}).sort()).toEqual(['BTC/USDT', 'ETH/BTC', 'ETH/USDT']);
    const market = exchange.market('BTC/USDT');
    expect([market.id, market.base, market.quote, market.spot, market.active, market.type]).toEqual(['BTCUSDT', 'BTC', 'USDT', true, true, 'spot']);
    expect(market.precision).toEqual({ amount: '0.00001000', price: '0.01000000', base: '0.00000001', quote: '0.00000001' });
    expect(market.limits.amount).toEqual({ min: '0.00001000', max: '9000.00000000' });
    expect(market.limits.price).toEqual({ min: '0.01000000', max: '1000000.00000000' });
    expect(market.limits.cost).toEqual({ min: '5.00000000', max: '9000000.00000000' });
  });

  it('reports the venue clock as server time', async () => {
    expect(await exchange.fetchTime()).toBe(clock.now());
    await clock.advance(1500);
    expect(await exchange.fetchTime()).toBe(clock.now());
  });

  it('reports free and locked per asset', async () => {
    const balance = await exchange.fetchBalance();
    expect(balance['USDT']).toEqual({ free: '100000.00000000', used: '0.00000000', total: '100000' });
    expect(balance['BTC']).toEqual({ free: '2.00000000', used: '0.00000000', total: '2' });
    expect(balance['ETH']).toEqual({ free: '0.00000000', used: '0.00000000', total: '0' });
  });
});

describe('ccxt.binance against the venue: an order through its life', () => {
  it('places a resting limit buy, truncated by ccxt to step and tick, and locks its reserve', async () => {
    const order = await createLimitOrder(exchange, 'BTC/USDT', 'buy', '0.0012345678', '30000.123', { clientOrderId: 'alice-1' });
    expect(order.id).toBe('1');
    expect(order.clientOrderId).toBe('alice-1');
    expect(order.timestamp).toBe(clock.now());
    expect([order.symbol, order.type, order.side, order.timeInForce, order.status]).toEqual(['BTC/USDT', 'limit', 'buy', 'GTC', 'open']);
    expect([order.price, order.amount, order.filled, order.remaining, order.cost]).toEqual(['30000.12000000', '0.00123000', '0.00000000', '0.00123', '0.00000000']);
    expect(order.average).toBeUndefined();
    expect(order.fee).toBeUndefined();
    expect(order.trades).toEqual([]);
    const balance = await exchange.fetchBalance();
    expect(balance['USDT']).toEqual({ free: '99963.09985240', used: '36.90014760', total: '100000' });

    const fetched = await exchange.fetchOrder('1', 'BTC/USDT');
    expect([fetched.id, fetched.clientOrderId, fetched.status, fetched.filled, fetched.remaining, fetched.price]).toEqual(['1', 'alice-1', 'open', '0.00000000', '0.00123', '30000.12000000']);
    const open = await exchange.fetchOpenOrders('BTC/USDT');
    expect(open.map((entry) => [entry.id, entry.clientOrderId, entry.status])).toEqual([['1', 'alice-1', 'open']]);
    expect(await exchange.fetchOpenOrders()).toHaveLength(1);
  });

  it('reports a partial fill, then a full fill, caused by other traders', async () => {
    await createLimitOrder(exchange, 'BTC/USDT', 'buy', '0.00123', '30000.12', { clientOrderId: 'alice-1' });
    await clock.advance(1000);
    venue.control.takeExternal({ symbol: 'BTC/USDT', side: 'sell', quantity: '0.0005' });

    const partial = await exchange.fetchOrder('1', 'BTC/USDT');
    expect([partial.status, partial.filled, partial.remaining, partial.cost, partial.average]).toEqual(['open', '0.00050000', '0.00073', '15.00006000', '30000.12']);
    expect(partial.lastTradeTimestamp).toBe(clock.now());
    const [first] = await exchange.fetchMyTrades('BTC/USDT');
    expect(first?.info).toMatchObject({ isMaker: true, isBuyer: true, commissionAsset: 'BTC' });
    expect([first?.id, first?.order, first?.side, first?.takerOrMaker, first?.price, first?.amount, first?.cost]).toEqual(['1', '1', 'buy', 'maker', '30000.12000000', '0.00050000', '15.00006000']);
    expect(first?.fee).toEqual({ currency: 'BTC', cost: '0.00000050' });
    expect(first?.timestamp).toBe(clock.now());

    // An external sell below the bid is the taker; it trades at the resting bid's price.
    await clock.advance(1000);
    const external = venue.control.placeExternalOrder({ symbol: 'BTC/USDT', side: 'sell', price: '30000', quantity: '0.001' });
    expect(external.fills.map((fill) => [fill.price, fill.quantity, fill.makerOrderId])).toEqual([['30000.12', '0.00073', '1']]);
    expect(venue.control.book('BTC/USDT')).toEqual({ bids: [], asks: [['30000', '0.00027']] });

    const filled = await exchange.fetchOrder('1', 'BTC/USDT');
    expect([filled.status, filled.filled, filled.remaining, filled.cost, filled.average]).toEqual(['closed', '0.00123000', '0', '36.90014760', '30000.12']);
    const trades = await exchange.fetchMyTrades('BTC/USDT');
    expect(trades.map((trade) => [trade.id, trade.amount, trade.fee?.cost])).toEqual([
      ['1', '0.00050000', '0.00000050'],
      ['2', '0.00073000', '0.00000073'],
    ]);
    expect(await exchange.fetchOpenOrders('BTC/USDT')).toEqual([]);
    const balance = await exchange.fetchBalance();
    expect(balance['BTC']).toEqual({ free: '2.00122877', used: '0.00000000', total: '2.00122877' });
    expect(balance['USDT']).toEqual({ free: '99963.09985240', used: '0.00000000', total: '99963.0998524' });
  });

  it('takes liquidity on arrival at better prices, returns the fills, and cancels the rest', async () => {
    venue.control.placeExternalOrder({ symbol: 'BTC/USDT', side: 'sell', price: '29990', quantity: '0.001' });
    venue.control.placeExternalOrder({ symbol: 'BTC/USDT', side: 'sell', price: '30005', quantity: '0.001' });
    const order = await createLimitOrder(exchange, 'BTC/USDT', 'buy', '0.003', '30010', { clientOrderId: 'sweep-1' });
    expect([order.id, order.status, order.filled, order.remaining, order.cost, order.average]).toEqual(['3', 'open', '0.00200000', '0.001', '59.99500000', '29997.5']);
    expect(order.fee).toEqual({ currency: 'BTC', cost: '0.000002' });
    expect(order.trades.map((trade) => [trade.id, trade.price, trade.amount, trade.fee?.cost, trade.fee?.currency])).toEqual([
      ['1', '29990.00000000', '0.00100000', '0.00000100', 'BTC'],
      ['2', '30005.00000000', '0.00100000', '0.00000100', 'BTC'],
    ]);
    // Spent 59.995 at the fill prices; 0.001 x 30010 stays locked for the rest.
    expect((await exchange.fetchBalance())['USDT']).toEqual({ free: '99909.99500000', used: '30.01000000', total: '99940.005' });

    const canceled = await exchange.cancelOrder('3', 'BTC/USDT', { newClientOrderId: 'cancel-1' });
    expect([canceled.id, canceled.status, canceled.filled, canceled.remaining, canceled.cost]).toEqual(['3', 'canceled', '0.00200000', '0.001', '59.99500000']);
    // ccxt reads the cancel request's own id; the order's is origClientOrderId (see the ccxt note).
    expect(canceled.clientOrderId).toBe('cancel-1');
    expect(canceled.info).toMatchObject({ origClientOrderId: 'sweep-1', clientOrderId: 'cancel-1', status: 'CANCELED' });
    expect((await exchange.fetchBalance())['USDT']).toEqual({ free: '99940.00500000', used: '0.00000000', total: '99940.005' });
  });

  it('sells, receives the quote less the fee, and cancels by client order id', async () => {
    await createLimitOrder(exchange, 'BTC/USDT', 'sell', '0.5', '31000', { clientOrderId: 'ask-1' });
    expect((await exchange.fetchBalance())['BTC']).toEqual({ free: '1.50000000', used: '0.50000000', total: '2' });
    venue.control.takeExternal({ symbol: 'BTC/USDT', side: 'buy', quantity: '0.1', limitPrice: '31000' });
    const canceled = await exchange.cancelOrder('ignored', 'BTC/USDT', { clientOrderId: 'ask-1' });
    expect([canceled.status, canceled.filled, canceled.remaining, canceled.info['origClientOrderId']]).toEqual(['canceled', '0.10000000', '0.4', 'ask-1']);
    expect(canceled.clientOrderId).toMatch(/^[0-9a-z]{22}$/);
    const [trade] = await exchange.fetchMyTrades('BTC/USDT');
    expect([trade?.side, trade?.cost, trade?.fee?.currency, trade?.fee?.cost]).toEqual(['sell', '3100.00000000', 'USDT', '3.10000000']);
    const balance = await exchange.fetchBalance();
    expect(balance['USDT']).toEqual({ free: '103096.90000000', used: '0.00000000', total: '103096.9' });
    expect(balance['BTC']).toEqual({ free: '1.90000000', used: '0.00000000', total: '1.9' });
  });
});

describe('ccxt.binance against the venue: errors become the ccxt classes the note predicts', () => {
  const rawOrder = (quantity: string, price: string) =>
    exchange.privatePostOrder({ symbol: 'BTCUSDT', side: 'BUY', type: 'LIMIT', timeInForce: 'GTC', quantity, price, newClientOrderId: 'raw-1' });

  it('filter failures: LOT_SIZE and PRICE_FILTER -> InvalidOrder, NOTIONAL -> BadRequest', async () => {
    await expectCcxtError(rawOrder('0.000015', '30000'), ccxt.InvalidOrder, 'Filter failure: LOT_SIZE');
    await expectCcxtError(rawOrder('0.001', '30000.005'), ccxt.InvalidOrder, 'Filter failure: PRICE_FILTER');
    await expectCcxtError(createLimitOrder(exchange, 'BTC/USDT', 'buy', '0.0001', '30000'), ccxt.BadRequest, 'Filter failure: NOTIONAL');
    expect(venue.control.events().filter((event) => event.type === 'order_rejected')).toHaveLength(3);
  });

  it('insufficient balance -> InsufficientFunds; duplicate open client id -> InvalidOrder', async () => {
    await expectCcxtError(createLimitOrder(exchange, 'BTC/USDT', 'buy', '10', '30000'), ccxt.InsufficientFunds);
    await createLimitOrder(exchange, 'BTC/USDT', 'buy', '0.001', '30000', { clientOrderId: 'dup' });
    await expectCcxtError(createLimitOrder(exchange, 'BTC/USDT', 'buy', '0.001', '30000', { clientOrderId: 'dup' }), ccxt.InvalidOrder, 'Duplicate order sent.');
  });

  it('unknown orders -> OrderNotFound on cancel (-2011) and on fetch (-2013)', async () => {
    await expectCcxtError(exchange.cancelOrder('999', 'BTC/USDT'), ccxt.OrderNotFound, '-2011');
    await expectCcxtError(exchange.fetchOrder('999', 'BTC/USDT'), ccxt.OrderNotFound, '-2013');
    await expectCcxtError(exchange.fetchOrder('x', 'BTC/USDT', { origClientOrderId: 'nope' }), ccxt.OrderNotFound, '-2013');
  });

  it('a wrong secret (-1022) and an unknown key (-2015) -> AuthenticationError', async () => {
    const forged = binanceClient(venue, { apiKey: alice.apiKey, secret: 'not-the-secret' }, clock);
    await expectCcxtError(forged.fetchBalance(), ccxt.AuthenticationError, '-1022');
    const stranger = binanceClient(venue, { apiKey: 'unknown-key', secret: alice.secret }, clock);
    await expectCcxtError(stranger.fetchBalance(), ccxt.AuthenticationError, '-2015');
    expect(venue.control.events().filter((event) => event.type === 'request' && event.status === 401)).toHaveLength(1);
  });

  it('ccxt turns -2015 into DDoSProtection once the same instance has authenticated before', async () => {
    await exchange.fetchBalance();
    exchange.apiKey = 'revoked-key';
    await expectCcxtError(exchange.fetchBalance(), ccxt.DDoSProtection, '-2015');
  });

  it('a timestamp ahead of the server or outside recvWindow -> InvalidNonce', async () => {
    const ahead = binanceClient(venue, alice, clock, { skewMs: 1000 });
    await expectCcxtError(ahead.fetchBalance(), ccxt.InvalidNonce, 'ahead of the server');
    const late = binanceClient(venue, alice, clock, { skewMs: -10_001 });
    await expectCcxtError(late.fetchBalance(), ccxt.InvalidNonce, 'outside of the recvWindow');
    // ccxt sends recvWindow=10000 by default: 10 s behind is still inside, 999 ms ahead too.
    await expect(binanceClient(venue, alice, clock, { skewMs: -10_000 }).fetchBalance()).resolves.toBeDefined();
    await expect(binanceClient(venue, alice, clock, { skewMs: 999 }).fetchBalance()).resolves.toBeDefined();
  });
});
