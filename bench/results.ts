import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import type { AdapterOverheadResult } from './adapter-overhead';
import type { CcxtFloorResult } from './ccxt-floor';
import type { CcxtVenueResult } from './ccxt-venue';
import type { FindingPower } from './finding-power';
import { LINEARIZABILITY_TARGET_MS_AT_1000, type LinearizabilityFigure } from './linearizability';
import type { ModelCommandsResult } from './model-commands';
import type { PremergeResult } from './premerge';
import type { PremergeDepth } from './premerge-depth';
import { WORKERS_EFFICIENCY_TARGET, type WorkersScaling } from './workers-scaling';

/** Issue 15: the whole premerge profile in 30 s or less on the 2-core machine (issue 10 asked 60 s). */
export const PREMERGE_TARGET_SECONDS = 30;
/** Issue 15: model commands/s at least half the bare ccxt -> venue pair rate. */
export const RATIO_TARGET = 0.5;
/** Issue 15: creating adapters and loading their markets under a tenth of a model run. */
export const SET_UP_SHARE_TARGET = 0.1;
/** Issue 4, acceptance 5: limit create+cancel pairs per second through ccxt, in-process. */
export const IN_PROCESS_TARGET_PAIRS_PER_SECOND = 8000;

const SpreadSchema = z.object({
  min: z.number().positive(),
  median: z.number().positive(),
  max: z.number().positive(),
  samples: z.array(z.number().positive()).min(1),
});

const BreakdownSchema = z.object({
  adapters: z.number().int().nonnegative(),
  createAdapterSeconds: z.number().nonnegative(),
  loadMarketsSeconds: z.number().nonnegative(),
  adapterCallSeconds: z.number().nonnegative(),
  venueFetchSeconds: z.number().nonnegative(),
  requests: z.number().int().nonnegative(),
  requestsByEndpoint: z.record(z.string(), z.number().int().nonnegative()),
  seconds: z.number().nonnegative(),
  commands: z.number().int().nonnegative(),
});

const CcxtVenueDetailSchema = z.object({
  transport: z.enum(['in-process', 'loopback']),
  /** Pairs on their way at once: 1, or a batch started together (pipelined). */
  inFlight: z.number().int().positive(),
  warmupPairs: z.number().int().nonnegative(),
  pairsPerRepetition: z.number().int().positive(),
  repetitions: z.number().int().positive(),
  pairsPerCpuSecond: SpreadSchema,
  microsecondsPerPairAtMedian: z.number().positive(),
  /** Per CPU second of the process: steadier than wall time on a shared machine. */
  cpuMicrosecondsPerPairAtMedian: z.number().positive(),
});

const CcxtAloneSchema = z.object({
  inFlight: z.number().int().positive(),
  warmupPairs: z.number().int().nonnegative(),
  pairsPerRepetition: z.number().int().positive(),
  repetitions: z.number().int().positive(),
  pairsPerCpuSecond: SpreadSchema,
  cpuMicrosecondsPerPairAtMedian: z.number().positive(),
});

/** The ccxt create+cancel loops, with the same field names one pair at a time and pipelined. */
const CcxtLoopsShape = {
  /** In-process: ccxt's fetchImplementation is the venue's. Acceptance asks >= 8,000 (see README for this machine). */
  ccxtVenuePairsPerSecond: SpreadSchema,
  ccxtVenue: CcxtVenueDetailSchema,
  /** Over loopback HTTP (`startLoopbackServer`, same process); null when not measured. */
  ccxtVenueLoopbackPairsPerSecond: SpreadSchema.nullable(),
  ccxtVenueLoopback: CcxtVenueDetailSchema.nullable(),
  /** ccxt alone against canned answers: the floor under both venue figures; null when not measured. */
  ccxtAlonePairsPerSecond: SpreadSchema.nullable(),
  ccxtAlone: CcxtAloneSchema.nullable(),
};

