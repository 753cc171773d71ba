import { describe, expect, it } from 'vitest';
import { RandomSource } from '../../clock/random';
import { VirtualClock } from '../../clock/virtual-clock';
import { createVenue } from '../index';
import { RecordingSocket } from '../stream/test-kit';

/** The listenKey flow as a client meets it over REST: API key only, no signature, weight 2. */
describe('POST / PUT / DELETE /api/v3/userDataStream', () => {
  const clock = new VirtualClock();
  const venue = createVenue({ clock, random: new RandomSource('user-data-stream-routes') });
  const alice = venue.control.createAccount('alice');
  // `null`: no key header at all (an `undefined` argument would take the default).
  const call = (method: string, query: string, apiKey: string | null = alice.apiKey) => {
    const response = venue.handle({ method, path: '/api/v3/userDataStream', query, headers: apiKey === null ? {} : { 'x-mbx-apikey': apiKey }, body: '', remoteAddress: '10.0.0.9' });
    return { status: response.status, body: JSON.parse(response.body) as unknown, weight: response.headers['x-mbx-used-weight-1m'] };
  };

  it('gives a key that opens /ws/<listenKey>, keeps it alive, deletes it; each weighs 2; the key alone authenticates', () => {
    const created = call('POST', '');
    expect(created).toMatchObject({ status: 200, weight: '2' });
    const { listenKey } = created.body as { listenKey: string };
    expect(listenKey).toMatch(/^[0-9a-z]{64}$/);
    const socket = new RecordingSocket();
    expect('refused' in venue.stream.accept(`/ws/${listenKey}`, socket, '10.0.0.9')).toBe(false);
    expect(call('PUT', `listenKey=${listenKey}`)).toEqual({ status: 200, body: {}, weight: '4' });
    expect(call('DELETE', `listenKey=${listenKey}`)).toEqual({ status: 200, body: {}, weight: '6' });
    expect(call('PUT', `listenKey=${listenKey}`)).toMatchObject({ status: 400, body: { code: -1125, msg: 'This listenKey does not exist.' } });
    expect(venue.stream.accept(`/ws/${listenKey}`, new RecordingSocket(), '10.0.0.9')).toEqual({ refused: 404 });
  });

  it('refuses a request without an API key (-2014) or with one the venue never issued (-2015)', () => {
    expect(call('POST', '', null).body).toMatchObject({ code: -2014 });
    expect(call('POST', '', 'not-a-key').body).toMatchObject({ code: -2015 });
  });
});
