import { NetworkError, RequestTimeout, type Order } from 'ccxt';
import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../clock/virtual-clock';
import { asCcxtAmount } from '../../exchange/binance-client';
import type { BinanceProClient } from '../../exchange/binance-pro-client';
import { watchOrdersStarted } from '../testing/watch-orders-started';
import { ccxtProWorld } from '../testing/ccxt-pro-world';

/**
 * What the real ccxt.pro.binance (4.5.84) sees of each stream fault, in-process on the virtual
 * clock: how a pending `watchOrders` ends, what its caches hold, which raw frames it handles.
 */
async function world() {
  const { clock, venue, exchange } = await ccxtProWorld('stream-faults-ccxt');
  const handled = recordHandledEvents(exchange);
  return { clock, venue, exchange, handled };
}

/** The WebSocket API client ccxt keeps for spot user data. */
function userDataClient(exchange: BinanceProClient) {
  return exchange.client(exchange.urls.api.ws['ws-api'].spot);
}

/**
 * Every user-data event ccxt dispatches, as `e x X i` (executionReport) or `e`. Client.onMessage
 * calls the handler it was built with (Exchange.client binds `handleMessage` then), so this is
 * installed before any client exists.
 */
function recordHandledEvents(exchange: BinanceProClient): string[] {
  const handled: string[] = [];
  const handleMessage = exchange.handleMessage.bind(exchange);
  exchange.handleMessage = (client, message: unknown) => {
    const event = isRecord(message) && isRecord(message.event) ? message.event : undefined;
    if (event !== undefined) handled.push(event.e === 'executionReport' ? [event.e, event.x, event.X, event.i].map(String).join(' ') : String(event.e));
    handleMessage(client, message);
  };
  return handled;
}

