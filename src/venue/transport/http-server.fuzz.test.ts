import fc from 'fast-check';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RandomSource } from '../../clock/random';
import { VirtualClock } from '../../clock/virtual-clock';
import type { Credentials } from '../../exchange/contract';
import { NOT_FOUND_BODY, NOT_FOUND_CONTENT_TYPE, NOT_FOUND_STATUS } from '../api/not-found';
import { signatureOf } from '../api/signature';
import { createVenue } from '../venue';
import { startLoopbackServer, type LoopbackServer } from './http-server';

/**
 * Acceptance 4 of issue 4, the fuzz half: whatever bytes a client sends to 127.0.0.1 (random
 * methods, paths, queries, headers, content types, bodies, framing, signatures, plain garbage),
 * every HTTP answer that comes back is Binance-shaped (`{code, msg}` JSON, JSON with 200, or
 * Binance's 404 page for a route it does not serve), no connection hangs, the venue's
 * handler never throws, and the server still answers afterwards.
 */
const venue = createVenue({ clock: new VirtualClock(), random: new RandomSource('http-fuzz') });
const credentials: Credentials = venue.control.createAccount('fuzz');
venue.control.deposit('fuzz', 'USDT', '100000');
const internalErrors: unknown[] = [];
let server: LoopbackServer;

beforeAll(async () => {
  server = await startLoopbackServer(venue, { requestTimeoutMs: 2_000, onInternalError: (error) => internalErrors.push(error) });
});
afterAll(() => server.close());

interface Exchange {
  bytes: Buffer;
  /** The connection closed (or was reset) before the guard fired. */
  ended: boolean;
}

/** Writes `payload`, half-closes, and collects everything until the server closes the connection. */
function exchangeRaw(payload: Buffer, guardMs = 5_000): Promise<Exchange> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    const socket = connect(server.port, '127.0.0.1', () => socket.end(payload));
    const finish = (ended: boolean): void => {
      socket.destroy();
      resolve({ bytes: Buffer.concat(chunks), ended });
    };
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    // A reset after a refused body is a legitimate end: the server closed with bytes unread.
    socket.on('error', () => finish(true));
    socket.on('close', () => finish(true));
    socket.setTimeout(guardMs, () => finish(false));
  });
}

interface ParsedResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** Splits the bytes into HTTP/1.1 responses; each must be framed by content-length. */
function parseResponses(bytes: Buffer, firstIsHead: boolean): ParsedResponse[] {
  const responses: ParsedResponse[] = [];
  let rest = bytes.toString('latin1');
  while (rest.length > 0) {
    const headEnd = rest.indexOf('\r\n\r\n');
    if (headEnd === -1) throw new Error(`unframed bytes: ${JSON.stringify(rest.slice(0, 200))}`);
    const [statusLine = '', ...headerLines] = rest.slice(0, headEnd).split('\r\n');
    const status = /^HTTP\/1\.[01] (\d{3}) /.exec(statusLine)?.[1];
    if (status === undefined) throw new Error(`bad status line: ${JSON.stringify(statusLine)}`);
    const headers = Object.fromEntries(headerLines.map((line) => [line.slice(0, line.indexOf(':')).toLowerCase(), line.slice(line.indexOf(':') + 1).trim()]));
    const bodyStart = headEnd + 4;
    // An interim 100 Continue (for `expect: 100-continue`) has no body and precedes the answer.
    if (/^HTTP\/1\.1 1\d\d /.test(statusLine)) {
      rest = rest.slice(bodyStart);
      continue;
    }
    // A HEAD answer has no body, unless the request never parsed as HEAD (a malformed request line).
    const bodiless = responses.length === 0 && firstIsHead && !rest.startsWith('{', bodyStart);
    const length = bodiless ? 0 : Number(headers['content-length']);
    if (!Number.isInteger(length)) throw new Error(`response without content-length: ${statusLine}`);
    responses.push({ status: Number(status), headers, body: Buffer.from(rest.slice(bodyStart, bodyStart + length), 'latin1').toString('utf8') });
    rest = rest.slice(bodyStart + length);
  }
  return responses;
}

