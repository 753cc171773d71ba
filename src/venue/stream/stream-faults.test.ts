import { describe, expect, it } from 'vitest';
import { RandomSource } from '../../clock/random';
import { VIRTUAL_EPOCH_MS, VirtualClock } from '../../clock/virtual-clock';
import type { Credentials } from '../../exchange/contract';
import type { ApiContext } from '../api/context';
import { createVenue } from '../index';
import type { Venue, VenueEvent } from '../types';
import { CONNECTION_LIFETIME_MS, PING_INTERVAL_MS } from './liveness';
import { LISTEN_KEY_VALIDITY_MS } from './listen-key';
import { STREAM_FAULT_KINDS, type StreamFault } from './stream-faults';
import { RecordingSocket, signedSubscribeParams, type SocketAction } from './test-kit';

const T0 = VIRTUAL_EPOCH_MS;
const EVERY_ROUTE = '/ws-api/v3,/ws/*';

function world(options: { recordFrames?: boolean } = {}) {
  const clock = new VirtualClock();
  const venue = createVenue({ clock, random: new RandomSource('stream-faults'), recordFrames: options.recordFrames });
  const alice = venue.control.createAccount('alice');
  const bob = venue.control.createAccount('bob');
  return { clock, venue, alice, bob };
}

/** A WebSocket API connection with `account`'s subscription answered. */
function subscribed(venue: Venue, clock: VirtualClock, ...accounts: Credentials[]): RecordingSocket {
  const socket = RecordingSocket.open(venue.stream.accept, '/ws-api/v3');
  accounts.forEach((credentials, index) => socket.request({ id: index + 1, method: 'userDataStream.subscribe.signature', params: signedSubscribeParams(credentials, clock.now()) }));
  socket.clear();
  return socket;
}

function listenKeyOf(venue: Venue, account: string, credentials: Credentials): string {
  const answer = venue.stream.listenKeys.start({} as ApiContext, {}, { account, secret: credentials.secret, uid: 1 }) as { listenKey: string };
  return answer.listenKey;
}

const faultEvents = (venue: Venue): Array<Extract<VenueEvent, { type: 'fault' }>> => venue.control.events().flatMap((event) => (event.type === 'fault' ? [event] : []));
const lastFault = (venue: Venue) => {
  const { kind, method, path, detail } = faultEvents(venue).at(-1) ?? {};
  return { kind, method, path, detail };
};
/** The `e` of each event frame sent, wrapped (WS API) or raw (listenKey stream); answers show as "answer". */
const eventNames = (socket: RecordingSocket): string[] =>
  socket.frames().map((frame) => {
    const record = frame as { e?: string; event?: { e?: string } };
    return record.event?.e ?? record.e ?? 'answer';
  });
const kinds = (actions: readonly SocketAction[]): string[] => actions.map((action) => action.kind);

describe('injectStreamFault input', () => {
  it('refuses a negative or NaN delayMs, a count below 1 or not whole, a durationMs <= 0, an unknown account, and logs nothing', () => {
    const { venue } = world();
    const refused: StreamFault[] = [
      { kind: 'stream_late', delayMs: -1 },
      { kind: 'stream_late', delayMs: Number.NaN },
      { kind: 'stream_late', delayMs: 10, count: 0 },
      { kind: 'stream_duplicate', count: 0 },
      { kind: 'stream_duplicate', count: 1.5 },
      { kind: 'stream_duplicate', count: Number.NaN },
      { kind: 'stream_refuse', durationMs: 0 },
      { kind: 'stream_refuse', durationMs: -5 },
      { kind: 'stream_refuse', durationMs: Number.POSITIVE_INFINITY },
    ];
    for (const fault of refused) expect(() => venue.nemesis.injectStreamFault('alice', fault), JSON.stringify(fault)).toThrow(RangeError);
    expect(() => venue.nemesis.injectStreamFault('carol', { kind: 'stream_silent' })).toThrow(/no account carol/);
    expect(faultEvents(venue)).toEqual([]);
  });

  it('logs every kind, method WS, even with no connection open (connections 0, every route named)', () => {
    const { venue } = world();
    const faults: StreamFault[] = [
      { kind: 'stream_drop', mode: 'close' },
      { kind: 'stream_duplicate' },
      { kind: 'stream_late', delayMs: 0 },
      { kind: 'stream_silent' },
      { kind: 'stream_expire' },
      { kind: 'stream_refuse', durationMs: 1 },
    ];
    for (const fault of faults) venue.nemesis.injectStreamFault('alice', fault);
    expect(faultEvents(venue).map(({ kind, method, path, detail }) => ({ kind, method, path, connections: detail.connections }))).toEqual(
      STREAM_FAULT_KINDS.map((kind) => ({ kind, method: 'WS', path: EVERY_ROUTE, connections: 0 })),
    );
    expect(faultEvents(venue).map((event) => event.detail)).toEqual([
      { mode: 'close', connections: 0 },
      { count: 1, connections: 0 },
      { delayMs: 0, count: 1, connections: 0 },
      { connections: 0 },
      { subscriptions: 0, listenKeys: 0, connections: 0 },
      { durationMs: 1, until: T0 + 1, connections: 0 },
    ]);
  });
});

