import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { readCorpusEntry } from '../../src/corpus/store';
import { runProperty } from '../../src/verifier/run-property';
import { DEFAULT_RUNS, PREMERGE_BASE_SEED, type RunSettings } from '../../src/verifier/settings';
import { observingRuns } from '../premerge-check';
import { tradingProperty } from '../trading-property';
import { concurrentCallsLinearizable } from './concurrent-calls-linearizable';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const corpusDir = mkdtempSync(path.join(tmpdir(), 'tradeprop-interleaved-replay-'));
afterAll(() => rmSync(corpusDir, { recursive: true, force: true }));

const settings: RunSettings = {
  profile: 'premerge',
  baseSeed: PREMERGE_BASE_SEED,
  runs: DEFAULT_RUNS.premerge,
  adapterModule: 'properties/fixtures/adapters/believes-any-live-answer.ts',
  corpusDir,
  saveCorpus: true,
  deadline: undefined,
  share: undefined,
  replay: undefined,
};

/**
 * Acceptance 4 of issue 13: an interleaved counterexample replays exactly. The schedule (when
 * each call starts, each request's latency), the history of calls and answers the checker
 * judged, and the verdict are the same on every replay of the saved entry.
 */
describe('an interleaved counterexample', () => {
  it('replays with the same schedule, the same history and the same verdict, three times', async () => {
    const found = await runProperty(tradingProperty(concurrentCallsLinearizable), settings, ROOT);
    const file = found.failure?.corpusFile;
    if (found.failure === undefined || file === undefined) throw new Error('the fixture was not caught, or its counterexample not saved');
    const entry = readCorpusEntry(file);
    expect(entry.commands.some((command) => command.startsWith('concurrently('))).toBe(true);

    const replays = [];
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const histories: string[] = [];
      const spec = observingRuns(tradingProperty(concurrentCallsLinearizable), (world) => histories.push(...world.interleavedSteps.map((step) => step.history)));
      const replay = await runProperty(spec, { ...settings, profile: 'replay', saveCorpus: false, replay: { property: entry.property, seed: entry.seed, path: entry.path, replayPath: entry.replayPath } }, ROOT);
      expect(replay.failure?.message).toBe(entry.failure);
      replays.push({ steps: replay.failure?.steps, histories });
    }
    const [first, ...rest] = replays;
    if (first === undefined) throw new Error('no replay ran');
    // Schedules are in the steps' command text ("latencies 10/0 0/3", "+19ms").
    expect(first.steps?.map((step) => step.command).join('\n')).toMatch(/concurrently\(.*latencies/);
    expect(first.histories.length).toBeGreaterThan(0);
    for (const replay of rest) expect(replay).toEqual(first);
  });
});
