import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { readCorpusEntry } from '../src/corpus/store';
import { runProperty } from '../src/verifier/run-property';
import { DEFAULT_RUNS, PREMERGE_BASE_SEED, type RunSettings } from '../src/verifier/settings';
import { breakerAndRetriesUnderFaults } from './connection-resilience/breaker-and-retries-under-faults';
import { convergenceAfterHeal } from './connection-resilience/convergence-after-heal';
import { exactlyOnceUnderLostResponses } from './connection-resilience/exactly-once-under-lost-responses';
import { closeLeavesNothingBehind } from './exchange-factory/close-leaves-nothing-behind';
import { factoryOneInstancePerKey } from './exchange-factory/factory-one-instance-per-key';
import { restartLosesNothing } from './connection-resilience/restart-loses-nothing';
import { twoAdaptersOneAccount } from './data-integrity/two-adapters-one-account';
import { streamConvergesAfterFaults } from './connection-resilience/stream-converges-after-faults';
import { fillCountedOnce } from './data-integrity/fill-counted-once';
import { lateEventsNeverMoveBack } from './data-integrity/late-events-never-move-back';
import { decimalPrecision } from './data-integrity/decimal-precision';
import { ledgerConservation } from './data-integrity/ledger-conservation';
import { orderStateConsistency } from './data-integrity/order-state-consistency';
import { rateLimitAnswersHonoured } from './rate-limiting/rate-limit-answers-honoured';
import { noSecretInLogsErrorsOrReports } from './security/no-secret-in-logs-errors-or-reports';
import { skewCuredByTimeSync } from './security/skew-cured-by-time-sync';
import { tradingProperty, type TradingPropertyOptions } from './trading-property';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const corpusDir = mkdtempSync(path.join(tmpdir(), 'tradeprop-seeded-bugs-'));
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

interface SeededBug {
  fixture: string;
  /** The properties expected to catch it, tried in order until one does. */
  properties: readonly TradingPropertyOptions[];
  /** The longest shrunk counterexample accepted: 8 for issue 3's fixtures, 10 for issue 5's, 12 for the depth fixtures of issue 10. */
  maxCommands: number;
  /**
   * The shortest: 1 unless the bug needs no step at all (a close() right after creation already
   * leaves the stream behind), where the empty run is the counterexample and says so.
   */
  minCommands?: number;
}

const DATA_INTEGRITY = [orderStateConsistency, ledgerConservation, decimalPrecision];
const FIXTURES: readonly SeededBug[] = [
  { fixture: 'properties/fixtures/adapters/rounds-through-js-numbers.ts', properties: DATA_INTEGRITY, maxCommands: 8 },
  { fixture: 'properties/fixtures/adapters/cancel-keeps-locked.ts', properties: DATA_INTEGRITY, maxCommands: 8 },
  { fixture: 'properties/fixtures/adapters/partial-fill-counted-twice.ts', properties: DATA_INTEGRITY, maxCommands: 8 },
  { fixture: 'properties/fixtures/adapters/retries-placement-without-lookup.ts', properties: [exactlyOnceUnderLostResponses], maxCommands: 10 },
  { fixture: 'properties/fixtures/adapters/ignores-retry-after.ts', properties: [rateLimitAnswersHonoured], maxCommands: 10 },
  { fixture: 'properties/fixtures/adapters/retries-timestamp-error-without-resync.ts', properties: [skewCuredByTimeSync], maxCommands: 10 },
  { fixture: 'properties/fixtures/adapters/logs-request-headers.ts', properties: [noSecretInLogsErrorsOrReports], maxCommands: 10 },
  { fixture: 'properties/fixtures/adapters/breaker-never-half-opens.ts', properties: [breakerAndRetriesUnderFaults], maxCommands: 10 },
  { fixture: 'properties/fixtures/adapters/reconcile-skips-orders.ts', properties: [convergenceAfterHeal], maxCommands: 10 },
  // Bugs that need depth, each missed by the premerge profile before run shapes (f9bb544).
  { fixture: 'properties/fixtures/adapters/reads-one-page-of-order-trades.ts', properties: DATA_INTEGRITY, maxCommands: 12 },
  { fixture: 'properties/fixtures/adapters/stops-resyncing-after-four.ts', properties: [skewCuredByTimeSync], maxCommands: 12 },
  { fixture: 'properties/fixtures/adapters/forgets-windows-after-retry-after.ts', properties: [rateLimitAnswersHonoured], maxCommands: 12 },
  { fixture: 'properties/fixtures/adapters/tidies-decimals-through-numbers.ts', properties: DATA_INTEGRITY, maxCommands: 12 },
  // Issue 11: an ordinary command (a cancel of an order that already filled) reaches it.
  { fixture: 'properties/fixtures/adapters/reports-filled-cancel-as-canceled.ts', properties: [orderStateConsistency], maxCommands: 8 },
  // Issue 11: a caller placing again under a used id reaches it.
  { fixture: 'properties/fixtures/adapters/answers-a-used-id-with-its-order.ts', properties: DATA_INTEGRITY, maxCommands: 8 },
  // Issue 12: the user-data stream.
  { fixture: 'properties/fixtures/adapters/counts-a-stream-fill-again-over-rest.ts', properties: [fillCountedOnce], maxCommands: 10 },
  { fixture: 'properties/fixtures/adapters/skips-resync-after-reconnect.ts', properties: [streamConvergesAfterFaults], maxCommands: 10 },
  { fixture: 'properties/fixtures/adapters/late-event-moves-order-back.ts', properties: [lateEventsNeverMoveBack], maxCommands: 10 },
  { fixture: 'properties/fixtures/adapters/never-renews-subscription.ts', properties: [streamConvergesAfterFaults], maxCommands: 10 },
  // Issue 13: the exchange factory's lifecycle.
  { fixture: 'properties/fixtures/adapters/close-forgets-the-stream.ts', properties: [closeLeavesNothingBehind], maxCommands: 10, minCommands: 0 },
  { fixture: 'properties/fixtures/adapters/factory-builds-twice.ts', properties: [factoryOneInstancePerKey], maxCommands: 10 },
  // Issue 13: restarts (X3).
  { fixture: 'properties/fixtures/adapters/restart-forgets-in-flight-post.ts', properties: [restartLosesNothing], maxCommands: 10 },
  { fixture: 'properties/fixtures/adapters/restart-reapplies-fills.ts', properties: [restartLosesNothing], maxCommands: 10 },
  // Issue 13: two instances on one account (X2).
  { fixture: 'properties/fixtures/adapters/adopts-the-other-adapters-orders.ts', properties: [twoAdaptersOneAccount], maxCommands: 10 },
];

/**
 * Each case runs up to three premerge properties against the fixture, shrinks what fails and
 * replays it three times: with long runs that takes 20-50 s on an idle 2-core machine, and more
 * beside other test files, so well past vitest's 120 s default is allowed.
 */
const SHRINK_AND_REPLAY_TIMEOUT_MS = 300_000;

// vitest shortens a long $fixture in titles; the file's base name stays readable (and filterable).
const CASES = FIXTURES.map((bug) => ({ ...bug, name: path.basename(bug.fixture, '.ts') }));

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
