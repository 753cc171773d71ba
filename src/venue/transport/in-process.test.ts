import { describe, expect, it } from 'vitest';
import { RandomSource } from '../../clock/random';
import { VirtualClock } from '../../clock/virtual-clock';
import { TransportRefusedError } from '../../domain/errors';
import { createVenue } from '../index';

describe('in-process transport', () => {
  const venue = createVenue({ clock: new VirtualClock(), random: new RandomSource('transport') });

  it('serves https://api.binance.com', async () => {
    const response = await venue.fetch('https://api.binance.com/api/v3/time', { method: 'GET', headers: {} });
    expect([response.status, response.statusText, response.headers['content-type']]).toEqual([200, 'OK', 'application/json;charset=UTF-8']);
    expect(JSON.parse(await response.text())).toEqual({ serverTime: venue.clock.now() });
  });

  it.each([
    'https://fapi.binance.com/fapi/v1/exchangeInfo',
    'https://sapi.binance.com/sapi/v1/capital/config/getall',
    'http://api.binance.com/api/v3/time',
    'https://api.binance.com.evil.example/api/v3/time',
    'https://user:pass@api.binance.com/api/v3/time',
    'https://example.com/',
    'not a url',
  ])('refuses %s without calling the venue', async (url) => {
    const before = venue.control.events().length;
    await expect(venue.fetch(url, { method: 'GET', headers: {} })).rejects.toBeInstanceOf(TransportRefusedError);
    expect(venue.control.events()).toHaveLength(before);
  });

  it('rejects a lost answer as a TimeoutError after the client timeout on the venue clock, a reset as ECONNRESET', async () => {
    const clock = new VirtualClock();
    const faulty = createVenue({ clock, random: new RandomSource('transport-faults') });
    faulty.nemesis.schedule({ kind: 'response_lost' });
    const startedAt = clock.now();
    await expect(clock.run(faulty.fetch('https://api.binance.com/api/v3/time', { method: 'GET', headers: {}, timeout: 2500 }))).rejects.toMatchObject({ name: 'TimeoutError' });
    expect(clock.now() - startedAt).toBe(2500);
    faulty.nemesis.schedule({ kind: 'connection_reset' });
    await expect(faulty.fetch('https://api.binance.com/api/v3/time', { method: 'GET', headers: {} })).rejects.toMatchObject({ code: 'ECONNRESET' });
    expect(faulty.control.events().map((event) => (event.type === 'fault' ? event.kind : event.type))).toEqual(['request', 'response_lost', 'connection_reset']);
  });

  it('answers an unknown path with 404 and logs the request', async () => {
    const response = await venue.fetch('https://api.binance.com/api/v3/nowhere', { method: 'GET', headers: {} });
    expect(response.status).toBe(404);
    expect(venue.control.events().at(-1)).toMatchObject({ type: 'request', path: '/api/v3/nowhere', status: 404 });
  });
});