/** The reference adapter's cost per placed order over bare ccxt, in-process (issue 5, acceptance 5). */
const AdapterOverheadSchema = z.object({
  transport: z.literal('in-process'),
  warmupOrders: z.number().int().nonnegative(),
  ordersPerRound: z.number().int().positive(),
  rounds: z.number().int().positive(),
  /** CPU us per placed order (limit POST + its cancel) through bare ccxt, one sample per round. */
  bareCpuMicrosecondsPerOrder: SpreadSchema,
  /** The same through the reference adapter (`place` + `cancel`). */
  adapterCpuMicrosecondsPerOrder: SpreadSchema,
  bareMicrosecondsPerOrder: SpreadSchema,
  adapterMicrosecondsPerOrder: SpreadSchema,
  /** adapter - bare, round by round (paired, interleaved rounds). */
  overheadCpuMicrosecondsPerRound: z.array(z.number()).min(1),
  /** adapterCpuMicrosecondsPerOrder.median - bareCpuMicrosecondsPerOrder.median. */
  overheadCpuMicrosecondsPerOrderAtMedian: z.number(),
  /** Median of overheadCpuMicrosecondsPerRound: steadier when one round is disturbed. */
  overheadCpuMicrosecondsPerOrderPairedMedian: z.number(),
  overheadRatio: z.number().positive(),
});

/** The linearizability checker's time by history size (issue 13), per workload. */
const LinearizabilitySchema = z.object({
  targetMsAt1000: z.literal(LINEARIZABILITY_TARGET_MS_AT_1000),
  /** Every workload's 1,000-operation median under the target; null when no size of 1,000 was measured. */
  meetsTarget: z.boolean().nullable(),
  figures: z.array(
    z.object({
      workload: z.string(),
      operations: z.number().int().positive(),
      parts: z.number().int().positive(),
      clients: z.number().int().positive(),
      /** Median wall milliseconds of one check. */
      ms: z.number().nonnegative(),
      msSpread: z.object({ min: z.number().nonnegative(), median: z.number().nonnegative(), max: z.number().nonnegative(), samples: z.array(z.number().nonnegative()).min(1) }),
      steps: z.number().nonnegative(),
    }),
  ),
});

