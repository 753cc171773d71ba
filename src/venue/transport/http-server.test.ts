import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RandomSource } from '../../clock/random';
import { VirtualClock } from '../../clock/virtual-clock';
import { ConfigError } from '../../domain/errors';
import type { VenueHttpRequest } from '../api/http-message';
import type { Venue } from '../types';
import { createVenue } from '../venue';
import { isFormBody, MAX_BODY_BYTES, splitTarget, startLoopbackServer, type LoopbackServer } from './http-server';

const venue = createVenue({ clock: new VirtualClock(), random: new RandomSource('http-server') });
const seen: VenueHttpRequest[] = [];
let failNext = false;
/** The real venue, recording what reached it; `failNext` makes its handler throw once. */
const observed: Venue = {
  ...venue,
  handle: (request) => {
    seen.push(request);
    if (failNext) {
      failNext = false;
      throw new Error('a venue bug');
    }
    return venue.handle(request);
  },
};
const internalErrors: unknown[] = [];
let server: LoopbackServer;

beforeAll(async () => {
  server = await startLoopbackServer(observed, { requestTimeoutMs: 500, onInternalError: (error) => internalErrors.push(error) });
});
afterAll(() => server.close());

/** Sends raw bytes and returns everything the server wrote before closing the connection. */
function rawExchange(payload: string, endAfterWrite: boolean): Promise<string> {
  return new Promise((resolve) => {
    let received = '';
    const socket = connect(server.port, '127.0.0.1', () => (endAfterWrite ? socket.end(payload) : socket.write(payload)));
    socket.on('data', (chunk: Buffer) => (received += chunk.toString()));
    socket.on('close', () => resolve(received));
    socket.on('error', () => resolve(received));
  });
}

describe('startLoopbackServer', () => {
  it('listens on 127.0.0.1 only', async () => {
    expect(server.baseUrl).toBe(`http://127.0.0.1:${server.port}`);
    await expect(startLoopbackServer(venue, { host: '0.0.0.0' })).rejects.toBeInstanceOf(ConfigError);
    await expect(startLoopbackServer(venue, { host: 'localhost' })).rejects.toBeInstanceOf(ConfigError);
  });

  it('hands the venue the raw query, lower-case headers, the form body and the client address', async () => {
    const response = await fetch(`${server.baseUrl}/api/v3/time?b=%2B1&a=x+y`, {
      method: 'POST',
      headers: { 'X-MBX-APIKEY': 'key', 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'c=%3D&d=1',
    });
    await response.text();
    expect(seen.at(-1)).toMatchObject({ method: 'POST', path: '/api/v3/time', query: 'b=%2B1&a=x+y', body: 'c=%3D&d=1', remoteAddress: '127.0.0.1' });
    expect(seen.at(-1)?.headers['x-mbx-apikey']).toBe('key');
  });

  it('ignores a body that is not form data, as Binance does, so the request fails on its missing parameters', async () => {
    const response = await fetch(`${server.baseUrl}/api/v3/order`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ symbol: 'BTCUSDT' }),
    });
    expect(seen.at(-1)?.body).toBe('');
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ code: -2014, msg: 'API-key format invalid.' });
  });

  it('refuses a body over the limit with 413 and closes the connection', async () => {
    const response = await fetch(`${server.baseUrl}/api/v3/order`, { method: 'POST', body: 'a'.repeat(MAX_BODY_BYTES + 1) });
    expect([response.status, response.headers.get('connection')]).toEqual([413, 'close']);
    expect(await response.json()).toEqual({ code: -1000, msg: `Request body too large; at most ${MAX_BODY_BYTES} bytes.` });
  });

  it('answers 500 -1000 when the venue handler throws, and tells onInternalError', async () => {
    failNext = true;
    const response = await fetch(`${server.baseUrl}/api/v3/time`);
    expect(response.status).toBe(500);
    expect(await response.json()).toEqual({ code: -1000, msg: 'An unknown error occurred while processing the request.' });
    expect(internalErrors).toEqual([new Error('a venue bug')]);
  });

  it('answers a broken request line with 400 and a too long query with 431, both Binance-shaped', async () => {
    expect(await rawExchange('NOT HTTP AT ALL\r\n\r\n', true)).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n[\s\S]*\r\n\r\n\{"code":-1000,"msg":"Malformed HTTP request\."\}$/);
    const long = await rawExchange(`GET /api/v3/time?a=${'x'.repeat(20_000)} HTTP/1.1\r\nhost: x\r\n\r\n`, true);
    expect(long).toMatch(/^HTTP\/1\.1 431 [\s\S]*"code":-1000/);
  });

  it('answers a client that stops mid-request with 408 after the request timeout', async () => {
    const answer = await rawExchange('POST /api/v3/order HTTP/1.1\r\nhost: x\r\ncontent-length: 100\r\n\r\nsymbol=', false);
    expect(answer).toMatch(/^HTTP\/1\.1 408 Request Timeout\r\n[\s\S]*\{"code":-1000,"msg":"Request not received in time\."\}$/);
  });

  it('serves several requests on one kept-alive connection', async () => {
    const answers = await rawExchange('GET /api/v3/time HTTP/1.1\r\nhost: x\r\n\r\nGET /api/v3/exchangeInfo HTTP/1.1\r\nhost: x\r\n\r\n', true);
    expect(answers.match(/HTTP\/1\.1 200 OK/g)).toHaveLength(2);
  });
});

describe('request translation', () => {
  it.each([
    ['/api/v3/time', { path: '/api/v3/time', query: '' }],
    ['/api/v3/order?symbol=BTCUSDT&signature=ab', { path: '/api/v3/order', query: 'symbol=BTCUSDT&signature=ab' }],
    ['/a?b=%zz#frag', { path: '/a', query: 'b=%zz' }],
    ['http://127.0.0.1:9/api/v3/time?x=1', { path: '/api/v3/time', query: 'x=1' }],
    ['?x', { path: '/', query: 'x' }],
  ])('splits %s without decoding', (target, expected) => {
    expect(splitTarget(target)).toEqual(expected);
  });

  it.each([
    [undefined, true],
    ['application/x-www-form-urlencoded', true],
    ['Application/X-WWW-Form-Urlencoded; charset=UTF-8', true],
    ['text/plain;charset=UTF-8', true],
    ['application/json', false],
    ['multipart/form-data; boundary=x', false],
  ])('reads a %s body as form data: %s', (contentType, expected) => {
    expect(isFormBody(contentType)).toBe(expected);
  });
});
