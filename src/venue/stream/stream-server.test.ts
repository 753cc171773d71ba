import { describe, expect, it } from 'vitest';
import { RandomSource } from '../../clock/random';
import { VIRTUAL_EPOCH_MS, VirtualClock } from '../../clock/virtual-clock';
import type { Credentials } from '../../exchange/contract';
import type { ApiContext } from '../api/context';
import { createVenue } from '../index';
import { signedRequest } from '../testing/signed-request';
import type { Venue } from '../types';
import { CONNECTION_LIFETIME_MS, PING_INTERVAL_MS } from './liveness';
import { RecordingSocket, signedSubscribeParams, type SocketAction } from './test-kit';

const T0 = VIRTUAL_EPOCH_MS;

function world(seed = 'stream-server'): { clock: VirtualClock; venue: Venue; alice: Credentials } {
  const clock = new VirtualClock();
  const venue = createVenue({ clock, random: new RandomSource(seed) });
  const alice = venue.control.createAccount('alice');
  return { clock, venue, alice };
}

const pings = (actions: readonly SocketAction[]): string[] => actions.flatMap((action) => (action.kind === 'ping' ? [action.payload] : []));
const closes = (actions: readonly SocketAction[]): SocketAction[] => actions.filter((action) => action.kind === 'close');

describe('stream server routing', () => {
  it('serves /ws-api/v3 (query ignored) and refuses any other path with 404', () => {
    const { venue } = world();
    const socket = RecordingSocket.open(venue.stream.accept, '/ws-api/v3?returnRateLimits=false');
    socket.request({ id: 1, method: 'ping' });
    expect(socket.texts()).toEqual(['{"id":1,"status":200,"result":{}}']);
    for (const path of ['/ws-api/v1', '/stream?streams=abc', '/ws/', '/api/v3/userDataStream']) {
      expect(venue.stream.accept(path, new RecordingSocket(), '127.0.0.1')).toEqual({ refused: 404 });
    }
  });
});

describe('liveness: ping every 20 s, close after 60 s without a pong, close at 24 h', () => {
  it('pings every 20 s with the send time as payload, and keeps a connection that answers', async () => {
    const { clock, venue } = world();
    const socket = RecordingSocket.open(venue.stream.accept, '/ws-api/v3');
    await clock.advance(PING_INTERVAL_MS - 1);
    expect(pings(socket.actions)).toEqual([]);
    await clock.advance(1);
    await clock.advance(10 * PING_INTERVAL_MS);
    expect(pings(socket.actions)).toEqual(Array.from({ length: 11 }, (_, index) => String(T0 + (index + 1) * PING_INTERVAL_MS)));
    expect(closes(socket.actions)).toEqual([]);
  });

  it('closes a connection whose pongs stop: 60 s after the first unanswered ping', async () => {
    const { clock, venue } = world();
    const socket = RecordingSocket.open(venue.stream.accept, '/ws-api/v3');
    await clock.advance(40_000);
    socket.answerPings = false;
    await clock.advance(80_000 - 1);
    expect(closes(socket.actions)).toEqual([]);
    await clock.advance(1);
    expect(pings(socket.actions)).toEqual(['20000', '40000', '60000', '80000', '100000'].map((offset) => String(T0 + Number(offset))));
    expect(socket.actions.at(-1)).toEqual({ kind: 'close', code: 1008, reason: 'disconnected' });
    expect(venue.stream.openConnections()).toBe(0);
  });

  it('an unsolicited pong does not keep the connection', async () => {
    const { clock, venue } = world();
    const socket = RecordingSocket.open(venue.stream.accept, '/ws-api/v3');
    socket.answerPings = false;
    for (let second = 0; second < 80; second += 10) {
      socket.connection?.pong('');
      await clock.advance(10_000);
    }
    expect(closes(socket.actions)).toEqual([{ kind: 'close', code: 1008, reason: 'disconnected' }]);
  });

  it('closes every connection at the 24-hour mark, pongs or not, and ends its subscriptions', async () => {
    const { clock, venue, alice } = world();
    const socket = RecordingSocket.open(venue.stream.accept, '/ws-api/v3');
    socket.request({ id: 1, method: 'userDataStream.subscribe.signature', params: signedSubscribeParams(alice, clock.now()) });
    await clock.advance(CONNECTION_LIFETIME_MS - 1);
    expect(closes(socket.actions)).toEqual([]);
    await clock.advance(1);
    expect(closes(socket.actions)).toEqual([{ kind: 'close', code: 1008, reason: 'disconnected' }]);
    // The last ping went out 20 s before the mark: none at the mark itself.
    expect(pings(socket.actions).at(-1)).toBe(String(T0 + CONNECTION_LIFETIME_MS - PING_INTERVAL_MS));
    socket.clear();
    venue.control.deposit('alice', 'BTC', '1');
    expect(socket.actions).toEqual([]);
  });

  it('leaves no timer on the clock once every connection is closed', async () => {
    const { clock, venue, alice } = world();
    const api = RecordingSocket.open(venue.stream.accept, '/ws-api/v3');
    const listenKey = (venue.stream.listenKeys.start({} as ApiContext, {}, { account: 'alice', secret: alice.secret, uid: 1 }) as { listenKey: string }).listenKey;
    const raw = RecordingSocket.open(venue.stream.accept, `/ws/${listenKey}`);
    await clock.advance(45_000);
    api.connection?.closed(1000);
    raw.connection?.closed(1000);
    expect(venue.stream.openConnections()).toBe(0);
    expect(venue.stream.pendingTimers()).toBe(0);
    // Clock.sleep cannot be withdrawn: the one sleep armed for the next ping fires and arms nothing.
    await clock.advance(PING_INTERVAL_MS);
    expect(clock.pendingTimers()).toBe(0);
    expect(pings(api.actions)).toEqual([String(T0 + 20_000), String(T0 + 40_000)]);
  });
});

