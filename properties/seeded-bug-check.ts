import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { readCorpusEntry } from '../src/corpus/store';
import { runProperty } from '../src/verifier/run-property';
import { DEFAULT_RUNS, PREMERGE_BASE_SEED, type RunSettings } from '../src/verifier/settings';
import { SEEDED_BUGS, type SeededBug } from './fixtures/seeded-bug-catalog';
import { tradingProperty } from './trading-property';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/**
 * The seeded-bug fixtures of one group (fixtures/seeded-bug-catalog.ts), each through the premerge
 * profile: caught, shrunk within its bounds, saved, and replayed exactly three times.
 */
export function describeSeededBugs(group: SeededBug['group']): void {
  const corpusDir = mkdtempSync(path.join(tmpdir(), `tradeprop-seeded-bugs-${group}-`));
  afterAll(() => rmSync(corpusDir, { recursive: true, force: true }));

  function premerge(adapterModule: string): RunSettings {
    return {
      profile: 'premerge',
      baseSeed: PREMERGE_BASE_SEED,
      runs: DEFAULT_RUNS.premerge,
      adapterModule,
      // One folder per fixture: a run replays its corpus first, and another fixture's entry
      // reproducing here (with another message) would stand in for this fixture's own finding.
      corpusDir: path.join(corpusDir, path.basename(adapterModule, '.ts')),
      saveCorpus: true,
      deadline: undefined,
      share: undefined,
      replay: undefined,
    };
  }

  /**
   * Each case runs up to three premerge properties against the fixture, shrinks what fails and
   * replays it three times: with long runs that takes 20-50 s on an idle 2-core machine, and more
   * beside other test files, so well past vitest's 120 s default is allowed.
   */
  const SHRINK_AND_REPLAY_TIMEOUT_MS = 300_000;

  // vitest shortens a long $fixture in titles; the file's base name stays readable (and filterable).
  const CASES = SEEDED_BUGS.filter((bug) => bug.group === group).map((bug) => ({ ...bug, name: path.basename(bug.fixture, '.ts') }));

  describe.each(CASES)('the premerge profile against $name', ({ fixture, properties, maxCommands, minCommands = 1 }) => {
    it(`fails, shrinks to at most ${maxCommands} commands, saves the counterexample and replays it exactly`, async () => {
      const failures = [];
      for (const options of properties) {
        const spec = tradingProperty(options);
        const report = await runProperty(spec, premerge(fixture), ROOT);
        if (report.failure === undefined) continue;
        failures.push(report.failure.message);
        expect(report.failure.commands.length).toBeGreaterThanOrEqual(minCommands);
        expect(report.failure.commands.length).toBeLessThanOrEqual(maxCommands);
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
        // The first property that catches it is the premerge verdict; the rest would only repeat
        // the shrinking (tens of seconds each with long runs).
        break;
      }
      expect(failures.length).toBeGreaterThan(0);
    }, SHRINK_AND_REPLAY_TIMEOUT_MS);
  });
}
