import { inspect } from 'node:util';
import { fc, test } from '@fast-check/vitest';
import { expect } from 'vitest';
import { VirtualClock } from '../../src/clock';
import { NetworkError } from '../../src/domain/errors';
import { loadAdapterConfig, type AdapterConfig } from '../../src/exchange/config';
import { ConfigStore } from '../../src/exchange/config-store';
import { memorySink } from '../../src/exchange/request-log';
import { AdapterTelemetry } from '../../src/exchange/telemetry';
import { brokenDocument, setAt, validDocument } from '../configuration/config-arbitraries';

/**
 * S1 (unit level): no API key or secret appears in any string form of the configuration, in any
 * error that loading or reloading it throws, in any log line (request headers and params
 * included) or in the metrics text.
 */

// Characters JSON escapes are in the alphabet: a leak may then only show in escaped form.
const credential = fc.string({ unit: fc.constantFrom(...'ABCDEFabcdef0123456789-_+/="\\'), minLength: 16, maxLength: 64 });
const credentials = fc.tuple(credential, credential).filter(([apiKey, secret]) => apiKey !== secret);

function leaks(text: string, values: readonly string[]): string[] {
  return values.filter((value) => text.includes(value) || text.includes(JSON.stringify(value).slice(1, -1)));
}

function errorText(work: () => unknown): string {
  try {
    work();
    return '';
  } catch (error) {
    return error instanceof Error ? `${error.message}\n${String(error)}\n${inspect(error, { depth: null })}` : String(error);
  }
}

test.prop([credentials, validDocument, brokenDocument], { seed: 5_301, numRuns: 100 })(
  'no key or secret in the configuration, its errors, its log lines or its metrics',
  async ([apiKey, secret], document, broken) => {
    const values = [apiKey, secret];
    const env = { TRADEPROP_API_KEY: apiKey, TRADEPROP_API_SECRET: secret };
    const config: AdapterConfig = loadAdapterConfig({ ...document, environment: 'sim', baseUrl: undefined, credentials: { source: 'env' } }, env);
    const outputs: string[] = [JSON.stringify(config), inspect(config, { depth: null }), String(config.credentials.apiKey), `${config.credentials.secret}`];

    // Errors: a broken document, credentials files that are broken or pasted into the document.
    outputs.push(errorText(() => loadAdapterConfig(broken.document, env)));
    const file = (text: string) => () => loadAdapterConfig({ environment: 'sim', credentials: { source: 'file', path: '/keys.json' } }, {}, () => text);
    outputs.push(errorText(file(`{"apiKey": ${apiKey}, "secret": "${secret}"`)));
    outputs.push(errorText(file(JSON.stringify({ apiKey, secret: 5 }))));
    outputs.push(errorText(file(JSON.stringify({ apiKey: secret.slice(0, 4), secret }))));
    outputs.push(errorText(() => loadAdapterConfig(setAt({ environment: 'sim' }, ['credentials'], { source: 'env', apiKey, secret }), env)));
    outputs.push(errorText(() => loadAdapterConfig({ environment: 'sim', credentials: { source: 'env', apiKeyVariable: 'K', secretVariable: 'S' } }, { K: apiKey, S: secret.slice(0, 3) })));
    const store = new ConfigStore(config);
    outputs.push(errorText(() => store.reload(broken.document)));
    outputs.push(errorText(() => store.reload({ environment: 'sandbox', credentials: { source: 'env' } })));
    outputs.push(inspect(store, { depth: null }));

    // Log lines and metrics, at debug level so headers and params are written too.
    const sink = memorySink();
    const clock = new VirtualClock();
    const telemetry = new AdapterTelemetry({ clock, destination: sink, labels: { exchange: 'binance', account: 'a', environment: 'sim' }, secrets: [config.credentials.apiKey, config.credentials.secret], level: 'debug' });
    const headers = { 'X-MBX-APIKEY': apiKey, 'x-mbx-apikey': apiKey, Authorization: secret };
    await telemetry.observeRequest({ correlationId: 'c1', attempt: 1, method: 'POST', path: '/api/v3/order', headers, params: { signature: secret, apiKey, secret, note: `key=${apiKey}` } }, async () => 'ok');
    await telemetry
      .observeRequest({ correlationId: 'c1', attempt: 2, method: 'GET', path: '/api/v3/order', headers }, async () => Promise.reject(new NetworkError(`request with ${apiKey} and ${secret} failed`)))
      .catch(() => undefined);
    const instrumented = telemetry.instrumentFetch(async () => ({ status: 401, statusText: 'no', headers: {}, text: async () => '{}' }));
    await instrumented(`https://api.binance.com/api/v3/account?timestamp=1&signature=${encodeURIComponent(secret)}`, { method: 'GET', headers });
    telemetry.logger.info({ config, credentials: config.credentials, raw: { apiKey, secret } }, `loaded with ${apiKey}`);
    outputs.push(...sink.lines, await telemetry.metricsText(), JSON.stringify(telemetry.health()));

    expect(outputs.flatMap((output, index) => leaks(output, values).map(() => `output #${index}: ${output.slice(0, 200)}`))).toEqual([]);
    // The check would see a leak: the raw values are where they belong, in reveal().
    expect(leaks(`${config.credentials.apiKey.reveal()} ${config.credentials.secret.reveal()}`, values)).toEqual(values);
  },
);
