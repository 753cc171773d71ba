import { beforeEach, describe, expect, it } from 'vitest';
import { RandomSource } from '../../clock/random';
import { VIRTUAL_EPOCH_MS, VirtualClock } from '../../clock/virtual-clock';
import type { Credentials } from '../../exchange/contract';
import { signatureOf } from '../api/signature';
import { createVenue } from '../index';
import type { Venue } from '../types';
import { RecordingSocket, signedSubscribeParams } from './test-kit';
import { wsSignaturePayload } from './ws-api-signature';

let clock: VirtualClock;
let venue: Venue;
let alice: Credentials;
let socket: RecordingSocket;

const T0 = VIRTUAL_EPOCH_MS;

beforeEach(() => {
  clock = new VirtualClock();
  venue = createVenue({ clock, random: new RandomSource('ws-api-session') });
  alice = venue.control.createAccount('alice');
  socket = RecordingSocket.open(venue.stream.accept, '/ws-api/v3');
});

function subscribe(id: number | string, params: Record<string, unknown>): void {
  socket.request({ id, method: 'userDataStream.subscribe.signature', params });
}

describe('WebSocket API: userDataStream.subscribe.signature', () => {
  it('answers with a subscriptionId, then pushes the account events wrapped with it', () => {
    subscribe('sub-1', signedSubscribeParams(alice, clock.now()));
    venue.control.deposit('alice', 'ETH', '2');
    expect(socket.texts()).toEqual([
      '{"id":"sub-1","status":200,"result":{"subscriptionId":0}}',
      `{"subscriptionId":0,"event":{"e":"balanceUpdate","E":${T0},"a":"ETH","d":"2.00000000","T":${T0}}}`,
      `{"subscriptionId":0,"event":{"e":"outboundAccountPosition","E":${T0},"u":${T0},"B":[{"a":"ETH","f":"2.00000000","l":"0.00000000"}]}}`,
    ]);
  });

  it('verifies an HMAC over the params sorted by name, in either case, with the timestamp as a string or a number', () => {
    const params = { timestamp: String(clock.now()), apiKey: alice.apiKey };
    const signature = signatureOf(alice.secret, `apiKey=${alice.apiKey}&timestamp=${clock.now()}`).toUpperCase();
    expect(wsSignaturePayload({ ...params, signature })).toBe(`apiKey=${alice.apiKey}&timestamp=${clock.now()}`);
    subscribe(7, { ...params, signature });
    expect(socket.frames()).toEqual([{ id: 7, status: 200, result: { subscriptionId: 0 } }]);
  });

  it('refuses a bad signature (-1022), an unknown key (-2015), a missing key (-1102) and extra params (-1104)', () => {
    const good = signedSubscribeParams(alice, clock.now());
    subscribe(1, { ...good, recvWindow: 9999 });
    subscribe(2, { ...good, apiKey: 'not-a-key-the-venue-issued' });
    const { apiKey: _apiKey, ...withoutKey } = good;
    subscribe(3, withoutKey);
    subscribe(4, { ...good, symbol: 'BTCUSDT' });
    expect(socket.texts()).toEqual([
      '{"id":1,"status":400,"error":{"code":-1022,"msg":"Signature for this request is not valid."}}',
      '{"id":2,"status":401,"error":{"code":-2015,"msg":"Invalid API-key, IP, or permissions for action."}}',
      `{"id":3,"status":400,"error":{"code":-1102,"msg":"Mandatory parameter 'apiKey' was not sent, was empty/null, or malformed."}}`,
      `{"id":4,"status":400,"error":{"code":-1104,"msg":"Not all sent parameters were read; read '4' parameter(s) but was sent '5'."}}`,
    ]);
  });

  it('applies the recvWindow rule on the venue clock: stale (-1021), ahead by 1 s (-1021), recvWindow above 60000 (-1131)', async () => {
    const signedAt = clock.now();
    await clock.advance(10_001);
    subscribe(1, signedSubscribeParams(alice, signedAt));
    subscribe(2, signedSubscribeParams(alice, clock.now() + 1000));
    subscribe(3, signedSubscribeParams(alice, clock.now(), 60_001));
    subscribe(4, signedSubscribeParams(alice, clock.now() - 10_000));
    expect(socket.frames()).toEqual([
      { id: 1, status: 400, error: { code: -1021, msg: 'Timestamp for this request is outside of the recvWindow.' } },
      { id: 2, status: 400, error: { code: -1021, msg: "Timestamp for this request was 1000ms ahead of the server's time." } },
      { id: 3, status: 400, error: { code: -1131, msg: 'recvWindow must be less than 60000' } },
      { id: 4, status: 200, result: { subscriptionId: 0 } },
    ]);
  });

  it('allows one subscription per account on a connection (-2035) and numbers subscriptions from 0', () => {
    const bob = venue.control.createAccount('bob');
    subscribe(1, signedSubscribeParams(alice, clock.now()));
    subscribe(2, signedSubscribeParams(alice, clock.now()));
    subscribe(3, signedSubscribeParams(bob, clock.now()));
    socket.request({ id: 4, method: 'session.subscriptions' });
    expect(socket.frames()).toEqual([
      { id: 1, status: 200, result: { subscriptionId: 0 } },
      { id: 2, status: 400, error: { code: -2035, msg: 'User Data Stream subscription already active.' } },
      { id: 3, status: 200, result: { subscriptionId: 1 } },
      { id: 4, status: 200, result: [{ subscriptionId: 0 }, { subscriptionId: 1 }] },
    ]);
  });
});

