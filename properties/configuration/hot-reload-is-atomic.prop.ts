import { fc, test } from '@fast-check/vitest';
import { expect } from 'vitest';
import { ConfigError, ConfigReloadRefusedError } from '../../src/domain/errors';
import { loadAdapterConfig, parseAdapterSettings, type AdapterConfig } from '../../src/exchange/config';
import { ConfigStore } from '../../src/exchange/config-store';
import { brokenDocument, setAt, validDocument, type Document } from './config-arbitraries';

/**
 * K2: a hot reload applies a valid change atomically and keeps the old configuration when the
 * new one is invalid or touches what only a new adapter may change.
 */

const ENV = { TRADEPROP_API_KEY: 'key-AAAA1111BBBB2222', TRADEPROP_API_SECRET: 'secret-CCCC3333DDDD4444' };
const START: Document = { environment: 'sim', credentials: { source: 'env' } };

/** Reload documents keep the start's identity (environment, baseUrl, credentials) unless told not to. */
const sameIdentity = (document: Document): Document => ({ ...document, environment: 'sim', baseUrl: undefined, credentials: { source: 'env' } });

type Step =
  | { kind: 'valid'; document: Document }
  | { kind: 'invalid'; document: Document }
  | { kind: 'identity'; document: Document; field: string }
  | { kind: 'read' };

const step: fc.Arbitrary<Step> = fc.oneof(
  { arbitrary: validDocument.map((document) => ({ kind: 'valid' as const, document: sameIdentity(document) })), weight: 4 },
  // Breaking a field of a same-identity document; the identity fields themselves are the next case.
  {
    arbitrary: brokenDocument
      .filter(({ path }) => !['environment', 'baseUrl'].includes(path) && !path.startsWith('credentials'))
      .map(({ document }) => ({ kind: 'invalid' as const, document: { ...document, environment: 'sim', credentials: { source: 'env' } } })),
    weight: 2,
  },
  {
    arbitrary: fc.tuple(validDocument, fc.constantFrom(['environment', 'sandbox'], ['baseUrl', 'http://127.0.0.1:9'], ['credentials', { source: 'file', path: '/k.json' }])).map(([document, [field, value]]) => ({
      kind: 'identity' as const,
      document: setAt(sameIdentity(document), [String(field)], value),
      field: String(field),
    })),
    weight: 1,
  },
  { arbitrary: fc.constant({ kind: 'read' as const }), weight: 3 },
);

const settingsText = (config: AdapterConfig): string => JSON.stringify({ ...config, credentials: undefined });

test.prop([fc.array(step, { maxLength: 30 })], { seed: 5_201, numRuns: 150 })(
  'the current configuration is always the last valid one, whole, and each applied change is announced once',
  (steps) => {
    const store = new ConfigStore(loadAdapterConfig(START, ENV));
    const credentials = store.current().credentials;
    let expected = settingsText(store.current());
    const applied = [expected];
    const announced: string[] = [];
    const reads: Array<{ config: AdapterConfig; text: string }> = [];
    store.subscribe((next, previous) => {
      // The swap happened before the announcement, and `previous` is the one it replaced.
      expect({ isCurrent: store.current() === next, previous: settingsText(previous) }).toEqual({ isCurrent: true, previous: applied[applied.length - 1] });
      announced.push(settingsText(next));
    });

    for (const current of steps) {
      if (current.kind === 'read') {
        reads.push({ config: store.current(), text: settingsText(store.current()) });
        continue;
      }
      let outcome: string;
      try {
        store.reload(current.document);
        outcome = 'applied';
      } catch (error) {
        outcome = error instanceof ConfigReloadRefusedError ? `refused ${error.path}` : error instanceof ConfigError ? 'invalid' : 'other error';
      }
      if (current.kind === 'valid') {
        expect(outcome).toBe('applied');
        const next = JSON.stringify({ ...parseAdapterSettings(current.document), credentials: undefined });
        if (next !== expected) applied.push(next);
        expected = next;
      } else {
        expect(outcome).toBe(current.kind === 'invalid' ? 'invalid' : `refused ${current.field}`);
      }
      expect(settingsText(store.current())).toBe(expected);
      expect(store.current().credentials).toBe(credentials);
    }

    expect(announced).toEqual(applied.slice(1));
    // A configuration once read never changes under its reader, and is one applied whole.
    for (const read of reads) {
      expect(settingsText(read.config)).toBe(read.text);
      expect(applied).toContain(read.text);
    }
  },
);