function expectBinanceShaped(response: ParsedResponse): void {
  // Binance's gateway answers an unknown path or method with its 404 page, not JSON (api/not-found.ts).
  if (response.status === NOT_FOUND_STATUS && response.headers['content-type'] === NOT_FOUND_CONTENT_TYPE) {
    expect(response.body === '' || response.body === NOT_FOUND_BODY).toBe(true);
    return;
  }
  expect(response.headers['content-type']).toBe('application/json;charset=UTF-8');
  if (response.body === '') return; // HEAD
  const body: unknown = JSON.parse(response.body);
  if (response.status === 200) return;
  expect(body).toEqual({ code: expect.any(Number), msg: expect.any(String) });
}

// ---- what a client may send ----

const KNOWN_PATHS = ['/api/v3/time', '/api/v3/exchangeInfo', '/api/v3/ping', '/api/v3/order', '/api/v3/account', '/api/v3/openOrders', '/api/v3/myTrades', '/api/v3/allOrders', '/', '*', '/%zz', '/api/v3/%74ime', '/api/v3/time/../order', 'http://127.0.0.1/api/v3/time'];
const CONTENT_TYPES = ['application/x-www-form-urlencoded', 'application/json', 'text/plain;charset=UTF-8', 'multipart/form-data; boundary=x', 'application/octet-stream', '', ';;', 'APPLICATION/X-WWW-FORM-URLENCODED; charset=latin1'];

