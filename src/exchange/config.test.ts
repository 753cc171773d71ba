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
      // The scheme is http or https exactly, not one that begins or ends so.
      [{ environment: 'sim', baseUrl: 'httpx://a.example' }, 'baseUrl', 'must be an http(s) URL'],
      [{ environment: 'sim', baseUrl: 'xhttp://a.example' }, 'baseUrl', 'must be an http(s) URL'],
      [{ environment: 'sim', retry: { maxAttempts: 1.5 } }, 'retry.maxAttempts', 'must be a positive integer'],
      [{ environment: 'sim', limits: { queueSize: '10' } }, 'limits.queueSize', 'must be a positive integer'],
      [{ environment: 'sim', credentials: { source: 'env', apiKeyVariable: '1KEY' } }, 'credentials.apiKeyVariable', 'must be an environment variable name'],
      [{ environment: 'sim', credentials: { source: 'env', secretVariable: 7 } }, 'credentials.secretVariable', 'must be an environment variable name'],
      [{ environment: 'sim', credentials: { source: 'file', path: '' } }, 'credentials.path', 'must be a file path'],
      [{ environment: 'sim', credentials: { source: 'file', path: 7 } }, 'credentials.path', 'must be a file path'],
      [{ environment: 'sim', credentials: { source: 'file', path: '/k', apiKeyVariable: 'K' } }, 'credentials.apiKeyVariable', 'is not a known field'],
      [{ environment: 'sim', logLevel: 'loud' }, 'logLevel', 'must be a pino level name'],
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

  it('names the credential variable that is missing, by name only when it is the default one', () => {
    const missingKey = configErrorOf(() => loadAdapterConfig({ environment: 'sim' }, { TRADEPROP_API_SECRET: SECRET }));
    expect([missingKey.path, missingKey.message]).toEqual([
      'credentials.apiKey',
      'configuration field credentials.apiKey: environment variable TRADEPROP_API_KEY must be set to at least 8 characters',
    ]);
    // A configured name may be a pasted key: the message points at the field instead.
    const named = { environment: 'sim', credentials: { source: 'env', apiKeyVariable: 'PASTED_KEY_1234', secretVariable: 'PASTED_SECRET_5678' } };
    const configured = configErrorOf(() => loadAdapterConfig(named, { PASTED_KEY_1234: KEY, PASTED_SECRET_5678: 'short' }));
    expect([configured.path, configured.message]).toEqual([
      'credentials.secret',
      'configuration field credentials.secret: environment variable named by credentials.secretVariable must be set to at least 8 characters',
    ]);
  });

  it('names the bad value of a credentials file by its field, never echoing it', () => {
    const fromFile = (text: string) => configErrorOf(() => loadAdapterConfig({ environment: 'sim', credentials: { source: 'file', path: '/k' } }, {}, () => text));
    const cases: Array<[object, string]> = [
      [{ apiKey: 5, secret: SECRET }, 'credentials.apiKey'],
      [{ apiKey: 'short', secret: SECRET }, 'credentials.apiKey'],
      [{ apiKey: KEY, secret: 5 }, 'credentials.secret'],
      [{ apiKey: KEY, secret: 'short' }, 'credentials.secret'],
    ];
    for (const [document, path] of cases) {
      const error = fromFile(JSON.stringify(document));
      expect([error.path, error.message]).toEqual([path, `configuration field ${path}: must be a string of at least 8 characters`]);
    }
  });

  it('says why a credentials file cannot be used: no reader, unreadable, or not JSON', () => {
    const document = { environment: 'sim', credentials: { source: 'file', path: '/k' } };
    const messages = [
      configErrorOf(() => loadAdapterConfig(document, ENV)),
      configErrorOf(() => loadAdapterConfig(document, ENV, () => {
        throw new Error(`EACCES ${SECRET}`);
      })),
      configErrorOf(() => loadAdapterConfig(document, ENV, () => '{')),
    ].map((error) => [error.path, error.message]);
    expect(messages).toEqual([
      ['credentials.path', 'configuration field credentials.path: no file reader was given to read the credentials file'],
      ['credentials.path', 'configuration field credentials.path: cannot read /k'],
      ['credentials.path', 'configuration field credentials.path: /k is not JSON of the form {"apiKey": "...", "secret": "..."}'],
    ]);
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

describe('baseUrlOf', () => {
  it('is baseUrl when set, otherwise Binance spot testnet for sandbox and the simulated venue for sim', () => {
    const sim = 'http://127.0.0.1:1';
    const set = 'http://127.0.0.1:2';
    expect(SANDBOX_ORIGIN).toBe('https://testnet.binance.vision');
    expect([
      baseUrlOf({ environment: 'sandbox' }, sim),
      baseUrlOf({ environment: 'sim' }, sim),
      baseUrlOf({ environment: 'sandbox', baseUrl: set }, sim),
      baseUrlOf({ environment: 'sim', baseUrl: set }, sim),
    ]).toEqual(['https://testnet.binance.vision', sim, set, set]);
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
