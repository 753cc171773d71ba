import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RandomSource } from '../../clock/random';
import { VirtualClock } from '../../clock/virtual-clock';
import { createBinanceClient } from '../../exchange/binance-client';
import { ccxt, createLimitOrder, type BinanceClient } from '../testing/ccxt-binance';
import { startLoopbackServer, type LoopbackServer } from '../transport/http-server';
import { createVenue } from '../venue';

/**
 * The same faults over loopback HTTP with ccxt's own fetch. Nobody drives the virtual clock
 * here (real socket I/O cannot let it jump), so these faults take no venue time.
 */
const clock = new VirtualClock();
const venue = createVenue({ clock, random: new RandomSource('loopback-nemesis') });
const alice = venue.control.createAccount('alice');
venue.control.deposit('alice', 'USDT', '100000');
let server: LoopbackServer;
let exchange: BinanceClient;

async function expectCcxtError(action: Promise<unknown>, expected: abstract new (...args: never[]) => Error): Promise<void> {
  const error: unknown = await action.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(expected);
  expect((error as Error).constructor).toBe(expected);
}

const POST_ORDER = { method: 'POST', path: '/api/v3/order' } as const;
const buy = (clientOrderId: string) => createLimitOrder(exchange, 'BTC/USDT', 'buy', '0.01', '30000', { clientOrderId });

beforeAll(async () => {
  server = await startLoopbackServer(venue);
  exchange = createBinanceClient({ environment: 'sim', clock, credentials: alice, baseUrl: server.baseUrl, fetch: undefined });
  await exchange.loadMarkets();
});
afterAll(() => server.close());

describe('faults over loopback HTTP', () => {
  it('a reset connection is a NetworkError and places nothing', async () => {
    venue.nemesis.schedule({ kind: 'connection_reset' }, { matching: POST_ORDER });
    await expectCcxtError(buy('http-reset'), ccxt.NetworkError);
    expect(venue.control.order('alice', 'BTC/USDT', 'http-reset')).toBeUndefined();
  });

  it('a lost response times out in ccxt while the order is placed', async () => {
    venue.nemesis.schedule({ kind: 'response_lost' }, { matching: POST_ORDER });
    const timeout = exchange.timeout;
    exchange.timeout = 300;
    try {
      await expectCcxtError(buy('http-lost'), ccxt.RequestTimeout);
    } finally {
      exchange.timeout = timeout;
    }
    expect(venue.control.order('alice', 'BTC/USDT', 'http-lost')?.status).toBe('NEW');
  });

  it('maintenance and server errors answer as Binance does', async () => {
    venue.nemesis.schedule({ kind: 'maintenance' }, { count: 1 });
    await expectCcxtError(exchange.fetchTime(), ccxt.ExchangeNotAvailable);
    venue.nemesis.schedule({ kind: 'server_error', status: 504 });
    await expectCcxtError(exchange.fetchTime(), ccxt.RequestTimeout);
    venue.nemesis.schedule({ kind: 'rate_limit_storm' }, { count: 1 });
    await expectCcxtError(exchange.fetchTime(), ccxt.DDoSProtection);
    expect(await exchange.fetchTime()).toBe(clock.now());
  });
});