export const BenchResultsSchema = z.object({
  meta: z.object({
    date: z.string(),
    node: z.string(),
    platform: z.string(),
    cpuModel: z.string(),
    cpuCount: z.number().int().positive(),
    /** 1, 5 and 15 minute load averages when the bench started and ended: a busy machine lowers every rate. */
    loadAverageAtStart: z.array(z.number()),
    loadAverageAtEnd: z.array(z.number()),
    gitCommit: z.string().nullable(),
    totalSeconds: z.number().nonnegative(),
  }),
  /** The three ccxt loops one pair at a time. */
  ...CcxtLoopsShape,
  /**
   * The same three loops with PIPELINED_IN_FLIGHT pairs started together, as a client with
   * several orders on their way sends them; null when not measured.
   */
  pipelined: z.object({ inFlight: z.number().int().positive(), ...CcxtLoopsShape }).nullable(),
  inProcessTargetPairsPerSecond: z.literal(IN_PROCESS_TARGET_PAIRS_PER_SECOND),
  /** Median in-process rate at or above the target, one order at a time and pipelined (null: not measured). */
  inProcessMeetsTarget: z.object({ oneInFlight: z.boolean(), pipelined: z.boolean().nullable() }),
  /** Null when not measured. */
  adapterOverhead: AdapterOverheadSchema.nullable(),
  modelCommandsPerSecond: SpreadSchema,
  model: z.object({
    property: z.string(),
    checks: z.array(z.string()),
    seed: z.number().int(),
    warmupRuns: z.number().int().nonnegative(),
    runsPerRepetition: z.number().int().positive(),
    repetitions: z.number().int().positive(),
    commandsPerCpuSecond: SpreadSchema,
    runsPerSecond: SpreadSchema,
    commandsPerRun: z.number().nonnegative(),
    repetitionsDetail: z.array(
      z.object({
        seconds: z.number().nonnegative(),
        cpuSeconds: z.number().nonnegative(),
        runs: z.number().int().nonnegative(),
        commands: z.number().int().nonnegative(),
        failure: z.string().nullable(),
      }),
    ),
    breakdown: BreakdownSchema,
  }),
  /** modelCommandsPerSecond.median / ccxtVenuePairsPerSecond.median. */
  ratio: z.number().nonnegative(),
  ratioTarget: z.literal(RATIO_TARGET),
  /** Share of the instrumented model check spent in createAdapter and loadMarkets. */
  setUpShare: z.number().nonnegative(),
  setUpShareTarget: z.literal(SET_UP_SHARE_TARGET),
  /**
   * Share of the instrumented model check spent inside the adapter's calls (set-up excluded):
   * the system under test's own time; the rest is the verifier's (generation, model, checks).
   */
  adapterCallShare: z.number().nonnegative(),
  /**
   * The ratio's ceiling with a verifier that cost nothing: the instrumented check's commands per
   * second spent inside the adapter's calls (set-up excluded), over ccxtVenuePairsPerSecond.median.
   */
  adapterBoundRatio: z.number().nonnegative(),
  /** Venue requests per second of the model run, halved: a create+cancel pair is two requests. */
  modelPairsEquivalentPerSecond: z.number().nonnegative(),
  /** modelPairsEquivalentPerSecond / ccxtVenuePairsPerSecond.median. */
  pairsEquivalentRatio: z.number().nonnegative(),
  premergeSeconds: z.number().nonnegative().nullable(),
  /** Issue 10: the whole premerge profile in 60 s or less on the 2-core machine (issue 5 asked 90 s). */
  premergeTargetSeconds: z.literal(PREMERGE_TARGET_SECONDS),
  /** premergeSeconds within the target and the CLI exited 0 (every property passed); null when skipped. */
  premergeMeetsTarget: z.boolean().nullable(),
  premerge: z
    .object({
      command: z.string(),
      exitCode: z.number().int().nullable(),
      signal: z.string().nullable(),
      timedOut: z.boolean(),
      outputTail: z.array(z.string()),
    })
    .nullable(),
  /** The depth the premerge batches reach (premerge-depth.ts); null when skipped. */
  premergeDepth: z
    .object({
      longestRun: z.number().int().nonnegative(),
      mostOrdersInARun: z.number().int().nonnegative(),
      mostTradesOnOneOrder: z.number().int().nonnegative(),
      properties: z.array(
        z.object({
          property: z.string(),
          runs: z.number().int().nonnegative(),
          longestRun: z.number().int().nonnegative(),
          meanRunLength: z.number().nonnegative(),
          mostOrdersInARun: z.number().int().nonnegative(),
          meanOrdersPerRun: z.number().nonnegative(),
          mostTradesOnOneOrder: z.number().int().nonnegative(),
        }),
      ),
    })
    .nullable(),
  /** Null when not measured. */
  linearizability: LinearizabilitySchema.nullable(),
  /** The extended profile under 1 and 2 workers, same seed and budget (workers-scaling.ts); null when skipped. */
  workersScaling: z
    .object({
      seed: z.number().int(),
      budgetSeconds: z.number().positive(),
      runs: z.array(
        z.object({
          workers: z.number().int().positive(),
          seconds: z.number().positive(),
          exitCode: z.number().int().nullable(),
          runs: z.number().int().nonnegative(),
          commands: z.number().int().nonnegative(),
          runsPerSecond: z.number().nonnegative(),
          properties: z.number().int().nonnegative(),
        }),
      ),
      efficiency: z.number().nonnegative().nullable(),
      efficiencyTarget: z.literal(WORKERS_EFFICIENCY_TARGET),
      meetsTarget: z.boolean().nullable(),
    })
    .nullable(),
  /** Every seeded-bug fixture through the premerge profile (finding-power.ts); null when skipped. */
  findingPower: z
    .object({
      entries: z.array(
        z.object({
          fixture: z.string(),
          caughtBy: z.string().nullable(),
          secondsToFirstFailure: z.number().nonnegative().nullable(),
          runsToFirstFailure: z.number().int().nonnegative().nullable(),
          shrinkSeconds: z.number().nonnegative().nullable(),
          shrunkLength: z.number().int().nonnegative().nullable(),
          shortestKnown: z.number().int().nonnegative(),
        }),
      ),
      found: z.number().int().nonnegative(),
      medianSecondsToFirstFailure: z.number().nonnegative().nullable(),
      medianShrinkSeconds: z.number().nonnegative().nullable(),
    })
    .nullable(),
});

