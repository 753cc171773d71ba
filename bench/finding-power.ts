import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadAdapterUnderTest } from '../src/verifier/adapter-module';
import { PropertyChecker } from '../src/verifier/harness';
import { DEFAULT_RUNS, PREMERGE_BASE_SEED, propertySeed } from '../src/verifier/settings';
import { SEEDED_BUGS, type SeededBug } from '../properties/fixtures/seeded-bug-catalog';
import { aroundRunClose } from '../properties/premerge-check';
import { tradingProperty } from '../properties/trading-property';

/** How the premerge profile fares against one seeded bug: found or not, how fast, how short. */
export interface FindingPowerEntry {
  fixture: string;
  /** The first of its properties that caught it; null when none did. */
  caughtBy: string | null;
  /** Wall seconds from the property's first run to the end of its first failing run. */
  secondsToFirstFailure: number | null;
  /** Runs up to and including the first failing one. */
  runsToFirstFailure: number | null;
  /** Wall seconds fast-check then spent shrinking. */
  shrinkSeconds: number | null;
  shrunkLength: number | null;
  shortestKnown: number;
}

export interface FindingPower {
  entries: FindingPowerEntry[];
  found: number;
  /** Median over the fixtures found. */
  medianSecondsToFirstFailure: number | null;
  medianShrinkSeconds: number | null;
}

/**
 * Every seeded-bug fixture through the premerge profile as `tradeprop run` checks it (each
 * property's fixed seed, 60 runs, no corpus), in this process: how long until the first run that
 * fails, how long shrinking takes, and the shrunk length against the shortest known. Properties
 * are tried in the catalog's order until one catches the bug, as the seeded-bug tests do.
 */
export async function measureFindingPower(projectRoot: string, bugs: readonly SeededBug[] = SEEDED_BUGS): Promise<FindingPower> {
  const entries: FindingPowerEntry[] = [];
  for (const bug of bugs) entries.push(await measureOne(projectRoot, bug));
  const found = entries.filter((entry) => entry.caughtBy !== null);
  return {
    entries,
    found: found.length,
    medianSecondsToFirstFailure: median(found.flatMap((entry) => (entry.secondsToFirstFailure === null ? [] : [entry.secondsToFirstFailure]))),
    medianShrinkSeconds: median(found.flatMap((entry) => (entry.shrinkSeconds === null ? [] : [entry.shrinkSeconds]))),
  };
}

async function measureOne(projectRoot: string, bug: SeededBug): Promise<FindingPowerEntry> {
  const { createAdapter, createExchangeFactory } = await loadAdapterUnderTest(bug.fixture, projectRoot);
  const fixture = path.basename(bug.fixture, '.ts');
  for (const options of bug.properties) {
    let runs = 0;
    let firstFailure: { seconds: number; runs: number } | undefined;
    const start = performance.now();
    // A run failed when a step recorded a difference or its close() threw (F2 judges at close).
    const spec = aroundRunClose(tradingProperty(options), async (run, close) => {
      runs += 1;
      let failed = run.trace().some((row) => row.difference !== undefined);
      try {
        await close();
      } catch (error) {
        failed = true;
        throw error;
      } finally {
        if (failed && firstFailure === undefined) firstFailure = { seconds: (performance.now() - start) / 1000, runs };
      }
    });
    const checker = new PropertyChecker(spec, createAdapter, () => undefined, createExchangeFactory);
    const outcome = await checker.check(propertySeed(PREMERGE_BASE_SEED, spec.info.name), DEFAULT_RUNS.premerge);
    const total = (performance.now() - start) / 1000;
    if (outcome.failure === undefined) continue;
    // A run that fails before its first step (the adapter cannot even start) shows no failing row.
    const first = firstFailure ?? { seconds: total, runs };
    return {
      fixture,
      caughtBy: spec.info.name,
      secondsToFirstFailure: first.seconds,
      runsToFirstFailure: first.runs,
      shrinkSeconds: total - first.seconds,
      shrunkLength: outcome.failure.commands.length,
      shortestKnown: bug.shortestKnown,
    };
  }
  return { fixture, caughtBy: null, secondsToFirstFailure: null, runsToFirstFailure: null, shrinkSeconds: null, shrunkLength: null, shortestKnown: bug.shortestKnown };
}

function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] ?? null) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}
