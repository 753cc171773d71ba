import { NetworkError } from 'ccxt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { RandomSource } from '../../clock/random';
import { VirtualClock } from '../../clock/virtual-clock';
import { createBinanceProClient, type BinanceProClient } from '../../exchange/binance-pro-client';
import { executionReport, UserDataStub } from '../testing/user-data-stub';
import { createVenue } from '../venue';
import { startLoopbackServer, type LoopbackServer } from './http-server';

/**
 * The real ccxt.pro.binance with its own `ws` sockets over 127.0.0.1. As in the REST loopback
 * test, the venue's VirtualClock is not driven: real socket I/O, timestamps equal to the venue's now.
 */
const clock = new VirtualClock();
const venue = createVenue({ clock, random: new RandomSource('loopback-ws') });
const alice = venue.control.createAccount('alice');
const userData = UserDataStub.on(clock);
let server: LoopbackServer;
let exchange: BinanceProClient;

beforeAll(async () => {
  server = await startLoopbackServer(venue, { acceptWebSocket: userData.accept });
  exchange = await createBinanceProClient({ environment: 'sim', clock, credentials: alice, baseUrl: server.baseUrl, fetch: undefined });
  await exchange.loadMarkets();
});
afterAll(async () => {
  await exchange.close();
  await server.close();
});

/** Resolves with what a raw `ws` client dialing `path` met first: open, or the refused status. */
function dialRaw(baseUrl: string, path: string): Promise<{ status: number; socket: WebSocket }> {
  const socket = new WebSocket(`${baseUrl.replace(/^http/, 'ws')}${path}`);
  return new Promise((resolve, reject) => {
    socket.once('open', () => resolve({ status: 101, socket }));
    socket.once('unexpected-response', (_request, response) => {
      resolve({ status: response.statusCode ?? 0, socket });
      response.resume();
      socket.terminate();
    });
    socket.once('error', reject);
  });
}

describe('ccxt.pro.binance over the loopback WebSocket server', () => {
  it('points the ws-api URL at the loopback server', () => {
    expect(exchange.urls.api.ws['ws-api'].spot).toBe(`${server.baseUrl.replace(/^http/, 'ws')}/ws-api/v3`);
    expect(JSON.stringify(exchange.urls.api)).not.toMatch(/binance\.(com|vision)/);
  });

  it('subscribes with a signed request and resolves watchOrders with the parsed executionReport', async () => {
    await exchange.authenticate();
    // The watch's future exists before any frame can arrive: arrivals are I/O, the watch's setup microtasks.
    const watching = exchange.watchOrders('BTC/USDT');
    userData.push(executionReport({ i: 11, c: 'loop-1', X: 'CANCELED', x: 'CANCELED', C: 'loop-0' }));
    const orders = await watching;
    expect(orders.map((order) => [order.id, order.clientOrderId, order.status, order.filled, order.price])).toEqual([['11', 'loop-0', 'canceled', '0.00000000', '42000.00000000']]);
    expect(userData.requests[0]).toMatchObject({ method: 'userDataStream.subscribe.signature', params: { apiKey: alice.apiKey, timestamp: clock.now() } });
    expect(userData.trace[0]?.what).toBe('accepted /ws-api/v3 from 127.0.0.1');
  });

  it("carries the venue's pings to the client and its pongs back", async () => {
    userData.latest().ping('heartbeat');
    await userData.saw('pong heartbeat');
  });

  it('rejects a pending watch with a NetworkError when the venue drops the connection, and reconnects', async () => {
    const pending = exchange.watchOrders('BTC/USDT');
    userData.latest().terminate();
    const error: unknown = await pending.catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(NetworkError);
    expect(String(error)).toContain('closing code 1006');
    await userData.saw('closed 1006');

    await exchange.authenticate();
    const again = exchange.watchOrders('BTC/USDT');
    userData.push(executionReport({ i: 12 }));
    expect((await again).map((order) => order.id)).toEqual(['12']);
    expect(userData.requests.map((request) => request.method)).toEqual(['userDataStream.subscribe.signature', 'userDataStream.subscribe.signature']);
  });

  it('refuses an upgrade the venue refuses with its HTTP status (404), before any 101', async () => {
    const { status } = await dialRaw(server.baseUrl, '/ws/unknown-listen-key');
    expect(status).toBe(404);
    await userData.saw('refused /ws/unknown-listen-key');
  });

  it('still answers a plain request on the same port', async () => {
    const response = await fetch(`${server.baseUrl}/api/v3/ping`);
    expect([response.status, await response.json()]).toEqual([200, {}]);
  });
});

describe('the loopback WebSocket server, closing', () => {
  it('ends open connections as resets when the server closes, and the venue hears it', async () => {
    const stub = UserDataStub.on(clock);
    const own = await startLoopbackServer(venue, { acceptWebSocket: stub.accept });
    const { status, socket } = await dialRaw(own.baseUrl, '/ws-api/v3');
    expect(status).toBe(101);
    const clientSaw = new Promise<number>((resolve) => socket.once('close', resolve));
    await own.close();
    expect(await clientSaw).toBe(1006);
    await stub.saw('closed 1006');
  });
});

describe('the loopback WebSocket server, silencing', () => {
  it("answers a client's pings until the venue silences the connection, then carries nothing either way", async () => {
    const stub = UserDataStub.on(clock);
    const own = await startLoopbackServer(venue, { acceptWebSocket: stub.accept });
    const pingedBack = (socket: WebSocket, payload: string): Promise<void> =>
      new Promise((resolve) => {
        socket.once('pong', () => resolve());
        socket.ping(payload);
      });
    const { socket } = await dialRaw(own.baseUrl, '/ws-api/v3');
    const clientSaw: string[] = [];
    socket.on('pong', (data: Buffer) => clientSaw.push(`pong ${data.toString()}`));
    socket.on('message', (data: Buffer) => clientSaw.push(`message ${data.toString()}`));
    socket.on('ping', (data: Buffer) => clientSaw.push(`ping ${data.toString()}`));
    await pingedBack(socket, 'before');
    const venueSide = stub.latest();
    venueSide.silence();
    socket.ping('after');
    socket.send(JSON.stringify({ id: 'lost', method: 'userDataStream.subscribe.signature', params: {} }));
    venueSide.send('lost');
    venueSide.ping('lost');
    // A connection not silenced is the yardstick: its pong has made the same trip both ways.
    const { socket: yardstick } = await dialRaw(own.baseUrl, '/ws-api/v3');
    await pingedBack(yardstick, 'yardstick');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(clientSaw).toEqual(['pong before']);
    expect(stub.requests).toEqual([]);
    expect(stub.trace.map((entry) => entry.what).filter((what) => what.startsWith('pong'))).toEqual([]);
    expect(socket.readyState).toBe(WebSocket.OPEN);
    await own.close();
  });
});
