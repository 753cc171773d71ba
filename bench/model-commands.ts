import { transitionKey } from '../models/transition-coverage';
import { viewsHoldPlainDecimals, venueOrdersPassFilters } from '../properties/invariants/decimal';
import { ledgersAgree, lockedMatchesReserves, venueConservesEveryAsset } from '../properties/invariants/ledger';
import { adapterOrdersEqualModel, adapterOrdersMoveForward } from '../properties/invariants/order-state';
import { tradingProperty } from '../properties/trading-property';
import type { AdapterFactory } from '../src/exchange/contract';
import { createAdapter } from '../src/exchange/reference-adapter';
import { PropertyChecker } from '../src/verifier/harness';
import { instrumentFactory, type Breakdown } from './breakdown';
import { spreadOf, timed, type Spread } from './stats';

export interface ModelCommandsOptions {
  seed: number;
  runsPerRepetition: number;
  repetitions: number;
  /** Runs of the untimed warm-up check (same seed). */
  warmupRuns: number;
}

export interface ModelRepetition {
  seconds: number;
  cpuSeconds: number;
  runs: number;
  commands: number;
  failure: string | null;
}

export interface ModelCommandsResult extends ModelCommandsOptions {
  property: string;
  checks: string[];
  commandsPerSecond: Spread;
  /** Commands per CPU second of this process (user + system, GC threads included). */
  commandsPerCpuSecond: Spread;
  runsPerSecond: Spread;
  /** Commands per run (the same every repetition: fixed seed). */
  commandsPerRun: number;
  repetitionsDetail: ModelRepetition[];
  /** Instrumented checks with the same seed and runs, as many as the timed ones, pooled (not part of the rates above). */
  breakdown: Breakdown & { seconds: number; commands: number };
}

/** Every invariant check of the three data-integrity properties, after every step. */
const CHECKS = [
  adapterOrdersEqualModel,
  adapterOrdersMoveForward,
  ledgersAgree,
  venueConservesEveryAsset,
  lockedMatchesReserves,
  venueOrdersPassFilters,
  viewsHoldPlainDecimals,
];

function benchSpec() {
  return tradingProperty({
    // The catalog entry only names it; the checks below are the union of all three properties.
    name: 'order-state-consistency',
    checks: CHECKS,
    claims: [transitionKey('order', 'new', 'ACCEPT', 'open')],
  });
}

async function oneCheck(seed: number, runs: number, factory: AdapterFactory = createAdapter): Promise<ModelRepetition> {
  const checker = new PropertyChecker(benchSpec(), factory);
  const { value: outcome, seconds, cpuSeconds } = await timed(() => checker.check(seed, runs));
  return { seconds, cpuSeconds, runs: outcome.runs, commands: checker.commandsExecuted, failure: outcome.failure?.message ?? null };
}

/**
 * Model-based commands per second through the whole stack: fast-check commands, the model and
 * the reference adapter, ccxt, the venue, and every invariant check after every step.
 */
export async function measureModelCommands(options: ModelCommandsOptions): Promise<ModelCommandsResult> {
  await oneCheck(options.seed, options.warmupRuns);
  const repetitions: ModelRepetition[] = [];
  for (let repetition = 0; repetition < options.repetitions; repetition += 1) {
    repetitions.push(await oneCheck(options.seed, options.runsPerRepetition));
  }
  // As many instrumented checks as timed ones, pooled: one check of 60 runs (under a second) read
  // the set-up share anywhere from 9.2% to 10.9% on the same code.
  const instrumented = instrumentFactory(createAdapter);
  const traced: ModelRepetition[] = [];
  for (let repetition = 0; repetition < options.repetitions; repetition += 1) {
    traced.push(await oneCheck(options.seed, options.runsPerRepetition, instrumented.factory));
  }
  const totalRuns = repetitions.reduce((sum, entry) => sum + entry.runs, 0);
  const totalCommands = repetitions.reduce((sum, entry) => sum + entry.commands, 0);
  return {
    ...options,
    property: 'order-state-consistency (all data-integrity checks)',
    checks: CHECKS.map((check) => check.invariant),
    commandsPerSecond: spreadOf(repetitions.map((entry) => entry.commands / entry.seconds)),
    commandsPerCpuSecond: spreadOf(repetitions.map((entry) => entry.commands / entry.cpuSeconds)),
    runsPerSecond: spreadOf(repetitions.map((entry) => entry.runs / entry.seconds)),
    commandsPerRun: totalRuns === 0 ? 0 : totalCommands / totalRuns,
    repetitionsDetail: repetitions,
    breakdown: { ...instrumented.breakdown, seconds: traced.reduce((sum, entry) => sum + entry.seconds, 0), commands: traced.reduce((sum, entry) => sum + entry.commands, 0) },
  };
}
