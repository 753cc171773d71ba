import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { readCorpusEntry } from '../src/corpus/store';
import { runProperty } from '../src/verifier/run-property';
import { DEFAULT_RUNS, PREMERGE_BASE_SEED, type RunSettings } from '../src/verifier/settings';
import { decimalPrecision } from './data-integrity/decimal-precision';
import { ledgerConservation } from './data-integrity/ledger-conservation';
import { orderStateConsistency } from './data-integrity/order-state-consistency';
import { tradingProperty } from './trading-property';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const corpusDir = mkdtempSync(path.join(tmpdir(), 'tradeprop-seeded-bugs-'));
afterAll(() => rmSync(corpusDir, { recursive: true, force: true }));

function premerge(adapterModule: string): RunSettings {
  return {
    profile: 'premerge',
    baseSeed: PREMERGE_BASE_SEED,
    runs: DEFAULT_RUNS.premerge,
    adapterModule,
    corpusDir,
    saveCorpus: true,
    deadline: undefined,
    replay: undefined,
  };
}

const FIXTURES = [
  'properties/fixtures/adapters/rounds-through-js-numbers.ts',
  'properties/fixtures/adapters/cancel-keeps-locked.ts',
  'properties/fixtures/adapters/partial-fill-counted-twice.ts',
];
const PROPERTIES = [orderStateConsistency, ledgerConservation, decimalPrecision];

describe.each(FIXTURES)('the premerge profile against %s', (fixture) => {
  it('fails, shrinks to at most 8 commands, saves the counterexample and replays it exactly', async () => {
    const failures = [];
    for (const options of PROPERTIES) {
      const spec = tradingProperty(options);
      const report = await runProperty(spec, premerge(fixture), ROOT);
      if (report.failure === undefined) continue;
      failures.push(report.failure.message);
      expect(report.failure.commands.length).toBeGreaterThan(0);
      expect(report.failure.commands.length).toBeLessThanOrEqual(8);
      expect(report.failure.message).not.toContain('replay was not exact');

      const file = report.failure.corpusFile;
      if (file === undefined) throw new Error('the counterexample was not saved');
      const entry = readCorpusEntry(file);
      expect(entry).toMatchObject({ property: options.name, failure: report.failure.message, commands: report.failure.commands });

      const target = { property: entry.property, seed: entry.seed, path: entry.path, replayPath: entry.replayPath };
      for (let attempt = 0; attempt < 3; attempt += 1) {
        const replay = await runProperty(spec, { ...premerge(fixture), profile: 'replay', replay: target, saveCorpus: false }, ROOT);
        expect(replay.runs).toBe(1);
        expect(replay.failure?.message).toBe(entry.failure);
        expect(replay.failure?.steps.length).toBe(entry.commands.length);
      }
    }
    expect(failures.length).toBeGreaterThan(0);
  });
});
