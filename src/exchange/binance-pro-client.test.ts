import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../clock/virtual-clock';
import { LiveEnvironmentRefusedError } from '../domain/errors';
import { BINANCE_ORIGIN, createBinanceClient } from './binance-client';
import { createBinanceProClient, type BinanceProEnvironment } from './binance-pro-client';

const clock = new VirtualClock();
const env: BinanceProEnvironment = {
  environment: 'sim',
  clock,
  credentials: { apiKey: 'key', secret: 'secret' },
  baseUrl: BINANCE_ORIGIN,
  fetch: async () => ({ status: 200, statusText: 'OK', headers: {}, text: async () => '{}' }),
};

describe('createBinanceProClient', () => {
  it('configures ccxt.pro.binance as createBinanceClient configures ccxt.binance', async () => {
    const rest = createBinanceClient(env);
    const pro = await createBinanceProClient(env);
    for (const key of ['defaultType', 'fetchMarkets', 'fetchCurrencies', 'fetchMargins', 'adjustForTimeDifference', 'newOrderRespType', 'fetchOpenOrders']) {
      expect([key, pro.options[key]]).toEqual([key, rest.options[key]]);
    }
    expect([pro.apiKey, pro.secret, pro.enableRateLimit, pro.fetchImplementation]).toEqual([rest.apiKey, rest.secret, rest.enableRateLimit, rest.fetchImplementation]);
    expect([pro.milliseconds(), pro.seconds(), pro.nonce()]).toEqual([clock.now(), Math.floor(clock.now() / 1000), clock.now()]);
    // Same key, clock and HMAC: the same signed request.
    expect(pro.sign('account', 'private', 'GET', {})).toEqual(rest.sign('account', 'private', 'GET', {}));
    expect(pro.safeNumber({ price: '0.1' }, 'price')).toBe('0.1');
    // REST stays on ccxt's own spot origin in-process; every ws URL moves to its wss form.
    for (const [key, url] of Object.entries(rest.urls.api)) expect([key, pro.urls.api[key]]).toEqual([key, url]);
    // https: no http agent is loaded (that is for ws:// on a loopback origin).
    expect(pro.httpAgent).toBeUndefined();
    expect(pro.urls.api.ws['ws-api'].spot).toBe('wss://api.binance.com/ws-api/v3');
    expect(JSON.stringify(pro.urls.api.ws)).not.toMatch(/(stream|ws-api|fstream|dstream)\.binance/);
  });

  it('points REST and ws URLs at a loopback origin, ws:// usable (ccxt needs its http agent loaded)', async () => {
    const pro = await createBinanceProClient({ ...env, baseUrl: 'http://127.0.0.1:4321//', fetch: undefined });
    expect(pro.urls.api.private).toBe('http://127.0.0.1:4321/api/v3');
    expect(pro.urls.api.ws['ws-api'].spot).toBe('ws://127.0.0.1:4321/ws-api/v3');
    expect(pro.httpAgent).toBeDefined();
    expect(JSON.stringify(pro.urls.api)).not.toMatch(/binance\.(com|vision)/);
  });

  it('hands the client to the WebSocket transport before anything is watched', async () => {
    const seen: unknown[] = [];
    const pro = await createBinanceProClient({ ...env, webSocket: (exchange) => seen.push(exchange) });
    expect(seen).toEqual([pro]);
  });

  it('refuses live before building anything (S4)', async () => {
    const seen: unknown[] = [];
    await expect(createBinanceProClient({ ...env, environment: 'live', webSocket: (exchange) => seen.push(exchange) })).rejects.toBeInstanceOf(LiveEnvironmentRefusedError);
    expect(seen).toEqual([]);
  });
});