describe('stream_drop', () => {
  it("'close' ends each of the account's connections with 1001 going away, both routes, and leaves others' alone", () => {
    const { clock, venue, alice, bob } = world();
    const aliceApi = subscribed(venue, clock, alice);
    const aliceRaw = RecordingSocket.open(venue.stream.accept, `/ws/${listenKeyOf(venue, 'alice', alice)}`);
    const bobApi = subscribed(venue, clock, bob);
    venue.nemesis.injectStreamFault('alice', { kind: 'stream_drop', mode: 'close' });
    expect(aliceApi.actions).toEqual([{ kind: 'close', code: 1001, reason: 'going away' }]);
    expect(aliceRaw.actions).toEqual([{ kind: 'close', code: 1001, reason: 'going away' }]);
    expect(lastFault(venue)).toEqual({ kind: 'stream_drop', method: 'WS', path: EVERY_ROUTE, detail: { mode: 'close', connections: 2 } });
    expect(venue.stream.openConnections()).toBe(1);
    venue.control.deposit('alice', 'BTC', '1');
    venue.control.deposit('bob', 'BTC', '1');
    expect([aliceApi.actions.length, aliceRaw.actions.length]).toEqual([1, 1]);
    expect(eventNames(bobApi)).toEqual(['balanceUpdate', 'outboundAccountPosition']);
  });

  it("'reset' terminates without a close frame; once all are gone no stream timer is left", () => {
    const { clock, venue, alice } = world();
    const api = subscribed(venue, clock, alice);
    venue.nemesis.injectStreamFault('alice', { kind: 'stream_drop', mode: 'reset' });
    expect(api.actions).toEqual([{ kind: 'terminate' }]);
    expect(lastFault(venue)).toEqual({ kind: 'stream_drop', method: 'WS', path: '/ws-api/v3', detail: { mode: 'reset', connections: 1 } });
    expect(venue.stream.openConnections()).toBe(0);
    expect(venue.stream.pendingTimers()).toBe(0);
  });

  it('does not reach a connection without a subscription of the account', () => {
    const { venue } = world();
    const idle = RecordingSocket.open(venue.stream.accept, '/ws-api/v3');
    venue.nemesis.injectStreamFault('alice', { kind: 'stream_drop', mode: 'reset' });
    expect(idle.actions).toEqual([]);
    expect(lastFault(venue).detail).toEqual({ mode: 'reset', connections: 0 });
  });
});

describe('stream_duplicate', () => {
  it('sends the next `count` event frames twice, back to back; answers and later events once', () => {
    const { clock, venue, alice } = world();
    const api = subscribed(venue, clock, alice);
    venue.nemesis.injectStreamFault('alice', { kind: 'stream_duplicate', count: 2 });
    api.request({ id: 'p', method: 'ping' });
    venue.control.deposit('alice', 'BTC', '1');
    venue.control.deposit('alice', 'ETH', '1');
    expect(eventNames(api)).toEqual(['answer', 'balanceUpdate', 'balanceUpdate', 'outboundAccountPosition', 'outboundAccountPosition', 'balanceUpdate', 'outboundAccountPosition']);
    const texts = api.texts();
    expect(texts[1]).toBe(texts[2]);
    expect(lastFault(venue)).toEqual({ kind: 'stream_duplicate', method: 'WS', path: '/ws-api/v3', detail: { count: 2, connections: 1 } });
  });

  it('acts on a listenKey stream too (raw frames)', () => {
    const { venue, alice } = world();
    const raw = RecordingSocket.open(venue.stream.accept, `/ws/${listenKeyOf(venue, 'alice', alice)}`);
    venue.nemesis.injectStreamFault('alice', { kind: 'stream_duplicate' });
    venue.control.deposit('alice', 'BTC', '1');
    expect(eventNames(raw)).toEqual(['balanceUpdate', 'balanceUpdate', 'outboundAccountPosition']);
    expect(lastFault(venue).path).toBe('/ws/*');
  });
});

