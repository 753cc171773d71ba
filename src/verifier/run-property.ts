import path from 'node:path';
import type { CorpusEntry } from '../corpus/entry';
import { modelFingerprint, tradepropVersion } from '../corpus/fingerprint';
import { loadCorpus, writeCorpusEntry } from '../corpus/store';
import { loadAdapterUnderTest, REFERENCE_ADAPTER } from './adapter-module';
import { budgetClock, PropertyChecker, type CheckOutcome, type ModelPropertySpec } from './harness';
import { fairShareMs, mayStartBatch } from './budget-share';
import { UNREACHED_CLAIMS } from './lanes';
import { finishedProperties, reportFinished, reportProgress, setRunningProperty } from './progress';
import type { CorpusReplayResult, PropertyFailure, PropertyRunReport } from './protocol';
import { ONE_LANE, propertySeed, type RunSettings } from './settings';

/** Batches a property may run beyond its profile's to reach a claimed transition it has not reached. */
export const COVERAGE_BATCHES = 5;

/**
 * An extended run checks its budget between batches of at most this many runs: a batch of 100
 * long runs took up to 20 s on a busy 2-core machine, so a 30 s budget ended after 105 s.
 */
export const EXTENDED_BATCH_RUNS = 10;

/**
 * One property under one profile: replay its corpus entries first, then fresh runs (premerge:
 * fixed seed; extended: batches until the deadline; replay: the one target). A new
 * counterexample is replayed once more to prove the replay exact, then saved to the corpus.
 */
export async function runProperty<S, M extends object, R>(
  spec: ModelPropertySpec<S, M, R>,
  settings: RunSettings,
  projectRoot: string,
): Promise<PropertyRunReport> {
  try {
    return await runPropertyOnce(spec, settings, projectRoot);
  } finally {
    // Said again at the very end (the first says the budget is free): the CLI's watchdog stops
    // watching this worker until its next heartbeat.
    reportFinished(spec.info.name);
  }
}