export type BenchResults = z.infer<typeof BenchResultsSchema>;

/** Validates `results` and writes them as `<dir>/<name>.json`; returns the file's path. */
export async function writeResults(dir: string, name: string, results: BenchResults): Promise<string> {
  const valid = BenchResultsSchema.parse(results);
  await mkdir(dir, { recursive: true });
  const file = path.join(dir, `${name}.json`);
  await writeFile(file, `${JSON.stringify(valid, null, 2)}\n`);
  return file;
}

export type BenchMeta = BenchResults['meta'];

/** The figures of one bench run, with the derived ratios, in the results file's shape. */
export interface ExtraFigures {
  loopback?: CcxtVenueResult | null | undefined;
  floor?: CcxtFloorResult | null | undefined;
  adapterOverhead?: AdapterOverheadResult | null | undefined;
  pipelined?: PipelinedFigures | null | undefined;
  premergeDepth?: PremergeDepth | null | undefined;
  linearizability?: readonly LinearizabilityFigure[] | null | undefined;
  findingPower?: FindingPower | null | undefined;
  workersScaling?: WorkersScaling | null | undefined;
}

/** The in-process, loopback and ccxt-alone loops with several pairs in flight. */
export interface PipelinedFigures {
  inProcess: CcxtVenueResult;
  loopback: CcxtVenueResult | null;
  floor: CcxtFloorResult | null;
}

function venueDetail(result: CcxtVenueResult): BenchResults['ccxtVenue'] {
  return {
    transport: result.transport,
    inFlight: result.inFlight,
    warmupPairs: result.warmupPairs,
    pairsPerRepetition: result.pairsPerRepetition,
    repetitions: result.repetitions,
    pairsPerCpuSecond: result.pairsPerCpuSecond,
    microsecondsPerPairAtMedian: result.microsecondsPerPairAtMedian,
    cpuMicrosecondsPerPairAtMedian: result.cpuMicrosecondsPerPairAtMedian,
  };
}

function aloneDetail(result: CcxtFloorResult): NonNullable<BenchResults['ccxtAlone']> {
  return {
    inFlight: result.inFlight,
    warmupPairs: result.warmupPairs,
    pairsPerRepetition: result.pairsPerRepetition,
    repetitions: result.repetitions,
    pairsPerCpuSecond: result.pairsPerCpuSecond,
    cpuMicrosecondsPerPairAtMedian: result.cpuMicrosecondsPerPairAtMedian,
  };
}

function loopFigures(inProcess: CcxtVenueResult, loopback: CcxtVenueResult | null, floor: CcxtFloorResult | null) {
  return {
    ccxtVenuePairsPerSecond: inProcess.pairsPerSecond,
    ccxtVenue: venueDetail(inProcess),
    ccxtVenueLoopbackPairsPerSecond: loopback?.pairsPerSecond ?? null,
    ccxtVenueLoopback: loopback === null ? null : venueDetail(loopback),
    ccxtAlonePairsPerSecond: floor?.pairsPerSecond ?? null,
    ccxtAlone: floor === null ? null : aloneDetail(floor),
  };
}