describe('WebSocket API: userDataStream.unsubscribe', () => {
  it('ends the subscription with eventStreamTerminated, answers {}, and pushes nothing more', async () => {
    subscribe(1, signedSubscribeParams(alice, clock.now()));
    await clock.advance(5000);
    socket.request({ id: 2, method: 'userDataStream.unsubscribe', params: { subscriptionId: 0 } });
    venue.control.deposit('alice', 'ETH', '2');
    socket.request({ id: 3, method: 'userDataStream.unsubscribe' });
    expect(socket.texts().slice(1)).toEqual([
      `{"subscriptionId":0,"event":{"e":"eventStreamTerminated","E":${T0 + 5000}}}`,
      '{"id":2,"status":200,"result":{}}',
      '{"id":3,"status":400,"error":{"code":-2036,"msg":"User Data Stream subscription not active."}}',
    ]);
  });

  it('without a subscriptionId ends every subscription of the session', () => {
    const bob = venue.control.createAccount('bob');
    subscribe(1, signedSubscribeParams(alice, clock.now()));
    subscribe(2, signedSubscribeParams(bob, clock.now()));
    socket.clear();
    socket.request({ id: 3, method: 'userDataStream.unsubscribe' });
    expect(socket.frames()).toEqual([
      { subscriptionId: 0, event: { e: 'eventStreamTerminated', E: T0 } },
      { subscriptionId: 1, event: { e: 'eventStreamTerminated', E: T0 } },
      { id: 3, status: 200, result: {} },
    ]);
  });
});

describe('WebSocket API: other methods and malformed requests', () => {
  it('answers ping with {} and time with the server time', async () => {
    await clock.advance(1234);
    socket.request({ id: 1, method: 'ping' });
    socket.request({ id: 2, method: 'v3/time', params: {} });
    expect(socket.texts()).toEqual(['{"id":1,"status":200,"result":{}}', `{"id":2,"status":200,"result":{"serverTime":${T0 + 1234}}}`]);
  });

  it('reports the session: no key logged on, whether a subscription is active', () => {
    socket.request({ id: 1, method: 'session.status' });
    subscribe(2, signedSubscribeParams(alice, clock.now()));
    socket.request({ id: 3, method: 'session.logout' });
    const [before, , after] = socket.frames();
    expect(before).toEqual({ id: 1, status: 200, result: { apiKey: null, authorizedSince: null, connectedSince: T0, returnRateLimits: false, serverTime: T0, userDataStream: false } });
    expect(after).toEqual({ id: 3, status: 200, result: { apiKey: null, authorizedSince: null, connectedSince: T0, returnRateLimits: false, serverTime: T0, userDataStream: true } });
  });

  it('refuses session.logon and userDataStream.subscribe: the venue issues HMAC keys, Binance logs on Ed25519 keys only', () => {
    socket.request({ id: 1, method: 'session.logon', params: signedSubscribeParams(alice, clock.now()) });
    socket.request({ id: 2, method: 'session.logon', params: { ...signedSubscribeParams(alice, clock.now()), recvWindow: 1 } });
    socket.request({ id: 3, method: 'userDataStream.subscribe' });
    expect(socket.frames()).toEqual([
      { id: 1, status: 401, error: { code: -1002, msg: 'You are not authorized to execute this request.' } },
      { id: 2, status: 400, error: { code: -1022, msg: 'Signature for this request is not valid.' } },
      { id: 3, status: 401, error: { code: -1002, msg: 'You are not authorized to execute this request.' } },
    ]);
  });

  it("answers malformed frames with Binance's -1135 shapes, and an unknown method with -1020", () => {
    socket.request('{not json');
    socket.request({ id: 'an id with spaces', method: 'ping' });
    socket.request({ id: 'x'.repeat(37), method: 'ping' });
    socket.request({ id: 5, method: 42 });
    socket.request({ id: 6, method: 'ping', params: [1] });
    socket.request({ id: 7, method: 'order.place', params: {} });
    socket.request({ id: null, method: 'ping', params: { extra: 1 } });
    const invalidId = "Invalid 'id' in JSON request; expected an integer, a string matching '^[a-zA-Z0-9-_]{1,36}$', or null.";
    expect(socket.frames()).toEqual([
      { id: null, status: 400, error: { code: -1135, msg: 'Invalid JSON Request' } },
      { id: null, status: 400, error: { code: -1135, msg: invalidId } },
      { id: null, status: 400, error: { code: -1135, msg: invalidId } },
      { id: 5, status: 400, error: { code: -1135, msg: "Invalid 'method' in JSON request; expected a string." } },
      { id: 6, status: 400, error: { code: -1135, msg: "Invalid 'params' in JSON request; expected an object." } },
      { id: 7, status: 400, error: { code: -1020, msg: 'This operation is not supported.' } },
      { id: null, status: 400, error: { code: -1104, msg: "Not all sent parameters were read; read '0' parameter(s) but was sent '1'." } },
    ]);
  });

  it('stops pushing once the connection is closed by the client', () => {
    subscribe(1, signedSubscribeParams(alice, clock.now()));
    socket.connection?.closed(1000);
    venue.control.deposit('alice', 'ETH', '1');
    socket.request({ id: 2, method: 'ping' });
    expect(socket.frames()).toEqual([{ id: 1, status: 200, result: { subscriptionId: 0 } }]);
    expect(venue.stream.openConnections()).toBe(0);
    expect(venue.stream.pendingTimers()).toBe(0);
  });
});
