import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RandomSource } from '../../clock/random';
import { VirtualClock } from '../../clock/virtual-clock';
import { createBinanceClient } from '../../exchange/binance-client';
import type { Credentials } from '../../exchange/contract';
import { ccxt, createLimitOrder, type BinanceClient } from '../testing/ccxt-binance';
import { createVenue } from '../venue';
import { startLoopbackServer, type LoopbackServer } from './http-server';

/**
 * The real ccxt.binance over loopback HTTP, with ccxt's own fetch (no fetchImplementation). The
 * venue runs on a VirtualClock that nobody advances with `run`: real socket I/O then cannot let
 * virtual time jump, and every timestamp ccxt signs equals the venue's "now".
 */
const clock = new VirtualClock();
const venue = createVenue({ clock, random: new RandomSource('loopback-ccxt') });
const alice = venue.control.createAccount('alice');
venue.control.deposit('alice', 'USDT', '100000');
venue.control.deposit('alice', 'BTC', '2');
let server: LoopbackServer;
let exchange: BinanceClient;

function loopbackClient(credentials: Credentials, skewMs = 0): BinanceClient {
  const skewed = { now: () => clock.now() + skewMs, sleep: (ms: number) => clock.sleep(ms) };
  return createBinanceClient({ environment: 'sim', clock: skewed, credentials, baseUrl: server.baseUrl, fetch: undefined });
}

/** Asserts the exact ccxt class (not a subclass: OrderNotFound extends InvalidOrder). */
async function expectCcxtError(action: Promise<unknown>, expected: abstract new (...args: never[]) => Error): Promise<void> {
  const error: unknown = await action.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(expected);
  expect((error as Error).constructor).toBe(expected);
}

beforeAll(async () => {
  server = await startLoopbackServer(venue);
  exchange = loopbackClient(alice);
  // ccxt's own network stack, not an injected transport: this is what a team outside tradeprop gets.
  expect(exchange.fetchImplementation).toBeUndefined();
  await exchange.loadMarkets();
});
afterAll(() => server.close());

describe('ccxt.binance over loopback HTTP', () => {
  it('sends every URL of urls.api to the loopback server', () => {
    const urls = JSON.stringify(exchange.urls.api);
    expect(urls).not.toMatch(/binance\.(com|vision)/);
    expect(exchange.urls.api).toMatchObject({ public: `${server.baseUrl}/api/v3`, private: `${server.baseUrl}/api/v3` });
  });

  it('loads the markets with their filters', () => {
    expect(Object.keys(exchange.markets ?? {}).sort()).toEqual(['BTC/USDT', 'ETH/BTC', 'ETH/USDT']);
    const market = exchange.market('BTC/USDT');
    expect([market.id, market.base, market.quote, market.spot, market.active]).toEqual(['BTCUSDT', 'BTC', 'USDT', true, true]);
    expect(market.precision).toEqual({ amount: '0.00001000', price: '0.01000000', base: '0.00000001', quote: '0.00000001' });
    expect(market.limits.cost).toEqual({ min: '5.00000000', max: '9000000.00000000' });
  });

  it('reads the balance and the venue clock', async () => {
    const balance = await exchange.fetchBalance();
    expect(balance['USDT']).toEqual({ free: '100000.00000000', used: '0.00000000', total: '100000' });
    expect(balance['BTC']).toEqual({ free: '2.00000000', used: '0.00000000', total: '2' });
    expect(await exchange.fetchTime()).toBe(clock.now());
  });

  it('places, partially fills, reads, trades and cancels a limit order', async () => {
    const placed = await createLimitOrder(exchange, 'BTC/USDT', 'buy', '0.00123', '30000.12', { clientOrderId: 'loop-1' });
    expect([placed.id, placed.clientOrderId, placed.timestamp]).toEqual(['1', 'loop-1', clock.now()]);
    expect([placed.symbol, placed.type, placed.side, placed.timeInForce, placed.status]).toEqual(['BTC/USDT', 'limit', 'buy', 'GTC', 'open']);
    expect([placed.price, placed.amount, placed.filled, placed.remaining]).toEqual(['30000.12000000', '0.00123000', '0.00000000', '0.00123']);

    venue.control.takeExternal({ symbol: 'BTC/USDT', side: 'sell', quantity: '0.0005' });
    const partial = await exchange.fetchOrder('1', 'BTC/USDT');
    expect([partial.id, partial.clientOrderId, partial.status, partial.filled, partial.remaining, partial.cost, partial.average]).toEqual([
      '1',
      'loop-1',
      'open',
      '0.00050000',
      '0.00073',
      '15.00006000',
      '30000.12',
    ]);

    const [trade] = await exchange.fetchMyTrades('BTC/USDT');
    expect([trade?.id, trade?.order, trade?.symbol, trade?.side, trade?.takerOrMaker, trade?.price, trade?.amount, trade?.cost]).toEqual([
      '1',
      '1',
      'BTC/USDT',
      'buy',
      'maker',
      '30000.12000000',
      '0.00050000',
      '15.00006000',
    ]);
    expect(trade?.fee).toEqual({ currency: 'BTC', cost: '0.00000050' });

    const canceled = await exchange.cancelOrder('1', 'BTC/USDT');
    expect([canceled.id, canceled.status, canceled.filled, canceled.remaining]).toEqual(['1', 'canceled', '0.00050000', '0.00073']);
    const balance = await exchange.fetchBalance();
    expect(balance['USDT']?.used).toBe('0.00000000');
    expect(balance['BTC']?.free).toBe('2.00049950');
  });

  /**
   * ccxt applies its spot-only error map (`exceptions.spot`) only to URLs starting with
   * https://api.binance.com/ (binance.js getExceptionsByUrl); over loopback only the generic map
   * applies. For the codes the venue answers, the classes agree except -1131.
   */
  it.each([
    ['-1022 bad signature', () => loopbackClient({ apiKey: alice.apiKey, secret: 'x'.repeat(64) }).fetchBalance(), ccxt.AuthenticationError],
    ['-2015 unknown API key', () => loopbackClient({ apiKey: 'k'.repeat(64), secret: 'x' }).fetchBalance(), ccxt.AuthenticationError],
    ['-1021 timestamp outside recvWindow', () => loopbackClient(alice, -20_000).fetchBalance(), ccxt.InvalidNonce],
    ['-2013 unknown order', () => exchange.fetchOrder('999', 'BTC/USDT'), ccxt.OrderNotFound],
    ['-2011 cancel of an unknown order', () => exchange.cancelOrder('999', 'BTC/USDT'), ccxt.OrderNotFound],
    ['-2010 insufficient balance', () => createLimitOrder(exchange, 'BTC/USDT', 'buy', '10', '30000'), ccxt.InsufficientFunds],
    ['-1013 NOTIONAL filter', () => createLimitOrder(exchange, 'BTC/USDT', 'buy', '0.0001', '20000'), ccxt.BadRequest],
    // Binance's HTML 404 for a route it does not serve: ccxt raises by the status (httpExceptions['404']).
    ['404 for an unknown route', () => exchange.publicGetExecutionRules({ symbol: 'BTCUSDT' }), ccxt.ExchangeNotAvailable],
  ])('maps %s to the class the note predicts', async (_case, action, expected) => {
    await expectCcxtError(action(), expected);
  });

  it('maps -1131 (recvWindow too large) to ExchangeError over loopback, BadRequest only on api.binance.com URLs', async () => {
    const client = loopbackClient(alice);
    client.options['recvWindow'] = 70_000;
    await expectCcxtError(client.fetchBalance(), ccxt.ExchangeError);
  });
});
