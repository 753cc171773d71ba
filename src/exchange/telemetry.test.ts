import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../clock';
import { NetworkError, RateLimitedError } from '../domain/errors';
import type { FetchLike, TransportResponse } from './contract';
import type { BreakerState } from './metrics';
import { memorySink } from './request-log';
import { Secret } from './secret';
import { AdapterTelemetry, type HealthSources } from './telemetry';

const API_KEY = 'apikey-9f8e7d6c5b4a';
const API_SECRET = 'secret-0a1b2c3d4e5f';
const LABELS = { exchange: 'binance', account: 'main', environment: 'sim' };

function setup(sources?: HealthSources, level?: 'debug' | 'info') {
  const clock = new VirtualClock();
  const sink = memorySink();
  const telemetry = new AdapterTelemetry({ clock, destination: sink, labels: LABELS, secrets: [new Secret(API_KEY), new Secret(API_SECRET)], level, sources });
  return { clock, sink, telemetry };
}

/** A telemetry that knows only `secrets` (none at all when omitted), logging at info. */
function setupWithSecrets(secrets?: Secret[]) {
  const sink = memorySink();
  const telemetry = new AdapterTelemetry({ clock: new VirtualClock(), destination: sink, labels: LABELS, secrets });
  return { sink, telemetry };
}

const START = 1_704_067_200_000;
const PING = { correlationId: 'c', attempt: 1, method: 'get', path: '/api/v3/ping' };

/** Sends one request that fails with `error`; resolves to what the caller caught. */
function failWith(telemetry: AdapterTelemetry, error: unknown): Promise<unknown> {
  return telemetry.observeRequest(PING, async () => Promise.reject(error)).then(
    () => 'resolved',
    (caught: unknown) => caught,
  );
}

function answer(status: number, body = '{}'): TransportResponse {
  return { status, statusText: String(status), headers: {}, text: async () => body };
}

