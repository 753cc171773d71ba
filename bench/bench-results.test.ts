import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { measureAdapterOverhead } from './adapter-overhead';
import { measureCcxtFloor } from './ccxt-floor';
import { measureCcxtVenue } from './ccxt-venue';
import { measureFindingPower } from './finding-power';
import { measureLinearizability } from './linearizability';
import { measureModelCommands } from './model-commands';
import { BenchResultsSchema, buildResults, IN_PROCESS_TARGET_PAIRS_PER_SECOND, writeResults } from './results';
import { spreadOf } from './stats';
import { efficiencyOf } from './workers-scaling';
import { SEEDED_BUGS } from '../properties/fixtures/seeded-bug-catalog';

describe('spreadOf', () => {
  it('gives min, median and max, the median of an even count being the mean of the middle two', () => {
    expect(spreadOf([3, 1, 2])).toEqual({ min: 1, median: 2, max: 3, samples: [3, 1, 2] });
    expect(spreadOf([4, 1, 3, 2]).median).toBe(2.5);
    expect(() => spreadOf([])).toThrow(RangeError);
  });
});

const META = {
  date: '2024-01-01T00:00:00.000Z',
  node: process.version,
  platform: 'test',
  cpuModel: 'test',
  cpuCount: 1,
  loadAverageAtStart: [0, 0, 0],
  loadAverageAtEnd: [0, 0, 0],
  gitCommit: null,
  totalSeconds: 1,
};