describe('stream_late', () => {
  it('holds the next `count` event frames delayMs on the venue clock; the frames after them overtake', async () => {
    const { clock, venue, alice } = world();
    const api = subscribed(venue, clock, alice);
    venue.nemesis.injectStreamFault('alice', { kind: 'stream_late', delayMs: 1_000 });
    venue.control.deposit('alice', 'BTC', '1');
    expect(eventNames(api)).toEqual(['outboundAccountPosition']);
    await clock.advance(999);
    expect(eventNames(api)).toEqual(['outboundAccountPosition']);
    await clock.advance(1);
    expect(eventNames(api)).toEqual(['outboundAccountPosition', 'balanceUpdate']);
    // The held frame is the event as it was: stamped with the deposit's time, not the send's.
    expect(api.frames()[1]).toMatchObject({ event: { e: 'balanceUpdate', E: T0, T: T0 } });
    expect(lastFault(venue)).toEqual({ kind: 'stream_late', method: 'WS', path: '/ws-api/v3', detail: { delayMs: 1_000, count: 1, connections: 1 } });
  });

  it('drops a held frame whose connection ended meanwhile', async () => {
    const { clock, venue, alice } = world();
    const api = subscribed(venue, clock, alice);
    venue.nemesis.injectStreamFault('alice', { kind: 'stream_late', delayMs: 1_000, count: 2 });
    venue.control.deposit('alice', 'BTC', '1');
    api.connection?.closed(1000);
    await clock.advance(5_000);
    expect(api.actions).toEqual([]);
    expect(venue.stream.pendingTimers()).toBe(0);
  });
});

describe('stream_silent', () => {
  it('sends nothing more, answers nothing, pings no more and never closes the connection itself; no timer is left', async () => {
    const { clock, venue, alice } = world();
    const api = subscribed(venue, clock, alice);
    const raw = RecordingSocket.open(venue.stream.accept, `/ws/${listenKeyOf(venue, 'alice', alice)}`);
    await clock.advance(PING_INTERVAL_MS);
    api.clear();
    raw.clear();
    venue.nemesis.injectStreamFault('alice', { kind: 'stream_silent' });
    expect(lastFault(venue)).toEqual({ kind: 'stream_silent', method: 'WS', path: EVERY_ROUTE, detail: { connections: 2 } });
    venue.control.deposit('alice', 'BTC', '1');
    api.request({ id: 'p', method: 'ping' });
    // Past the pong deadline, the listenKey's expiry and the 24-hour mark.
    await clock.advance(Math.max(CONNECTION_LIFETIME_MS, LISTEN_KEY_VALIDITY_MS) + PING_INTERVAL_MS);
    expect(kinds(api.actions)).toEqual(['silence']);
    expect(kinds(raw.actions)).toEqual(['silence']);
    expect(venue.stream.openConnections()).toBe(2);
    expect(venue.stream.pendingTimers()).toBe(0);
    // The client closing it is what ends it; a later fault no longer reaches it.
    api.connection?.closed(1006);
    expect(venue.stream.openConnections()).toBe(1);
    venue.nemesis.injectStreamFault('alice', { kind: 'stream_drop', mode: 'reset' });
    expect(kinds(raw.actions)).toEqual(['silence']);
    expect(lastFault(venue).detail).toEqual({ mode: 'reset', connections: 0 });
  });
});

describe('stream_expire', () => {
  it("ends the account's WebSocket API subscriptions with eventStreamTerminated, keeping the connection and others' subscriptions", () => {
    const { clock, venue, alice, bob } = world();
    const api = subscribed(venue, clock, alice, bob);
    venue.nemesis.injectStreamFault('alice', { kind: 'stream_expire' });
    expect(api.texts()).toEqual([`{"subscriptionId":0,"event":{"e":"eventStreamTerminated","E":${T0}}}`]);
    api.clear();
    venue.control.deposit('alice', 'BTC', '1');
    venue.control.deposit('bob', 'BTC', '1');
    expect(api.frames()).toMatchObject([{ subscriptionId: 1, event: { e: 'balanceUpdate' } }, { subscriptionId: 1, event: { e: 'outboundAccountPosition' } }]);
    // The connection is open: alice subscribes again and gets the next id.
    api.request({ id: 9, method: 'userDataStream.subscribe.signature', params: signedSubscribeParams(alice, clock.now()) });
    expect(api.frames().at(-1)).toEqual({ id: 9, status: 200, result: { subscriptionId: 2 } });
    expect(venue.stream.openConnections()).toBe(1);
    expect(lastFault(venue)).toEqual({ kind: 'stream_expire', method: 'WS', path: '/ws-api/v3', detail: { subscriptions: 1, listenKeys: 0, connections: 1 } });
  });

  it("expires each listenKey of the account at once: listenKeyExpired, the stream closed, the key gone", () => {
    const { clock, venue, alice } = world();
    const listenKey = listenKeyOf(venue, 'alice', alice);
    const raw = RecordingSocket.open(venue.stream.accept, `/ws/${listenKey}`);
    venue.nemesis.injectStreamFault('alice', { kind: 'stream_expire' });
    expect(raw.actions).toEqual([
      { kind: 'send', text: JSON.stringify({ e: 'listenKeyExpired', E: clock.now(), listenKey }) },
      { kind: 'close', code: 1000, reason: 'listenKey expired' },
    ]);
    expect(venue.stream.accept(`/ws/${listenKey}`, new RecordingSocket(), '127.0.0.1')).toEqual({ refused: 404 });
    expect(lastFault(venue)).toEqual({ kind: 'stream_expire', method: 'WS', path: '/ws/*', detail: { subscriptions: 0, listenKeys: 1, connections: 1 } });
    // A new POST gives a new key.
    expect(listenKeyOf(venue, 'alice', alice)).not.toBe(listenKey);
  });
});

