import { fc, test } from '@fast-check/vitest';
import { expect } from 'vitest';
import { ConfigError } from '../../src/domain/errors';
import { loadAdapterConfig } from '../../src/exchange/config';
import { FIELDS, brokenDocument, validDocument, valueAt } from './config-arbitraries';

/** K1: invalid configuration is refused with the path of the bad field. */

const ENV = { TRADEPROP_API_KEY: 'key-AAAA1111BBBB2222', TRADEPROP_API_SECRET: 'secret-CCCC3333DDDD4444' };

function refusalOf(document: unknown): { path: string; oneLine: boolean } | 'accepted' | 'other error' {
  try {
    loadAdapterConfig(document, ENV);
    return 'accepted';
  } catch (error) {
    if (!(error instanceof ConfigError)) return 'other error';
    return { path: error.path, oneLine: !error.message.includes('\n') && error.message.startsWith(`configuration field ${error.path}: `) };
  }
}

test.prop([brokenDocument], { seed: 5_101, numRuns: 300 })('a configuration with one bad field is refused naming that field, in one line', ({ document, path }) => {
  expect(refusalOf(document)).toEqual({ path, oneLine: true });
});

test.prop([validDocument], { seed: 5_102, numRuns: 200 })('a valid configuration loads with every given field kept', (document) => {
  const config = loadAdapterConfig(document, ENV);
  for (const { path } of FIELDS) {
    const given = valueAt(document, path);
    if (given !== undefined) expect({ path, value: valueAt(config, path) }).toEqual({ path, value: given });
  }
});

test.prop([validDocument, fc.constantFrom('limits', 'retry', 'breaker', 'history', 'features')], { seed: 5_103, numRuns: 50 })(
  'a section that is not an object names the section',
  (document, section) => {
    expect(refusalOf({ ...document, [section]: 5 })).toEqual({ path: section, oneLine: true });
  },
);
