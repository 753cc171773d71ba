import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ConfigError, LiveEnvironmentRefusedError } from '../domain/errors';
import { SANDBOX_ORIGIN, assertNotLive, baseUrlOf, credentialsForSigning, defaultAdapterSettings, loadAdapterConfig, parseAdapterSettings } from './config';
import { Secret } from './secret';

const KEY = 'key-AAAA1111BBBB2222';
const SECRET = 'secret-CCCC3333DDDD4444';
const ENV = { TRADEPROP_API_KEY: KEY, TRADEPROP_API_SECRET: SECRET };

function configErrorOf(work: () => unknown): ConfigError {
  try {
    work();
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('Secret', () => {
  const secret = new Secret(SECRET);
  it('renders *** in every string form and reveals only on request', () => {
    expect([String(secret), secret.toString(), `${secret}`, JSON.stringify({ secret }), inspect(secret), inspect({ nested: { secret } }), '' + secret]).toEqual([
      '***',
      '***',
      '***',
      '{"secret":"***"}',
      'Secret(***)',
      '{ nested: { secret: Secret(***) } }',
      '***',
    ]);
    expect(Object.keys(secret)).toEqual([]);
    expect(secret.reveal()).toBe(SECRET);
    expect(secret.equals(new Secret(SECRET))).toBe(true);
    expect(secret.equals(new Secret(`${SECRET}x`))).toBe(false);
  });
});

describe('loadAdapterConfig', () => {
  it('fills every default and reads credentials from the default variables', () => {
    const config = loadAdapterConfig({ environment: 'sim' }, ENV);
    expect(JSON.parse(JSON.stringify(config))).toEqual({
      environment: 'sim',
      credentials: { source: 'env', apiKeyVariable: 'TRADEPROP_API_KEY', secretVariable: 'TRADEPROP_API_SECRET', apiKey: '***', secret: '***' },
      limits: { weightPerMinute: 6000, ordersPer10s: 100, ordersPerDay: 200_000, queueSize: 1000 },
      retry: { maxAttempts: 6, baseDelayMs: 100, maxDelayMs: 2_000, deadlineMs: 30_000 },
      breaker: { failureThreshold: 5, openMs: 30_000 },
      history: { endedOrders: 1000 },
      features: { timeSync: true, rateLimiter: true, circuitBreaker: true },
      logLevel: 'info',
    });
    expect(credentialsForSigning(config)).toEqual({ apiKey: KEY, secret: SECRET });
    expect(Object.isFrozen(config) && Object.isFrozen(config.retry)).toBe(true);
  });

  it('reads credentials from configured variable names', () => {
    const config = loadAdapterConfig({ environment: 'sandbox', credentials: { source: 'env', apiKeyVariable: 'K', secretVariable: 'S' } }, { K: KEY, S: SECRET });
    expect(credentialsForSigning(config)).toEqual({ apiKey: KEY, secret: SECRET });
    expect(baseUrlOf(config, 'https://api.binance.com')).toBe(SANDBOX_ORIGIN);
  });

  it('reads credentials from a JSON file through the injected reader', () => {
    const files: Record<string, string> = { '/keys.json': JSON.stringify({ apiKey: KEY, secret: SECRET }) };
    const config = loadAdapterConfig({ environment: 'sim', credentials: { source: 'file', path: '/keys.json' } }, {}, (path) => files[path] ?? '');
    expect(credentialsForSigning(config)).toEqual({ apiKey: KEY, secret: SECRET });
  });

  it('names the first bad field in one line', () => {
    const cases: Array<[unknown, string, string]> = [
      [{ environment: 'sim', retry: { maxAttempts: 0 } }, 'retry.maxAttempts', 'must be a positive integer'],
      [{ environment: 'sim', retry: { baseDelayMs: 500, maxDelayMs: 100 } }, 'retry.maxDelayMs', 'must not be below retry.baseDelayMs'],
      [{ environment: 'prod' }, 'environment', "must be 'sim', 'sandbox' or 'live'"],
      [{}, 'environment', "must be 'sim', 'sandbox' or 'live'"],
      [{ environment: 'sim', retry: { maxAtempts: 3 } }, 'retry.maxAtempts', 'is not a known field'],
      [{ environment: 'sim', features: { timeSync: 'yes' } }, 'features.timeSync', 'must be true or false'],
      [{ environment: 'sim', credentials: { source: 'inline' } }, 'credentials.source', "must be 'env' or 'file'"],
      [{ environment: 'sim', baseUrl: 'ftp://x' }, 'baseUrl', 'must be an http(s) URL'],
      ['not an object', '', ''],
    ];
    for (const [input, path, problem] of cases) {
      const error = configErrorOf(() => loadAdapterConfig(input, ENV));
      expect({ path: error.path, oneLine: !error.message.includes('\n') }).toEqual({ path, oneLine: true });
      if (problem !== '') expect(error.message).toBe(`configuration field ${path}: ${problem}`);
    }
  });

  it('names the missing credential variable without any value', () => {
    const error = configErrorOf(() => loadAdapterConfig({ environment: 'sim' }, { TRADEPROP_API_KEY: KEY }));
    expect(error.message).toBe('configuration field credentials.secret: environment variable TRADEPROP_API_SECRET must be set to at least 8 characters');
  });

  it('keeps the file text out of the error when the credentials file is not JSON', () => {
    const error = configErrorOf(() => loadAdapterConfig({ environment: 'sim', credentials: { source: 'file', path: '/k' } }, {}, () => `{"apiKey": ${SECRET}`));
    expect({ path: error.path, leaks: error.message.includes(SECRET) || inspect(error).includes(SECRET) }).toEqual({ path: 'credentials.path', leaks: false });
  });

  it('refuses live', () => {
    expect(() => assertNotLive(loadAdapterConfig({ environment: 'live' }, ENV))).toThrow(LiveEnvironmentRefusedError);
    expect(() => assertNotLive({ environment: 'sandbox' })).not.toThrow();
  });
});

describe('defaultAdapterSettings', () => {
  it('is the parsed document naming only the environment, one frozen object per environment', () => {
    const sim = defaultAdapterSettings('sim');
    expect(sim).toEqual(parseAdapterSettings({ environment: 'sim' }));
    expect(defaultAdapterSettings('sim')).toBe(sim);
    expect(defaultAdapterSettings('sandbox')).toMatchObject({ environment: 'sandbox' });
    expect([sim, sim.limits, sim.features, sim.credentials].every((part) => Object.isFrozen(part))).toBe(true);
  });
});