export function buildResults(meta: BenchMeta, ccxt: CcxtVenueResult, model: ModelCommandsResult, premerge: PremergeResult | null, extra: ExtraFigures = {}): BenchResults {
  const pipelined = extra.pipelined ?? null;
  const { breakdown } = model;
  const requestsPerSecond = breakdown.seconds > 0 ? breakdown.requests / breakdown.seconds : 0;
  const modelPairsEquivalentPerSecond = requestsPerSecond / 2;
  return {
    meta,
    ...loopFigures(ccxt, extra.loopback ?? null, extra.floor ?? null),
    pipelined: pipelined === null ? null : { inFlight: pipelined.inProcess.inFlight, ...loopFigures(pipelined.inProcess, pipelined.loopback, pipelined.floor) },
    inProcessTargetPairsPerSecond: IN_PROCESS_TARGET_PAIRS_PER_SECOND,
    inProcessMeetsTarget: {
      oneInFlight: ccxt.pairsPerSecond.median >= IN_PROCESS_TARGET_PAIRS_PER_SECOND,
      pipelined: pipelined === null ? null : pipelined.inProcess.pairsPerSecond.median >= IN_PROCESS_TARGET_PAIRS_PER_SECOND,
    },
    adapterOverhead: extra.adapterOverhead ?? null,
    modelCommandsPerSecond: model.commandsPerSecond,
    model: {
      property: model.property,
      checks: model.checks,
      seed: model.seed,
      warmupRuns: model.warmupRuns,
      runsPerRepetition: model.runsPerRepetition,
      repetitions: model.repetitions,
      commandsPerCpuSecond: model.commandsPerCpuSecond,
      runsPerSecond: model.runsPerSecond,
      commandsPerRun: model.commandsPerRun,
      repetitionsDetail: model.repetitionsDetail,
      breakdown,
    },
    ratio: model.commandsPerSecond.median / ccxt.pairsPerSecond.median,
    ratioTarget: RATIO_TARGET,
    setUpShare: breakdown.seconds > 0 ? (breakdown.createAdapterSeconds + breakdown.loadMarketsSeconds) / breakdown.seconds : 0,
    setUpShareTarget: SET_UP_SHARE_TARGET,
    adapterCallShare: breakdown.seconds > 0 ? breakdown.adapterCallSeconds / breakdown.seconds : 0,
    adapterBoundRatio: breakdown.adapterCallSeconds > 0 ? breakdown.commands / breakdown.adapterCallSeconds / ccxt.pairsPerSecond.median : 0,
    modelPairsEquivalentPerSecond,
    pairsEquivalentRatio: modelPairsEquivalentPerSecond / ccxt.pairsPerSecond.median,
    premergeSeconds: premerge?.seconds ?? null,
    premergeTargetSeconds: PREMERGE_TARGET_SECONDS,
    premergeMeetsTarget: premerge === null ? null : premerge.exitCode === 0 && premerge.seconds <= PREMERGE_TARGET_SECONDS,
    premerge:
      premerge === null
        ? null
        : { command: premerge.command, exitCode: premerge.exitCode, signal: premerge.signal, timedOut: premerge.timedOut, outputTail: premerge.outputTail },
    premergeDepth: extra.premergeDepth ?? null,
    linearizability: linearizabilityFigures(extra.linearizability ?? null),
    findingPower: extra.findingPower ?? null,
    workersScaling: workersFigures(extra.workersScaling ?? null),
  };
}

function workersFigures(scaling: WorkersScaling | null): BenchResults['workersScaling'] {
  if (scaling === null) return null;
  return { ...scaling, efficiencyTarget: WORKERS_EFFICIENCY_TARGET, meetsTarget: scaling.efficiency === null ? null : scaling.efficiency >= WORKERS_EFFICIENCY_TARGET };
}

function linearizabilityFigures(figures: readonly LinearizabilityFigure[] | null): BenchResults['linearizability'] {
  if (figures === null) return null;
  const atThousand = figures.filter((figure) => figure.operations === 1_000);
  return {
    targetMsAt1000: LINEARIZABILITY_TARGET_MS_AT_1000,
    meetsTarget: atThousand.length === 0 ? null : atThousand.every((figure) => figure.ms < LINEARIZABILITY_TARGET_MS_AT_1000),
    figures: [...figures],
  };
}