describe('stream determinism', () => {
  /** A fixed script: subscriptions on both paths, trading through REST, pings, an unsubscribe. */
  async function script(seed: string): Promise<string[]> {
    const { clock, venue, alice } = world(seed);
    const bob = venue.control.createAccount('bob');
    venue.control.deposit('alice', 'USDT', '1000');
    venue.control.deposit('bob', 'BTC', '0.1');
    const api = RecordingSocket.open(venue.stream.accept, '/ws-api/v3');
    api.request({ id: 1, method: 'userDataStream.subscribe.signature', params: signedSubscribeParams(alice, clock.now()) });
    const listenKey = (venue.stream.listenKeys.start({} as ApiContext, {}, { account: 'bob', secret: bob.secret, uid: 2 }) as { listenKey: string }).listenKey;
    const raw = RecordingSocket.open(venue.stream.accept, `/ws/${listenKey}`);
    await clock.advance(15_000);
    venue.handle(signedRequest(alice, 'POST', '/api/v3/order', { symbol: 'BTCUSDT', side: 'BUY', type: 'LIMIT', timeInForce: 'GTC', quantity: '0.01', price: '30000', newClientOrderId: 'a' }, clock.now()));
    await clock.advance(15_000);
    venue.handle(signedRequest(bob, 'POST', '/api/v3/order', { symbol: 'BTCUSDT', side: 'SELL', type: 'MARKET', quantity: '0.004', newClientOrderId: 'b' }, clock.now()));
    venue.control.takeExternal({ symbol: 'BTC/USDT', side: 'sell', quantity: '0.006' });
    await clock.advance(30_000);
    api.request({ id: 2, method: 'userDataStream.unsubscribe' });
    await clock.advance(60 * 60_000);
    const render = (actions: readonly SocketAction[]): string[] => actions.map((action) => JSON.stringify(action));
    return [...render(api.actions), '--', ...render(raw.actions)];
  }

  it('gives the same frames in the same order for the same requests on the same clock', async () => {
    const first = await script('determinism');
    const second = await script('determinism');
    expect(second).toEqual(first);
    expect(first.filter((line) => line.includes('executionReport')).length).toBeGreaterThanOrEqual(5);
    expect(first.some((line) => line.includes('listenKeyExpired'))).toBe(true);
  });
});