describe('stream_refuse', () => {
  it('refuses every upgrade with 503 for durationMs of venue time, then accepts again; open connections stay', async () => {
    const { clock, venue, alice } = world();
    const api = subscribed(venue, clock, alice);
    const listenKey = listenKeyOf(venue, 'alice', alice);
    venue.nemesis.injectStreamFault('bob', { kind: 'stream_refuse', durationMs: 10_000 });
    expect(lastFault(venue)).toEqual({ kind: 'stream_refuse', method: 'WS', path: EVERY_ROUTE, detail: { durationMs: 10_000, until: T0 + 10_000, connections: 0 } });
    for (const path of ['/ws-api/v3', `/ws/${listenKey}`, '/nowhere']) expect(venue.stream.accept(path, new RecordingSocket(), '127.0.0.1')).toEqual({ refused: 503 });
    await clock.advance(9_999);
    expect(venue.stream.accept('/ws-api/v3', new RecordingSocket(), '127.0.0.1')).toEqual({ refused: 503 });
    await clock.advance(1);
    expect(RecordingSocket.open(venue.stream.accept, '/ws-api/v3').actions).toEqual([]);
    venue.control.deposit('alice', 'BTC', '1');
    expect(eventNames(api)).toEqual(['balanceUpdate', 'outboundAccountPosition']);
  });
});

describe('frame log', () => {
  it('is empty unless the venue records frames', () => {
    const { clock, venue, alice } = world();
    subscribed(venue, clock, alice);
    venue.control.deposit('alice', 'BTC', '1');
    expect(venue.stream.frames()).toEqual([]);
  });

  it('records opens, refusals, text both ways, pings, pongs and closes, per connection from 1, on the venue clock', async () => {
    const { clock, venue, alice } = world({ recordFrames: true });
    expect(venue.stream.accept('/nowhere', new RecordingSocket(), '127.0.0.1')).toEqual({ refused: 404 });
    const api = RecordingSocket.open(venue.stream.accept, '/ws-api/v3?x=1');
    api.request({ id: 1, method: 'ping' });
    await clock.advance(PING_INTERVAL_MS);
    venue.nemesis.injectStreamFault('alice', { kind: 'stream_refuse', durationMs: 1 });
    expect(venue.stream.accept('/ws-api/v3', new RecordingSocket(), '127.0.0.1')).toEqual({ refused: 503 });
    api.request({ id: 2, method: 'userDataStream.subscribe.signature', params: signedSubscribeParams(alice, clock.now()) });
    venue.nemesis.injectStreamFault('alice', { kind: 'stream_drop', mode: 'close' });
    const T1 = T0 + PING_INTERVAL_MS;
    expect(venue.stream.frames().filter((frame) => !frame.text.includes('subscribe'))).toEqual([
      { at: T0, connection: 1, direction: 'out', kind: 'refused', text: '404' },
      { at: T0, connection: 2, direction: 'in', kind: 'open', text: '/ws-api/v3?x=1' },
      { at: T0, connection: 2, direction: 'in', kind: 'text', text: '{"id":1,"method":"ping"}' },
      { at: T0, connection: 2, direction: 'out', kind: 'text', text: '{"id":1,"status":200,"result":{}}' },
      { at: T1, connection: 2, direction: 'out', kind: 'ping', text: String(T1) },
      { at: T1, connection: 2, direction: 'in', kind: 'pong', text: String(T1) },
      { at: T1, connection: 3, direction: 'out', kind: 'refused', text: '503' },
      { at: T1, connection: 2, direction: 'out', kind: 'text', text: '{"id":2,"status":200,"result":{"subscriptionId":0}}' },
      { at: T1, connection: 2, direction: 'out', kind: 'close', text: '1001 going away' },
      { at: T1, connection: 2, direction: 'in', kind: 'close', text: '1001' },
    ]);
  });
});
