import { fc, test } from '@fast-check/vitest';
import { expect } from 'vitest';
import { RandomSource, VirtualClock } from '../../src/clock';
import { LiveEnvironmentRefusedError } from '../../src/domain/errors';
import { assertNotLive, baseUrlOf, credentialsForSigning, loadAdapterConfig } from '../../src/exchange/config';
import type { AdapterEnvironment, ExchangeAdapter } from '../../src/exchange/contract';
import { createAdapterFactory } from '../../src/exchange/factory';
import { validDocument } from '../configuration/config-arbitraries';

/** S4: the suite never builds an adapter for, let alone sends an order to, a `live` environment. */

const ENV = { TRADEPROP_API_KEY: 'key-AAAA1111BBBB2222', TRADEPROP_API_SECRET: 'secret-CCCC3333DDDD4444' };
const ENVIRONMENTS = ['sim', 'sandbox', 'live'] as const;

test.prop([validDocument, fc.constantFrom(...ENVIRONMENTS), fc.constantFrom(...ENVIRONMENTS), fc.string({ minLength: 1, maxLength: 8 })], { seed: 5_401, numRuns: 200 })(
  'a live configuration or key is refused before any adapter is created',
  async (document, configured, keyed, account) => {
    const config = loadAdapterConfig({ ...document, environment: configured }, ENV);
    const created: string[] = [];
    const factory = createAdapterFactory(async (env) => {
      created.push(env.environment);
      return { close: async () => undefined } as unknown as ExchangeAdapter;
    });
    const env: AdapterEnvironment = {
      environment: config.environment,
      clock: new VirtualClock(),
      random: new RandomSource('live-is-refused').stream('adapter'),
      credentials: credentialsForSigning(config),
      baseUrl: baseUrlOf(config, 'https://api.binance.com'),
    };
    const outcome = await factory.get({ exchange: 'binance', account, environment: keyed }, env).then(
      () => 'created',
      (error: unknown) => (error instanceof LiveEnvironmentRefusedError ? 'live refused' : 'other refusal'),
    );
    await factory.closeAll();

    const live = configured === 'live' || keyed === 'live';
    const expected = live
      ? { outcome: 'live refused', created: [] }
      : configured === keyed
        ? { outcome: 'created', created: [configured] }
        : { outcome: 'other refusal', created: [] };
    expect({ outcome, created }).toEqual(expected);
    expect(refusesLive(() => assertNotLive(config))).toBe(configured === 'live');
  },
);

function refusesLive(check: () => void): boolean {
  try {
    check();
    return false;
  } catch (error) {
    return error instanceof LiveEnvironmentRefusedError;
  }
}