/** ccxt.pro's order cache, an ArrayCacheBySymbolById (an Array whose items ccxt types as any). */
function cachedOrders(exchange: BinanceProClient): readonly Order[] {
  const orders: readonly Order[] = exchange.orders ?? [];
  return orders;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

async function rejectionOf(clock: VirtualClock, work: Promise<unknown>, limitMs?: number): Promise<unknown> {
  return clock.run(work, { limitMs }).then(
    () => {
      throw new Error('expected a rejection');
    },
    (error: unknown) => error,
  );
}

const placeLimitBuy = (exchange: BinanceProClient, clientOrderId: string, amount = '0.01') =>
  exchange.createOrder('BTC/USDT', 'limit', 'buy', asCcxtAmount(amount), asCcxtAmount('30000'), { newClientOrderId: clientOrderId });

describe('ccxt.pro.binance under stream faults, in-process', () => {
  it("stream_drop 'close': the pending watchOrders rejects with NetworkError, closing code 1001", async () => {
    const { clock, venue, exchange } = await world();
    const { watch } = await watchOrdersStarted(clock, exchange);
    venue.nemesis.injectStreamFault('alice', { kind: 'stream_drop', mode: 'close' });
    const error = await rejectionOf(clock, watch);
    expect(error).toBeInstanceOf(NetworkError);
    expect(String(error)).toContain('closing code 1001');
    expect(venue.stream.openConnections()).toBe(0);
    await clock.run(exchange.close());
  });

  it("stream_drop 'reset': the pending watchOrders rejects with NetworkError, closing code 1006", async () => {
    const { clock, venue, exchange } = await world();
    const { watch } = await watchOrdersStarted(clock, exchange);
    venue.nemesis.injectStreamFault('alice', { kind: 'stream_drop', mode: 'reset' });
    const error = await rejectionOf(clock, watch);
    expect(error).toBeInstanceOf(NetworkError);
    expect(String(error)).toContain('closing code 1006');
    await clock.run(exchange.close());
  });

  it("stream_silent: the pending watchOrders rejects with RequestTimeout once ccxt's keepAlive misses two pongs (180 s each), and ccxt's close ends the connection", async () => {
    const { clock, venue, exchange } = await world();
    const { watch } = await watchOrdersStarted(clock, exchange);
    const silencedAt = clock.now();
    venue.nemesis.injectStreamFault('alice', { kind: 'stream_silent' });
    await clock.run(placeLimitBuy(exchange, 'lost-1'));
    const error = await rejectionOf(clock, watch, 30 * 60_000);
    expect(error).toBeInstanceOf(RequestTimeout);
    expect(String(error)).toContain('ping-pong keepalive');
    // Client.onPingInterval: the last pong plus keepAlive * maxPingPongMisses must be past, checked every keepAlive.
    const waited = clock.now() - silencedAt;
    expect(waited).toBeGreaterThan(2 * 180_000);
    expect(waited).toBeLessThanOrEqual(4 * 180_000);
    await clock.run(clock.sleep(10));
    expect(venue.stream.openConnections()).toBe(0);
    expect(venue.stream.pendingTimers()).toBe(0);
    await clock.run(exchange.close());
  });

  it('stream_expire: ccxt handles eventStreamTerminated by deleting its spot subscription; the next watch subscribes again on the same connection', async () => {
    const { clock, venue, exchange, handled } = await world();
    const { watch } = await watchOrdersStarted(clock, exchange);
    const client = userDataClient(exchange);
    expect(Object.keys(client.subscriptions)).toContain('spot');
    venue.nemesis.injectStreamFault('alice', { kind: 'stream_expire' });
    await clock.run(clock.sleep(10));
    expect(handled).toEqual(['eventStreamTerminated']);
    expect(Object.keys(client.subscriptions)).not.toContain('spot');
    expect(venue.stream.openConnections()).toBe(1);

    const again = exchange.watchOrders('BTC/USDT');
    await clock.run(clock.sleep(10));
    expect(Object.keys(client.subscriptions)).toContain('spot');
    await clock.run(placeLimitBuy(exchange, 'after-expire'));
    const [orders, earlier] = await clock.run(Promise.all([again, watch]));
    // The watch pending through the expiry is the same future: both resolve with the report.
    for (const seen of [orders, earlier]) expect(seen.map((order) => [order.clientOrderId, order.status])).toEqual([['after-expire', 'open']]);
    expect(userDataClient(exchange)).toBe(client);
    await clock.run(exchange.close());
  });

  it('stream_refuse: a new watch fails to connect (HTTP 503) while it holds and connects once it is over', async () => {
    const { clock, venue, exchange } = await world();
    venue.nemesis.injectStreamFault('alice', { kind: 'stream_refuse', durationMs: 10_000 });
    const { watch: refused } = await watchOrdersStarted(clock, exchange);
    const error = await rejectionOf(clock, refused);
    expect(error).toBeInstanceOf(NetworkError);
    expect(String(error)).toContain('503');

    await clock.run(clock.sleep(10_000));
    const { watch } = await watchOrdersStarted(clock, exchange);
    await clock.run(placeLimitBuy(exchange, 'after-refuse'));
    expect((await clock.run(watch)).map((order) => order.clientOrderId)).toEqual(['after-refuse']);
    await clock.run(exchange.close());
  });

  it('stream_duplicate: ccxt handles the same executionReport twice', async () => {
    const { clock, venue, exchange, handled } = await world();
    const { watch } = await watchOrdersStarted(clock, exchange);
    venue.nemesis.injectStreamFault('alice', { kind: 'stream_duplicate' });
    const placed = await clock.run(placeLimitBuy(exchange, 'twice'));
    await clock.run(watch);
    await clock.run(clock.sleep(10));
    expect(handled).toEqual([`executionReport NEW NEW ${placed.id}`, `executionReport NEW NEW ${placed.id}`, 'outboundAccountPosition']);
    await clock.run(exchange.close());
  });

  it('stream_late: ccxt handles an older executionReport after a newer one, and its cached order goes back from closed to open', async () => {
    const { clock, venue, exchange, handled } = await world();
    const { watch } = await watchOrdersStarted(clock, exchange);
    venue.nemesis.injectStreamFault('alice', { kind: 'stream_late', delayMs: 5_000 });
    const placed = await clock.run(placeLimitBuy(exchange, 'late'));
    // The REST answer is in before the NEW report it reflects.
    expect(handled).toEqual([]);
    venue.control.takeExternal({ symbol: 'BTC/USDT', side: 'sell', quantity: '0.01', limitPrice: '30000' });
    const filled = await clock.run(watch);
    expect(filled.map((order) => order.status)).toEqual(['closed']);
    await clock.run(clock.sleep(5_000 + 10));
    expect(handled.filter((line) => line.startsWith('executionReport'))).toEqual([`executionReport TRADE FILLED ${placed.id}`, `executionReport NEW NEW ${placed.id}`]);
    // ccxt keeps the last report it handled: the order it caches went back to open, unfilled.
    const cached = cachedOrders(exchange).find((order) => order.id === placed.id);
    expect([cached?.status, String(cached?.filled)]).toEqual(['open', '0.00000000']);
    await clock.run(exchange.close());
  });
});