const token = fc.stringMatching(/^[A-Za-z0-9!#$%&'*+.^_`|~-]{1,12}$/);
// Mostly well-formed HTTP, so most requests reach the venue's API; some break the framing itself.
const oftenValid = <T>(valid: fc.Arbitrary<T>, ...broken: Array<fc.Arbitrary<T>>): fc.Arbitrary<T> =>
  fc.oneof({ arbitrary: valid, weight: 6 }, ...broken.map((arbitrary) => ({ arbitrary, weight: 1 })));
const printable = (maxLength: number) => fc.stringMatching(new RegExp(`^[\\x20-\\x7e]{0,${maxLength}}$`));
const method = oftenValid(fc.constantFrom('GET', 'POST', 'DELETE', 'PUT', 'PATCH', 'HEAD', 'OPTIONS', 'TRACE', 'CONNECT'), token, fc.string({ maxLength: 6 }));
const path = oftenValid(fc.oneof(fc.constantFrom(...KNOWN_PATHS), fc.webPath()), fc.string({ maxLength: 30 }).map((text) => `/${text}`));
const params = fc.array(fc.tuple(fc.constantFrom('symbol', 'side', 'type', 'quantity', 'price', 'timestamp', 'signature', 'recvWindow', 'timeInForce', 'orderId'), fc.string({ maxLength: 12 })), { maxLength: 8 });
const formText = params.map((pairs) => pairs.map(([name, value]) => `${name}=${encodeURIComponent(value)}`).join('&'));
const query = oftenValid(fc.oneof(fc.constant(''), formText, fc.webQueryParameters(), fc.constantFrom('%', '%zz', 'a=%E0%A4%A', 'symbol=BTCUSDT&symbol=ETHUSDT')), fc.string({ maxLength: 40 }), fc.constant(`a=${'x'.repeat(20_000)}`));
const body = oftenValid(fc.oneof(fc.constant(''), formText, fc.json(), fc.string({ maxLength: 200 }), fc.uint8Array({ maxLength: 200 }).map((bytes) => Buffer.from(bytes).toString('latin1'))), fc.constant('x'.repeat(70_000)));
const header = fc.tuple(fc.oneof(fc.constantFrom('content-type', 'x-mbx-apikey', 'connection', 'expect', 'accept', 'transfer-encoding'), token), oftenValid(fc.oneof(fc.constantFrom(...CONTENT_TYPES, credentials.apiKey, 'close', '100-continue', 'chunked'), printable(20)), fc.string({ maxLength: 20 })));
const framing = oftenValid(fc.constantFrom('exact', 'chunked'), fc.constantFrom('short', 'long', 'none', 'chunked-broken'));
const version = oftenValid(fc.constantFrom('HTTP/1.1', 'HTTP/1.0'), fc.constantFrom('HTTP/2.0', 'HTTP/1.1 extra', ''));

interface Request {
  method: string;
  payload: Buffer;
}

const structured = fc.record({ method, path, query, headers: fc.array(header, { maxLength: 4 }), body, framing, version }).map(({ method, path, query, headers, body, framing, version }): Request => {
  const bodyBytes = Buffer.from(body, 'latin1');
  const lines = [`${method} ${path}${query === '' ? '' : `?${query}`} ${version}`.trimEnd(), 'host: 127.0.0.1', ...headers.map(([name, value]) => `${name}: ${value}`)];
  const declared = { exact: bodyBytes.length, short: Math.max(0, bodyBytes.length - 3), long: bodyBytes.length + 10, none: undefined, chunked: undefined, 'chunked-broken': undefined }[framing];
  if (declared !== undefined) lines.push(`content-length: ${declared}`);
  if (framing.startsWith('chunked')) lines.push('transfer-encoding: chunked');
  const chunk = bodyBytes.length === 0 ? Buffer.alloc(0) : Buffer.concat([Buffer.from(`${bodyBytes.length.toString(16)}\r\n`), bodyBytes, Buffer.from('\r\n')]);
  const framedBody = framing === 'chunked' ? Buffer.concat([chunk, Buffer.from('0\r\n\r\n')]) : framing === 'chunked-broken' ? Buffer.concat([Buffer.from('zz\r\n'), bodyBytes]) : bodyBytes;
  return { method, payload: Buffer.concat([Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'utf8'), framedBody]) };
});

/** A signed call with the real key: a correct signature over random params, or a broken one. */
const signed = fc.record({ method: fc.constantFrom('GET', 'POST', 'DELETE'), path: fc.constantFrom('/api/v3/order', '/api/v3/account', '/api/v3/openOrders', '/api/v3/myTrades'), params: formText, broken: fc.boolean() }).map(({ method, path, params, broken }): Request => {
  const payload = `${params}${params === '' ? '' : '&'}timestamp=${venue.clock.now()}`;
  const signature = broken ? signatureOf('not-the-secret', payload) : signatureOf(credentials.secret, payload);
  const signedText = `${payload}&signature=${signature}`;
  const head = [`${method} ${path}${method === 'POST' ? '' : `?${signedText}`} HTTP/1.1`, 'host: 127.0.0.1', `x-mbx-apikey: ${credentials.apiKey}`, 'content-type: application/x-www-form-urlencoded'];
  const bodyText = method === 'POST' ? signedText : '';
  return { method, payload: Buffer.from(`${head.join('\r\n')}\r\ncontent-length: ${Buffer.byteLength(bodyText)}\r\n\r\n${bodyText}`) };
});

const garbage = fc.oneof(
  fc.uint8Array({ maxLength: 300 }).map((bytes): Request => ({ method: '', payload: Buffer.from(bytes) })),
  // A good request cut anywhere: a partial request line, partial headers or a partial body.
  fc.tuple(signed, fc.nat()).map(([request, cut]): Request => ({ method: request.method, payload: request.payload.subarray(0, cut % (request.payload.length + 1)) })),
);

describe('the loopback server under malformed HTTP', () => {
  it('answers every request Binance-shaped and never hangs', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof({ arbitrary: structured, weight: 3 }, { arbitrary: signed, weight: 1 }, { arbitrary: garbage, weight: 1 }), async (request) => {
        const { bytes, ended } = await exchangeRaw(request.payload);
        expect(ended).toBe(true);
        for (const response of parseResponses(bytes, request.method === 'HEAD')) expectBinanceShaped(response);
      }),
      { seed: 20_240_401, numRuns: 300 },
    );
    expect(internalErrors).toEqual([]);
  });

  it('still answers GET /api/v3/time afterwards, on a kept-alive connection', async () => {
    const first = await fetch(`${server.baseUrl}/api/v3/time`);
    expect([first.status, await first.json()]).toEqual([200, { serverTime: venue.clock.now() }]);
    expect(first.headers.get('connection')).toBe('keep-alive');
    const second = await fetch(`${server.baseUrl}/api/v3/exchangeInfo`);
    expect(second.status).toBe(200);
  });
});