describe('AdapterTelemetry', () => {
  it('logs one line per request on the injected clock, with the intent carried through retries', async () => {
    const { clock, sink, telemetry } = setup();
    const request = { correlationId: 'cid-1', method: 'post', path: '/api/v3/order' };
    await expect(
      telemetry.observeRequest({ ...request, attempt: 1 }, async () => {
        await clock.advance(40);
        throw new NetworkError('socket reset');
      }),
    ).rejects.toBeInstanceOf(NetworkError);
    await telemetry.observeRequest({ ...request, attempt: 2 }, async () => {
      await clock.advance(15);
      return answer(200);
    }, (response) => response.status);
    const start = 1_704_067_200_000;
    expect(sink.records()).toEqual([
      { level: 40, time: start + 40, ...LABELS, correlationId: 'cid-1', method: 'POST', path: '/api/v3/order', status: null, code: 'NETWORK', attempt: 1, durationMs: 40, msg: 'request' },
      { level: 30, time: start + 55, ...LABELS, correlationId: 'cid-1', method: 'POST', path: '/api/v3/order', status: 200, attempt: 2, durationMs: 15, msg: 'request' },
    ]);
  });

  it('counts requests, latency and errors in its own registry', async () => {
    const { telemetry } = setup();
    const request = { correlationId: 'c', attempt: 1, method: 'GET', path: '/api/v3/order' };
    await telemetry.observeRequest(request, async () => 'ok');
    await telemetry.observeRequest(request, async () => 'ok');
    await telemetry.observeRequest(request, async () => Promise.reject(new RateLimitedError('slow down', 1000))).catch(() => undefined);
    const text = await telemetry.metricsText();
    expect(text).toContain('tradeprop_exchange_requests_total{endpoint="GET /api/v3/order",status="200",exchange="binance",account="main",environment="sim"} 2');
    expect(text).toContain('tradeprop_exchange_requests_total{endpoint="GET /api/v3/order",status="none",exchange="binance",account="main",environment="sim"} 1');
    expect(text).toContain('tradeprop_exchange_errors_total{code="RATE_LIMITED",exchange="binance",account="main",environment="sim"} 1');
    expect(text).toContain('tradeprop_exchange_request_duration_ms_count{exchange="binance",account="main",environment="sim",endpoint="GET /api/v3/order"} 3');
    // A second adapter's registry starts from zero: nothing lives in prom-client's global one.
    expect(await setup().telemetry.metricsText()).not.toContain('} 2');
  });

  it('observes every HTTP request of an instrumented transport with the intent of withIntent', async () => {
    const { sink, telemetry } = setup(undefined, 'debug');
    const fetch: FetchLike = async () => answer(400, '{"code":-2010}');
    const instrumented = telemetry.instrumentFetch(fetch);
    const url = `https://api.binance.com/api/v3/order?symbol=BTCUSDT&timestamp=1&signature=abc123&apiKey=${API_KEY}`;
    const init = { method: 'POST', headers: { 'X-MBX-APIKEY': API_KEY, 'Content-Type': 'x' } };
    await telemetry.withIntent({ correlationId: 'intent-7', attempt: 3 }, async () => {
      await Promise.resolve();
      await instrumented(url, init);
    });
    await instrumented(url, init);
    const [first, second] = sink.records();
    expect(first).toMatchObject({ correlationId: 'intent-7', attempt: 3, method: 'POST', path: '/api/v3/order', status: 400, headers: { 'X-MBX-APIKEY': '***', 'Content-Type': 'x' } });
    expect(first).toMatchObject({ params: { symbol: 'BTCUSDT', signature: '***', apiKey: '***' } });
    expect(second).toMatchObject({ correlationId: 'none', attempt: 1 });
    expect(sink.lines.join('\n')).not.toContain(API_KEY);
  });

  it('masks a known secret that arrives inside free text', async () => {
    const { sink, telemetry } = setup();
    telemetry.logger.info({ note: `url had ${API_SECRET}` }, `and so did ${API_KEY}`);
    await telemetry.observeRequest({ correlationId: 'c', attempt: 1, method: 'GET', path: '/x' }, async () => Promise.reject(new NetworkError(`boom ${API_SECRET}`))).catch(() => undefined);
    expect(sink.lines.join('\n')).not.toMatch(/apikey-9f8e|secret-0a1b/);
    expect(JSON.stringify(telemetry.health())).not.toContain(API_SECRET);
  });

  it('reports health from its sources: down when open, degraded when probing, failing or full', async () => {
    const state: { breaker: BreakerState; depth: number } = { breaker: 'closed', depth: 0 };
    const { clock, telemetry } = setup({ breakerState: () => state.breaker, queueDepth: () => state.depth, queueCapacity: 10, timeOffsetMs: () => -250 });
    expect(telemetry.health()).toEqual({ status: 'ok', breaker: 'closed', queueDepth: 0, timeOffsetMs: -250 });
    state.depth = 10;
    expect(telemetry.health().status).toBe('degraded');
    state.depth = 3;
    state.breaker = 'half-open';
    expect(telemetry.health().status).toBe('degraded');
    state.breaker = 'open';
    expect(telemetry.health().status).toBe('down');
    state.breaker = 'closed';
    const request = { correlationId: 'c9', attempt: 1, method: 'GET', path: '/api/v3/account' };
    await telemetry.observeRequest(request, async () => Promise.reject(new NetworkError('reset'))).catch(() => undefined);
    expect(telemetry.health()).toMatchObject({ status: 'degraded', lastError: { code: 'NETWORK', message: 'reset', atMs: clock.now(), correlationId: 'c9' } });
    await telemetry.observeRequest(request, async () => 'ok');
    expect(telemetry.health()).toMatchObject({ status: 'ok', lastError: { code: 'NETWORK' } });
    const text = await telemetry.metricsText();
    expect(text).toMatch(/tradeprop_exchange_queue_depth\{[^}]*\} 3/);
    expect(text).toMatch(/tradeprop_exchange_breaker_state\{[^}]*\} 0/);
    for (const bound of [1, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000, 30000]) {
      expect(text).toMatch(new RegExp(`tradeprop_exchange_request_duration_ms_bucket\\{[^}]*le="${bound}"`));
    }
    state.breaker = 'open';
    expect(await telemetry.metricsText()).toMatch(/tradeprop_exchange_breaker_state\{[^}]*\} 2/);
  });

  it('follows a hot-reloaded log level', async () => {
    const { sink, telemetry } = setup();
    telemetry.setLevel('silent');
    await telemetry.observeRequest({ correlationId: 'c', attempt: 1, method: 'GET', path: '/x' }, async () => 'ok');
    expect(sink.lines).toEqual([]);
  });

  it('works without known secrets, keeping an error message as it is', async () => {
    const { telemetry } = setupWithSecrets();
    await failWith(telemetry, new NetworkError('socket reset'));
    expect(telemetry.health().lastError?.message).toBe('socket reset');
  });

  it('ignores an empty secret rather than masking between every character', async () => {
    const { telemetry } = setupWithSecrets([new Secret(''), new Secret(API_KEY)]);
    await failWith(telemetry, new NetworkError(`reset for ${API_KEY}`));
    expect(telemetry.health().lastError?.message).toBe('reset for ***');
  });

  it('leaves lastError and timeOffsetMs out of health until there is one', () => {
    const { telemetry } = setup({ timeOffsetMs: () => undefined });
    expect(telemetry.health()).toStrictEqual({ status: 'ok', breaker: 'closed', queueDepth: 0 });
  });

  it('logs a debug line without params when a request has neither params nor a url', async () => {
    const { sink, telemetry } = setup(undefined, 'debug');
    await expect(telemetry.observeRequest(PING, async () => 'pong')).resolves.toBe('pong');
    expect(sink.records()).toEqual([
      { level: 20, time: START, ...LABELS, correlationId: 'c', method: 'GET', path: '/api/v3/ping', status: 200, attempt: 1, durationMs: 0, msg: 'request' },
    ]);
  });

  it('records an error of no known class as UNKNOWN_EXCHANGE_ERROR', async () => {
    const { sink, telemetry } = setup();
    const error = new Error('boom');
    expect(await failWith(telemetry, error)).toBe(error);
    expect(sink.records()).toEqual([
      { level: 40, time: START, ...LABELS, correlationId: 'c', method: 'GET', path: '/api/v3/ping', status: null, code: 'UNKNOWN_EXCHANGE_ERROR', attempt: 1, durationMs: 0, msg: 'request' },
    ]);
    expect(telemetry.health().lastError).toEqual({ code: 'UNKNOWN_EXCHANGE_ERROR', message: 'boom', atMs: START, correlationId: 'c' });
    expect(await telemetry.metricsText()).toContain('tradeprop_exchange_errors_total{code="UNKNOWN_EXCHANGE_ERROR",exchange="binance",account="main",environment="sim"} 1');
  });

  it('logs and counts the HTTP status that a failed request\'s error carries', async () => {
    const { sink, telemetry } = setup();
    const error = Object.assign(new Error('bad gateway'), { status: 502 });
    expect(await failWith(telemetry, error)).toBe(error);
    expect(sink.records()).toEqual([
      { level: 40, time: START, ...LABELS, correlationId: 'c', method: 'GET', path: '/api/v3/ping', status: 502, code: 'UNKNOWN_EXCHANGE_ERROR', attempt: 1, durationMs: 0, msg: 'request' },
    ]);
    expect(await telemetry.metricsText()).toContain('tradeprop_exchange_requests_total{endpoint="GET /api/v3/ping",status="502",exchange="binance",account="main",environment="sim"} 1');
  });

  it.each([
    ['null', null],
    ['undefined', undefined],
    ['a string', 'timeout'],
    ['a number', 503],
    ['an object without a status', { reason: 'reset' }],
    ['an error with a non-numeric status', Object.assign(new Error('bad gateway'), { status: '502' })],
  ])('passes on %s thrown by a request untouched, logged with no status', async (_what, thrown) => {
    const { sink, telemetry } = setup();
    expect(await failWith(telemetry, thrown)).toBe(thrown);
    expect(sink.records()).toEqual([
      { level: 40, time: START, ...LABELS, correlationId: 'c', method: 'GET', path: '/api/v3/ping', status: null, code: 'UNKNOWN_EXCHANGE_ERROR', attempt: 1, durationMs: 0, msg: 'request' },
    ]);
    expect(await telemetry.metricsText()).toContain('tradeprop_exchange_requests_total{endpoint="GET /api/v3/ping",status="none",exchange="binance",account="main",environment="sim"} 1');
  });
});
