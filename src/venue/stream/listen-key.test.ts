import { beforeEach, describe, expect, it } from 'vitest';
import { RandomSource } from '../../clock/random';
import { VIRTUAL_EPOCH_MS, VirtualClock } from '../../clock/virtual-clock';
import type { Credentials } from '../../exchange/contract';
import { ApiKeyRegistry, type ApiKeyEntry } from '../api/api-keys';
import type { ApiContext } from '../api/context';
import { BinanceReject } from '../api/errors';
import type { VenueHttpRequest } from '../api/http-message';
import { createVenue } from '../index';
import type { Venue } from '../types';
import { LISTEN_KEY_VALIDITY_MS, authenticateApiKeyOnly, ListenKeyStore, type ApiKeyEndpoint } from './listen-key';
import { RecordingSocket } from './test-kit';

const T0 = VIRTUAL_EPOCH_MS;
const MINUTE = 60_000;

let clock: VirtualClock;
let venue: Venue;
let alice: Credentials;
let aliceEntry: ApiKeyEntry;

/** The endpoints read nothing from the API context: the store and the caller are all they need. */
const NO_CONTEXT = {} as ApiContext;

function call(endpoint: ApiKeyEndpoint, params: Record<string, string>, caller: ApiKeyEntry = aliceEntry): unknown {
  try {
    return endpoint(NO_CONTEXT, params, caller);
  } catch (error: unknown) {
    if (error instanceof BinanceReject) return { status: error.status, code: error.code, msg: error.msg };
    throw error;
  }
}

function createListenKey(): string {
  const body = call(venue.stream.listenKeys.start, {}) as { listenKey: string };
  return body.listenKey;
}

beforeEach(() => {
  clock = new VirtualClock();
  venue = createVenue({ clock, random: new RandomSource('listen-key') });
  alice = venue.control.createAccount('alice');
  aliceEntry = { account: 'alice', secret: alice.secret, uid: 100_000_001 };
});

describe('listenKey endpoints (POST/PUT/DELETE /api/v3/userDataStream)', () => {
  it('POST gives a 64-character key from the seeded stream; again while it is active, the same key', () => {
    const listenKey = createListenKey();
    expect(listenKey).toMatch(/^[0-9a-z]{64}$/);
    expect(createListenKey()).toBe(listenKey);
    const again = createVenue({ clock: new VirtualClock(), random: new RandomSource('listen-key') });
    again.control.createAccount('alice');
    expect((again.stream.listenKeys.start(NO_CONTEXT, {}, aliceEntry) as { listenKey: string }).listenKey).toBe(listenKey);
  });

  it('PUT and DELETE answer {} for an active key, -1125 for an unknown, expired or deleted one, -1102 without one', async () => {
    const listenKey = createListenKey();
    const { keepalive, close } = venue.stream.listenKeys;
    const invalid = { status: 400, code: -1125, msg: 'This listenKey does not exist.' };
    expect(call(keepalive, { listenKey })).toEqual({});
    expect(call(keepalive, { listenKey: 'unknown' })).toEqual(invalid);
    expect(call(keepalive, { listenKey }, { account: 'bob', secret: 's', uid: 2 })).toEqual(invalid);
    expect(call(keepalive, {})).toEqual({ status: 400, code: -1102, msg: "Mandatory parameter 'listenKey' was not sent, was empty/null, or malformed." });
    expect(call(close, { listenKey })).toEqual({});
    expect(call(close, { listenKey })).toEqual(invalid);
    const second = createListenKey();
    expect(second).not.toBe(listenKey);
    await clock.advance(LISTEN_KEY_VALIDITY_MS);
    expect(call(keepalive, { listenKey: second })).toEqual(invalid);
  });

  it('authenticates USER_STREAM requests by the API key header alone', () => {
    const keys = new ApiKeyRegistry();
    keys.register('key-1', aliceEntry);
    const request = (headers: Record<string, string>): VenueHttpRequest => ({ method: 'POST', path: '/api/v3/userDataStream', query: '', headers, body: '' });
    expect(authenticateApiKeyOnly(request({ 'x-mbx-apikey': 'key-1' }), keys)).toBe(aliceEntry);
    expect(() => authenticateApiKeyOnly(request({}), keys)).toThrow('API-key format invalid.');
    expect(() => authenticateApiKeyOnly(request({ 'x-mbx-apikey': 'key-2' }), keys)).toThrow('Invalid API-key, IP, or permissions for action.');
  });

  it('a key expires 60 minutes after its last keepalive', async () => {
    const store = new ListenKeyStore(new RandomSource('store').stream('keys'), () => clock.now());
    const listenKey = store.start('alice');
    await clock.advance(50 * MINUTE);
    expect(store.keepalive('alice', listenKey)).toBe(true);
    await clock.advance(60 * MINUTE - 1);
    expect(store.active(listenKey)).toEqual({ account: 'alice', expiresAt: T0 + 110 * MINUTE });
    await clock.advance(1);
    expect(store.active(listenKey)).toBeUndefined();
  });
});

describe('the listenKey stream at /ws/<listenKey>', () => {
  it('pushes raw payloads, without the WebSocket API wrapper', () => {
    const socket = RecordingSocket.open(venue.stream.accept, `/ws/${createListenKey()}`);
    venue.control.deposit('alice', 'BTC', '0.25');
    expect(socket.texts()).toEqual([
      `{"e":"balanceUpdate","E":${T0},"a":"BTC","d":"0.25000000","T":${T0}}`,
      `{"e":"outboundAccountPosition","E":${T0},"u":${T0},"B":[{"a":"BTC","f":"0.25000000","l":"0.00000000"}]}`,
    ]);
  });

  it('refuses an unknown or expired key with 404', async () => {
    expect(venue.stream.accept('/ws/not-a-key', new RecordingSocket(), '127.0.0.1')).toEqual({ refused: 404 });
    const listenKey = createListenKey();
    await clock.advance(LISTEN_KEY_VALIDITY_MS);
    expect(venue.stream.accept(`/ws/${listenKey}`, new RecordingSocket(), '127.0.0.1')).toEqual({ refused: 404 });
  });

  it('at expiry sends listenKeyExpired, closes, and sends nothing more; keepalives push the expiry back', async () => {
    const listenKey = createListenKey();
    const socket = RecordingSocket.open(venue.stream.accept, `/ws/${listenKey}`);
    await clock.advance(30 * MINUTE);
    call(venue.stream.listenKeys.keepalive, { listenKey });
    await clock.advance(60 * MINUTE - 1);
    expect(socket.actions.filter((action) => action.kind !== 'ping')).toEqual([]);
    await clock.advance(1);
    const expiredAt = T0 + 90 * MINUTE;
    expect(socket.actions.filter((action) => action.kind !== 'ping')).toEqual([
      { kind: 'send', text: `{"e":"listenKeyExpired","E":${expiredAt},"listenKey":"${listenKey}"}` },
      { kind: 'close', code: 1000, reason: 'listenKey expired' },
    ]);
    socket.clear();
    venue.control.deposit('alice', 'BTC', '1');
    await clock.advance(MINUTE);
    expect(socket.actions).toEqual([]);
    expect(venue.stream.openConnections()).toBe(0);
  });

  it('DELETE closes the stream without listenKeyExpired', () => {
    const listenKey = createListenKey();
    const socket = RecordingSocket.open(venue.stream.accept, `/ws/${listenKey}`);
    call(venue.stream.listenKeys.close, { listenKey });
    expect(socket.actions).toEqual([{ kind: 'close', code: 1000, reason: 'listenKey closed' }]);
    expect(venue.stream.pendingTimers()).toBe(0);
  });
});