async function runPropertyOnce<S, M extends object, R>(
  spec: ModelPropertySpec<S, M, R>,
  settings: RunSettings,
  projectRoot: string,
): Promise<PropertyRunReport> {
  const name = spec.info.name;
  const { createAdapter, createExchangeFactory } = await loadAdapterUnderTest(settings.adapterModule, projectRoot);
  let failures = 0;
  let totalRuns = 0;
  const checker = new PropertyChecker(
    spec,
    createAdapter,
    (runsInCheck, commands) => reportProgress({ property: name, runs: totalRuns + runsInCheck, commands, failures }),
    createExchangeFactory,
  );
  const seed = settings.replay?.seed ?? propertySeed(settings.baseSeed, name);
  const started = budgetClock.now();
  const report = (failure: PropertyFailure | undefined, corpusReplayed: CorpusReplayResult[]): PropertyRunReport => ({
    property: name,
    category: spec.info.category,
    invariants: spec.info.invariants,
    critical: spec.info.critical,
    profile: settings.profile,
    seed,
    runs: totalRuns,
    commands: checker.commandsExecuted,
    timeMs: budgetClock.now() - started,
    transitionsCovered: [...checker.coverage.taken().keys()].sort(),
    transitionCounts: Object.fromEntries([...checker.coverage.taken()].sort(([a], [b]) => a.localeCompare(b))),
    transitionsClaimed: [...spec.claims],
    faultsInjected: Object.fromEntries([...checker.faultsInjected].sort(([a], [b]) => a.localeCompare(b))),
    rateLimitWeight: checker.weightUsed,
    corpusReplayed,
    failure,
  });

  const notApplicable = await spec.notApplicableTo?.(createAdapter);
  if (notApplicable !== undefined) return { ...report(undefined, []), notApplicable };

  if (settings.profile === 'replay' && settings.replay !== undefined) {
    setRunningProperty(name, settings.replay.seed);
    const outcome = await checker.check(settings.replay.seed, 1, settings.replay);
    totalRuns = 1;
    return report(outcome.failure && { ...outcome.failure, steps: [...checker.trace] }, []);
  }

  // Lanes split the fresh seeds; the stored counterexamples are replayed once, by the first.
  const lane = settings.lane ?? ONE_LANE;
  const seedOfBatch = (index: number): number => seed + lane.index + index * lane.count;
  const corpusReplayed: CorpusReplayResult[] = [];
  for (const { file, entry } of lane.index === 0 ? loadCorpus(settings.corpusDir).filter(({ entry }) => entry.property === name) : []) {
    setRunningProperty(name, entry.seed);
    const outcome = await checker.check(entry.seed, 1, entry);
    totalRuns += 1;
    corpusReplayed.push({ file, reproduced: outcome.failure !== undefined, message: outcome.failure?.message });
    if (outcome.failure !== undefined) return report({ ...outcome.failure, steps: [...checker.trace], corpusFile: file }, corpusReplayed);
  }

  let outcome: CheckOutcome = { runs: 0 };
  let batch = 0;
  const shareMs = shareOf(settings, name, started);
  const batchRuns = settings.profile === 'extended' ? Math.min(settings.runs, EXTENDED_BATCH_RUNS) : settings.runs;
  for (; ; batch += 1) {
    const seen = checker.coverage.taken().size + checker.faultsInjected.size;
    setRunningProperty(name, seedOfBatch(batch));
    outcome = await checker.check(seedOfBatch(batch), batchRuns);
    totalRuns += outcome.runs;
    if (outcome.failure !== undefined || settings.profile !== 'extended' || settings.deadline === undefined) break;
    const lastBatchNovel = checker.coverage.taken().size + checker.faultsInjected.size > seen;
    if (!mayStartBatch({ now: budgetClock.now(), deadline: settings.deadline, started, shareMs, lastBatchNovel })) break;
  }
  // Coverage is judged over every batch, and a claim is a goal, not a draw: while one is
  // unreached, more batches run (the next seeds), up to COVERAGE_BATCHES, so a verdict of
  // "never reached" means the generators cannot reach it, not that one batch was unlucky.
  for (let extra = 1; outcome.failure === undefined && extra <= COVERAGE_BATCHES && checker.coverage.unreached(spec.claims).length > 0; extra += 1) {
    setRunningProperty(name, seedOfBatch(batch + extra));
    // Full batches here: a claim is judged on as many runs as a premerge batch would give it.
    outcome = await checker.check(seedOfBatch(batch + extra), settings.runs);
    totalRuns += outcome.runs;
  }

  // No batch follows (what is left is the replay that proves a counterexample exact): the
  // properties still to come may take the rest of the budget now.
  reportFinished(name);
  const found = outcome.failure;
  if (found === undefined) {
    const unreached = checker.coverage.unreached(spec.claims);
    if (unreached.length === 0) return report(undefined, corpusReplayed);
    const message = `${UNREACHED_CLAIMS} in ${totalRuns} runs: ${unreached.join(', ')}`;
    return report({ message, seed, path: '', replayPath: '', commands: [], steps: [] }, corpusReplayed);
  }
  failures += 1;
  setRunningProperty(name, found.seed);
  const replayed = await checker.check(found.seed, 1, found);
  const exact = replayed.failure?.message === found.message;
  const failure: PropertyFailure = {
    ...found,
    message: exact ? found.message : `${found.message} (replay was not exact: ${replayed.failure?.message ?? 'it passed'})`,
    steps: [...checker.trace],
  };
  if (settings.saveCorpus) failure.corpusFile = writeCorpusEntry(settings.corpusDir, corpusEntryOf(name, failure, settings, projectRoot));
  return report(failure, corpusReplayed);
}

/**
 * An extended property's share of what is left of the run's budget when it starts
 * (budget-share.ts); without the CLI's split (a plain vitest run), everything up to the deadline.
 */
function shareOf(settings: RunSettings, name: string, started: number): number {
  if (settings.deadline === undefined) return 0;
  if (settings.share === undefined) return Math.max(0, settings.deadline - started);
  return fairShareMs({ now: started, deadline: settings.deadline, ...settings.share, finished: finishedProperties(name) });
}

function corpusEntryOf(property: string, failure: PropertyFailure, settings: RunSettings, projectRoot: string): CorpusEntry {
  return {
    version: 1,
    property,
    seed: failure.seed,
    path: failure.path,
    replayPath: failure.replayPath,
    commands: failure.commands,
    failure: failure.message,
    tradepropVersion: tradepropVersion(projectRoot),
    fingerprint: modelFingerprint(projectRoot),
    adapter: path.relative(projectRoot, path.resolve(projectRoot, settings.adapterModule ?? REFERENCE_ADAPTER)),
  };
}