describe('the results file', () => {
  // Counts and shapes only: no assertion here depends on how fast anything ran.
  it('holds a tiny measurement in the schema, with the ratios derived from its figures', async () => {
    const ccxt = await measureCcxtVenue({ warmupPairs: 2, pairsPerRepetition: 5, repetitions: 3 });
    const model = await measureModelCommands({ seed: 7, warmupRuns: 1, runsPerRepetition: 6, repetitions: 2 });
    expect(model.repetitionsDetail.map((entry) => [entry.runs, entry.failure])).toEqual([[6, null], [6, null]]);
    // One instrumented check per timed repetition, pooled: 2 x 6 runs, an adapter each.
    expect(model.breakdown.adapters).toBe(12);
    expect(model.breakdown.requests).toBeGreaterThanOrEqual(6);
    expect(model.breakdown.requestsByEndpoint['GET /api/v3/exchangeInfo']).toBe(12);

    const results = buildResults(META, ccxt, model, null);
    const dir = await mkdtemp(path.join(os.tmpdir(), 'tradeprop-bench-test-'));
    try {
      const file = await writeResults(dir, 'tiny', results);
      expect(path.basename(file)).toBe('tiny.json');
      const parsed = BenchResultsSchema.parse(JSON.parse(await readFile(file, 'utf8')));
      expect(parsed.ccxtVenuePairsPerSecond.samples).toHaveLength(3);
      expect(parsed.modelCommandsPerSecond.samples).toHaveLength(2);
      expect(parsed.ratio).toBeCloseTo(parsed.modelCommandsPerSecond.median / parsed.ccxtVenuePairsPerSecond.median, 9);
      const { requests, seconds } = parsed.model.breakdown;
      expect(parsed.modelPairsEquivalentPerSecond).toBeCloseTo(requests / seconds / 2, 6);
      expect(parsed.premergeSeconds).toBeNull();
      expect(parsed.premergeMeetsTarget).toBeNull();
      const premerge = { command: 'tradeprop run', exitCode: 0, signal: null, timedOut: false, outputTail: [] };
      expect(buildResults(META, ccxt, model, { ...premerge, seconds: 29.9 }).premergeMeetsTarget).toBe(true);
      expect(buildResults(META, ccxt, model, { ...premerge, seconds: 30.1 }).premergeMeetsTarget).toBe(false);
      expect(buildResults(META, ccxt, model, { ...premerge, seconds: 20, exitCode: 1 }).premergeMeetsTarget).toBe(false);
      const { createAdapterSeconds, loadMarketsSeconds, adapterCallSeconds } = parsed.model.breakdown;
      expect(adapterCallSeconds).toBeGreaterThan(0);
      expect(parsed.setUpShare).toBeCloseTo((createAdapterSeconds + loadMarketsSeconds) / seconds, 9);
      expect(parsed.adapterCallShare).toBeCloseTo(adapterCallSeconds / seconds, 9);
      expect(parsed.setUpShare + parsed.adapterCallShare).toBeLessThan(1);
      expect(parsed.adapterBoundRatio).toBeCloseTo(parsed.model.breakdown.commands / adapterCallSeconds / parsed.ccxtVenuePairsPerSecond.median, 9);
      expect(parsed.workersScaling).toBeNull();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('holds the adapter overhead figure: one sample per round for each path, the difference derived from them', async () => {
    const overhead = await measureAdapterOverhead({ warmupOrders: 2, ordersPerRound: 20, rounds: 3 });
    const parsed = BenchResultsSchema.shape.adapterOverhead.parse(overhead);
    if (parsed === null) throw new Error('measured, so not null');
    expect(parsed.bareCpuMicrosecondsPerOrder.samples).toHaveLength(3);
    expect(parsed.adapterCpuMicrosecondsPerOrder.samples).toHaveLength(3);
    expect(parsed.overheadCpuMicrosecondsPerRound).toHaveLength(3);
    expect(parsed.overheadCpuMicrosecondsPerOrderAtMedian).toBeCloseTo(parsed.adapterCpuMicrosecondsPerOrder.median - parsed.bareCpuMicrosecondsPerOrder.median, 9);
    expect(BenchResultsSchema.shape.adapterOverhead.parse(null)).toBeNull();
  });

  it('holds the pipelined figures with their orders in flight, and says whether each in-process rate meets the target', async () => {
    const oneAtATime = await measureCcxtVenue({ warmupPairs: 2, pairsPerRepetition: 5, repetitions: 2 });
    const inProcess = await measureCcxtVenue({ warmupPairs: 4, pairsPerRepetition: 12, repetitions: 2, inFlight: 4 });
    const floor = await measureCcxtFloor({ warmupPairs: 4, pairsPerRepetition: 12, repetitions: 2, inFlight: 4 });
    const model = await measureModelCommands({ seed: 7, warmupRuns: 0, runsPerRepetition: 4, repetitions: 1 });
    const results = buildResults(META, oneAtATime, model, null, { pipelined: { inProcess, loopback: null, floor } });
    const parsed = BenchResultsSchema.parse(JSON.parse(JSON.stringify(results)));
    expect(parsed.ccxtVenue.inFlight).toBe(1);
    expect(parsed.pipelined?.inFlight).toBe(4);
    expect(parsed.pipelined?.ccxtVenue.inFlight).toBe(4);
    expect(parsed.pipelined?.ccxtAlone?.inFlight).toBe(4);
    expect(parsed.pipelined?.ccxtVenuePairsPerSecond.samples).toHaveLength(2);
    expect(parsed.pipelined?.ccxtVenueLoopback).toBeNull();
    expect(parsed.inProcessMeetsTarget).toEqual({
      oneInFlight: oneAtATime.pairsPerSecond.median >= IN_PROCESS_TARGET_PAIRS_PER_SECOND,
      pipelined: inProcess.pairsPerSecond.median >= IN_PROCESS_TARGET_PAIRS_PER_SECOND,
    });
    const fast = { ...inProcess, pairsPerSecond: spreadOf([9000]) };
    expect(buildResults(META, oneAtATime, model, null, { pipelined: { inProcess: fast, loopback: null, floor: null } }).inProcessMeetsTarget.pipelined).toBe(true);
    expect(buildResults(META, oneAtATime, model, null).inProcessMeetsTarget.pipelined).toBeNull();
  });

  it('holds the linearizability figures, one per workload and size, and says whether 1,000 operations met the target', async () => {
    const ccxt = await measureCcxtVenue({ warmupPairs: 2, pairsPerRepetition: 5, repetitions: 1 });
    const model = await measureModelCommands({ seed: 7, warmupRuns: 0, runsPerRepetition: 2, repetitions: 1 });
    const figures = measureLinearizability({ sizes: [10, 100], repetitions: 2 });
    expect(figures.map((figure) => [figure.workload, figure.operations, figure.msSpread.samples.length])).toEqual([
      ['order lifecycle', 10, 2],
      ['order lifecycle', 100, 2],
      ['key-value, 4 keys', 10, 2],
      ['key-value, 4 keys', 100, 2],
      ['register, one part', 10, 2],
      ['register, one part', 100, 2],
    ]);
    const parsed = BenchResultsSchema.parse(JSON.parse(JSON.stringify(buildResults(META, ccxt, model, null, { linearizability: figures }))));
    expect(parsed.linearizability?.figures).toHaveLength(6);
    expect(parsed.linearizability?.meetsTarget).toBeNull();
    const atThousand = figures.map((figure) => ({ ...figure, operations: 1_000 }));
    expect(buildResults(META, ccxt, model, null, { linearizability: atThousand }).linearizability?.meetsTarget).toBe(true);
    const slow = atThousand.map((figure, index) => (index === 0 ? { ...figure, ms: 1_000 } : figure));
    expect(buildResults(META, ccxt, model, null, { linearizability: slow }).linearizability?.meetsTarget).toBe(false);
    expect(buildResults(META, ccxt, model, null).linearizability).toBeNull();
  });

  it('refuses a non-positive rate rather than writing it', () => {
    const bad = { min: 0, median: 0, max: 0, samples: [0] };
    expect(BenchResultsSchema.shape.ccxtVenuePairsPerSecond.safeParse(bad).success).toBe(false);
  });
});

describe('the workers figure', () => {
  it('divides runs/s under N workers by N times runs/s under one, and has no figure without both or after a failed run', async () => {
    const one = { workers: 1, runsPerSecond: 10, exitCode: 0 };
    expect(efficiencyOf([one, { workers: 2, runsPerSecond: 17, exitCode: 0 }])).toBeCloseTo(0.85, 9);
    expect(efficiencyOf([{ workers: 2, runsPerSecond: 17, exitCode: 0 }, one])).toBeCloseTo(0.85, 9);
    expect(efficiencyOf([one])).toBeNull();
    expect(efficiencyOf([one, { workers: 2, runsPerSecond: 17, exitCode: 1 }])).toBeNull();
    // 1, 2, 2, 1: each count's mean rate, so a steady drift of the machine weighs on both alike.
    expect(efficiencyOf([one, { workers: 2, runsPerSecond: 17, exitCode: 0 }, { workers: 2, runsPerSecond: 19, exitCode: 0 }, { workers: 1, runsPerSecond: 12, exitCode: 0 }])).toBeCloseTo(18 / 22, 9);
    expect(efficiencyOf([])).toBeNull();
    const ccxt = await measureCcxtVenue({ warmupPairs: 1, pairsPerRepetition: 2, repetitions: 1 });
    const model = await measureModelCommands({ seed: 7, warmupRuns: 0, runsPerRepetition: 1, repetitions: 1 });
    const figures = buildResults(META, ccxt, model, null, { workersScaling: { seed: 1, budgetSeconds: 60, runs: [], efficiency: 0.79 } }).workersScaling;
    expect([figures?.efficiencyTarget, figures?.meetsTarget]).toEqual([0.8, false]);
  });
});

describe('the finding-power table', () => {
  // Counts only: whether each bug was found and how short its counterexample shrank.
  it('finds a seeded bug with its shrunk length beside the shortest known, and says when nothing was found', async () => {
    const [timer] = SEEDED_BUGS.filter((bug) => bug.fixture.endsWith('close-leaves-a-timer-running.ts'));
    if (timer === undefined) throw new Error('the catalog lost close-leaves-a-timer-running');
    const reference = { ...timer, fixture: 'src/exchange/reference-adapter.ts' };
    const power = await measureFindingPower(process.cwd(), [timer, reference]);
    expect(power.entries.map((entry) => [entry.fixture, entry.caughtBy, entry.shrunkLength, entry.shortestKnown])).toEqual([
      ['close-leaves-a-timer-running', 'close-leaves-nothing-behind', 0, 0],
      ['reference-adapter', null, null, 0],
    ]);
    expect(power.found).toBe(1);
    expect(power.entries[0]?.runsToFirstFailure).toBe(1);
    expect(power.medianSecondsToFirstFailure).not.toBeNull();
  });
});
