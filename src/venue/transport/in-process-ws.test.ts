import { NetworkError, type Order } from 'ccxt';
import { describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import { RandomSource } from '../../clock/random';
import { VIRTUAL_EPOCH_MS, VirtualClock } from '../../clock/virtual-clock';
import { TransportRefusedError } from '../../domain/errors';
import { createBinanceProClient } from '../../exchange/binance-pro-client';
import type { AcceptConnection, VenueSocket } from '../stream/socket';
import { executionReport, UserDataStub } from '../testing/user-data-stub';
import { createVenue } from '../venue';
import { BINANCE_ORIGIN } from './in-process';
import { InProcessWebSocket } from './in-process-socket';
import { BINANCE_WS_ORIGIN, createInProcessWebSocket } from './in-process-ws';

const WS_API = `${BINANCE_WS_ORIGIN}/ws-api/v3`;

/** The real ccxt.pro.binance on a fresh venue (REST: markets) and a user-data stub (WebSocket), one virtual clock. */
async function world(latencyMs?: number) {
  const clock = new VirtualClock();
  const venue = createVenue({ clock, random: new RandomSource('in-process-ws') });
  const credentials = venue.control.createAccount('alice');
  const userData = UserDataStub.on(clock);
  const exchange = await createBinanceProClient({
    environment: 'sim',
    clock,
    credentials,
    baseUrl: BINANCE_ORIGIN,
    fetch: venue.fetch,
    webSocket: createInProcessWebSocket(userData.accept, { clock, latencyMs }),
  });
  await clock.run(exchange.loadMarkets());
  return { clock, exchange, userData, credentials };
}

async function rejection(work: Promise<unknown>): Promise<unknown> {
  return work.then(
    () => {
      throw new Error('expected a rejection');
    },
    (error: unknown) => error,
  );
}

function orderFields(order: Order) {
  return { id: order.id, clientOrderId: order.clientOrderId, status: order.status, filled: order.filled, price: order.price };
}

describe('ccxt.pro.binance over the in-process WebSocket transport', () => {
  it('subscribes to user data with a signed request and resolves watchOrders with the parsed executionReport', async () => {
    const { clock, exchange, userData, credentials } = await world();
    const calledAt = clock.now();
    const watching = exchange.watchOrders('BTC/USDT');
    await clock.run(userData.subscribed());
    // Sent right behind the subscription's answer: ccxt has re-armed its watch when it arrives.
    userData.push(executionReport({ i: 7, c: 'alice-1', X: 'PARTIALLY_FILLED', x: 'TRADE', l: '0.00400000', z: '0.00400000', L: '42000.00000000', t: 3 }));
    const orders = await clock.run(watching);

    // ccxt's strings as parsed (exchange.number = String): the wire's decimals, unnormalised.
    expect(orders.map(orderFields)).toEqual([{ id: '7', clientOrderId: 'alice-1', status: 'open', filled: '0.00400000', price: '42000.00000000' }]);
    expect(userData.requests).toHaveLength(1);
    const [subscribe] = userData.requests;
    expect(subscribe?.method).toBe('userDataStream.subscribe.signature');
    // Signed on the injected clock when the watch began (it arrives 3 ms later: upgrade, answer, request).
    expect(subscribe?.params).toMatchObject({ apiKey: credentials.apiKey, timestamp: calledAt, signature: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(userData.trace.map((entry) => entry.what)).toEqual(['accepted /ws-api/v3 from 127.0.0.1', 'request userDataStream.subscribe.signature', 'push executionReport']);
    await clock.run(exchange.close());
  });

  it('resolves watchBalance with an outboundAccountPosition', async () => {
    const { clock, exchange, userData } = await world();
    const watching = exchange.watchBalance();
    await clock.run(userData.subscribed());
    userData.push({ e: 'outboundAccountPosition', E: 1_704_067_200_200, u: 1_704_067_200_199, B: [{ a: 'USDT', f: '99580.00000000', l: '420.00000000' }] });
    const balance = await clock.run(watching);
    expect(balance.USDT).toEqual({ free: '99580.00000000', used: '420.00000000', total: '100000' });
    await clock.run(exchange.close());
  });

  it.each([
    ['an abrupt drop (terminate)', (userData: UserDataStub) => userData.latest().terminate(), 1006],
    ['a clean close', (userData: UserDataStub) => userData.latest().close(1001, 'going away'), 1001],
  ])('rejects a pending watch with a NetworkError on %s, and the next watch reconnects', async (_name, end, code) => {
    const { clock, exchange, userData } = await world();
    await clock.run(exchange.authenticate());
    const pending = exchange.watchOrders('BTC/USDT');
    end(userData);
    const error = await clock.run(rejection(pending));
    expect(error).toBeInstanceOf(NetworkError);
    expect((error as Error).message).toContain(`closing code ${code}`);
    expect(exchange.clients[WS_API]).toBeUndefined();

    const again = exchange.watchOrders('BTC/USDT');
    await clock.run(userData.subscribed(2));
    userData.push(executionReport({ i: 8, c: 'alice-2' }));
    const orders = await clock.run(again);
    expect(orders.map((order) => order.id)).toEqual(['8']);
    expect(userData.requests.map((request) => request.method)).toEqual(['userDataStream.subscribe.signature', 'userDataStream.subscribe.signature']);
    expect(userData.trace.filter((entry) => entry.what.startsWith('closed')).map((entry) => entry.what)).toEqual([`closed ${code}`]);
    await clock.run(exchange.close());
    expect(userData.trace.at(-1)?.what).toBe('closed 1005');
  });

  it('replays the same script identically: results, frames and virtual times', async () => {
    async function script() {
      const { clock, exchange, userData } = await world(3);
      const seen: unknown[] = [];
      await clock.run(exchange.authenticate());
      const first = exchange.watchOrders('BTC/USDT');
      userData.push(executionReport({ i: 1, c: 'a' }));
      seen.push((await clock.run(first)).map(orderFields), clock.now());
      const dropped = exchange.watchBalance();
      userData.latest().terminate();
      seen.push(String(await clock.run(rejection(dropped))), clock.now());
      const second = exchange.watchOrders('BTC/USDT');
      await clock.run(userData.subscribed(2));
      userData.push(executionReport({ i: 2, c: 'b', X: 'FILLED', x: 'TRADE', l: '0.01', z: '0.01', L: '41999.99', t: 9 }));
      seen.push((await clock.run(second)).map(orderFields), clock.now());
      await clock.run(exchange.close());
      return { seen, trace: userData.trace, requests: userData.requests, endedAt: clock.now() };
    }
    const [one, two] = [await script(), await script()];
    expect(two).toEqual(one);
    expect(one.seen).toContainEqual([{ id: '2', clientOrderId: 'b', status: 'closed', filled: '0.01', price: '42000.00000000' }]);
    expect(one.trace.map((entry) => entry.what)).toEqual([
      'accepted /ws-api/v3 from 127.0.0.1',
      'request userDataStream.subscribe.signature',
      'push executionReport',
      'closed 1006',
      'accepted /ws-api/v3 from 127.0.0.1',
      'request userDataStream.subscribe.signature',
      'push executionReport',
      'closed 1005',
    ]);
  });

  it('keeps the connection alive on virtual time: keepAlive pings are answered, nothing times out', async () => {
    const { clock, exchange, userData } = await world();
    await clock.run(exchange.authenticate());
    const client = exchange.clients[WS_API];
    const pending = exchange.watchOrders('BTC/USDT');
    const startedAt = clock.now();
    // ccxt pro binance: streaming.keepAlive 180 s, RequestTimeout after 2 intervals without a pong.
    await clock.advance(10 * 60_000);
    // The interval started at open, 2 ms (the answer to the subscription, its request) before
    // authenticate resolved; each pong is back 2 ms after its ping: the third one's is the last.
    expect(client?.lastPong).toBe(startedAt + 3 * 180_000);
    userData.push(executionReport({ i: 3 }));
    expect((await clock.run(pending)).map((order) => order.id)).toEqual(['3']);
    await clock.run(exchange.close());
  });

  it("waits out ccxt's reconnect backoff on the clock", async () => {
    const { clock, exchange, userData } = await world();
    // The stub serves /ws-api/v3 only: market streams (/ws/...) are refused, each dial fails at once.
    const failures = () => userData.trace.filter((entry) => entry.what.startsWith('refused /ws/'));
    await clock.run(rejection(exchange.watchTicker('BTC/USDT')));
    const redialAt = clock.now();
    await clock.run(rejection(exchange.watchTicker('BTC/USDT')));
    // Exchange.calculateWsBackoffDelay: the second dial within 30 s waits 1 s, jittered by now % 1000.
    const backoffMs = Math.trunc(1000 * (0.8 + (redialAt % 1000) / 2500));
    // The refusal reaches the venue with the upgrade, 1 ms after the dial.
    expect(failures().map((entry) => entry.at - redialAt)).toEqual([-1, backoffMs + 1]);
  });

  it.each(['wss://ws-api.binance.com:443/ws-api/v3', 'ws://api.binance.com/ws-api/v3', 'wss://user:pass@api.binance.com/ws-api/v3', 'wss://127.0.0.2/ws-api/v3'])(
    'refuses %s with TransportRefusedError before any connection',
    async (url) => {
      const { clock, exchange, userData } = await world();
      exchange.urls.api.ws['ws-api'].spot = url;
      const error = await clock.run(rejection(exchange.watchOrders('BTC/USDT')));
      expect(error).toBeInstanceOf(TransportRefusedError);
      expect(Object.keys(exchange.clients)).toEqual([]);
      expect(userData.trace).toEqual([]);
    },
  );

  it('leaves no real timer behind', async () => {
    // Other files share this worker (isolate: false) and their timers may end meanwhile: none may be
    // added. The virtual clock's own short real timer (src/clock, for ccxt's real sleep(0) in close)
    // ends before `run` returns; ccxt's keepAlive interval must never be armed at all.
    const realTimers = () => process.getActiveResourcesInfo().filter((resource) => resource === 'Timeout').length;
    const before = realTimers();
    const intervals = vi.spyOn(globalThis, 'setInterval');
    const { clock, exchange, userData } = await world();
    const watching = exchange.watchOrders('BTC/USDT');
    await clock.run(userData.subscribed());
    userData.push(executionReport());
    await clock.run(watching);
    await clock.advance(60 * 60_000);
    userData.latest().close(1000, 'bye');
    await clock.advance(10);
    await clock.run(exchange.close());
    expect(intervals).not.toHaveBeenCalled();
    intervals.mockRestore();
    expect(realTimers()).toBeLessThanOrEqual(before);
  });
});

describe('an in-process WebSocket, as a ws client sees it', () => {
  function dial(path: string, accept: AcceptConnection) {
    const clock = new VirtualClock();
    const socket = new InProcessWebSocket({ accept, clock, latencyMs: 5, path, remoteAddress: '127.0.0.1' });
    const seen: string[] = [];
    socket.on('open', () => seen.push(`${clock.now() - VIRTUAL_EPOCH_MS} open`));
    socket.on('message', (data: Buffer) => seen.push(`${clock.now() - VIRTUAL_EPOCH_MS} message ${data.toString()}`));
    socket.on('ping', (data: Buffer) => seen.push(`${clock.now() - VIRTUAL_EPOCH_MS} ping ${data.toString()}`));
    socket.on('error', (error: Error) => seen.push(`${clock.now() - VIRTUAL_EPOCH_MS} error ${error.message}`));
    socket.on('close', (code: number, reason: Buffer) => seen.push(`${clock.now() - VIRTUAL_EPOCH_MS} close ${code} ${reason.toString()}`));
    return { clock, socket, seen };
  }

  it('reports a refused upgrade as ws does: an error with the status, then close 1006', async () => {
    const { clock, seen } = dial('/nowhere', () => ({ refused: 404 }));
    await clock.advance(100);
    expect(seen).toEqual(['10 error Unexpected server response: 404', '10 close 1006 ']);
  });

  it('opens before what the venue sends while accepting, answers its pings, and hears its close after the echo', async () => {
    const venueSaw: string[] = [];
    let venueSocket: VenueSocket | undefined;
    const { clock, socket, seen } = dial('/ws-api/v3', (_path, venue) => {
      venueSocket = venue;
      venue.send('hello');
      venue.ping('p1');
      return { message: (text) => venueSaw.push(`${clock.now() - VIRTUAL_EPOCH_MS} message ${text}`), pong: (payload) => venueSaw.push(`${clock.now() - VIRTUAL_EPOCH_MS} pong ${payload}`), closed: (code) => venueSaw.push(`${clock.now() - VIRTUAL_EPOCH_MS} closed ${code}`) };
    });
    await clock.advance(10);
    expect(socket.readyState).toBe(WebSocket.OPEN);
    socket.send('{"id":"1"}');
    venueSocket?.close(1000, 'bye');
    venueSocket?.send('dropped: sent after close');
    await clock.advance(100);
    expect(seen).toEqual(['10 open', '10 message hello', '10 ping p1', '15 close 1000 bye']);
    // The venue hears the end when the client's echo of its close frame arrives.
    expect(venueSaw).toEqual(['15 pong p1', '15 message {"id":"1"}', '20 closed 1000']);
    expect(socket.readyState).toBe(WebSocket.CLOSED);
  });

  it("once silenced carries nothing either way and leaves the client's pings unanswered; the client's close then ends with 1006, and the venue hears it", async () => {
    const venueSaw: string[] = [];
    let venueSocket: VenueSocket | undefined;
    const { clock, socket, seen } = dial('/ws-api/v3', (_path, venue) => {
      venueSocket = venue;
      return { message: (text) => venueSaw.push(`${clock.now() - VIRTUAL_EPOCH_MS} message ${text}`), pong: (payload) => venueSaw.push(`${clock.now() - VIRTUAL_EPOCH_MS} pong ${payload}`), closed: (code) => venueSaw.push(`${clock.now() - VIRTUAL_EPOCH_MS} closed ${code}`) };
    });
    socket.on('pong', (data: Buffer) => seen.push(`${clock.now() - VIRTUAL_EPOCH_MS} pong ${data.toString()}`));
    await clock.advance(10);
    socket.ping('before');
    await clock.advance(10);
    venueSocket?.silence();
    socket.ping('after');
    socket.send('{"id":"lost"}');
    socket.pong('lost');
    venueSocket?.send('lost');
    venueSocket?.ping('lost');
    venueSocket?.close(1000, 'lost');
    await clock.advance(100);
    expect(socket.readyState).toBe(WebSocket.OPEN);
    socket.close(1000, 'bye');
    await clock.advance(100);
    // Closed at 120: the close frame reaches the silent end at 125, no echo comes, 1006 at 130.
    expect(seen).toEqual(['10 open', '20 pong before', '130 close 1006 ']);
    expect(venueSaw).toEqual(['125 closed 1006']);
  });
});

