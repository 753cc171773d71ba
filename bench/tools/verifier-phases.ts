/**
 * Where the verifier's share of a model run goes: the bench's model check (same seed and checks)
 * with each invariant check and each step timed, beside the adapter's own time from the
 * instrumented factory: `npx tsx bench/tools/verifier-phases.ts [runs]`. Wall figures: run it on
 * an idle machine. A step's time holds its adapter calls and its checks; the rest of it is the
 * command's own work (the model, the venue's other traders, driving the clock) and the trace.
 * Steps are also listed by command class, each with its adapter calls and checks.
 */
import { viewsHoldPlainDecimals, venueOrdersPassFilters } from '../../properties/invariants/decimal';
import { ledgersAgree, lockedMatchesReserves, venueConservesEveryAsset } from '../../properties/invariants/ledger';
import { adapterOrdersEqualModel, adapterOrdersMoveForward } from '../../properties/invariants/order-state';
import type { InvariantCheck } from '../../properties/invariants/invariant-check';
import { TradingCommand } from '../../properties/commands/trading-command';
import { measureModelCommands } from '../model-commands';

const runs = Number(process.argv[2] ?? 120);
const spent = new Map<string, number>();
const now = (): number => Number(process.hrtime.bigint()) / 1e6;
const add = (what: string, ms: number): void => void spent.set(what, (spent.get(what) ?? 0) + ms);

for (const invariant of [adapterOrdersEqualModel, adapterOrdersMoveForward, ledgersAgree, venueConservesEveryAsset, lockedMatchesReserves, venueOrdersPassFilters, viewsHoldPlainDecimals] as InvariantCheck[]) {
  const check = invariant.check;
  invariant.check = (model, world) => {
    const start = now();
    try {
      return check(model, world);
    } finally {
      add(`check ${invariant.invariant}`, now() - start);
    }
  };
}
const run = TradingCommand.prototype.run;
TradingCommand.prototype.run = async function (this: TradingCommand, ...args: Parameters<TradingCommand['run']>) {
  const start = now();
  try {
    return await run.apply(this, args);
  } finally {
    const ms = now() - start;
    add('steps (apply, checks, trace)', ms);
    add(`  ${this.constructor.name}`, ms);
  }
};

await measureModelCommands({ seed: 20_261_124, warmupRuns: 60, runsPerRepetition: 1, repetitions: 1 });
spent.clear();
const result = await measureModelCommands({ seed: 20_261_124, warmupRuns: 0, runsPerRepetition: runs, repetitions: 1 });
// The repetition and the instrumented check ran the same runs: halve what both added.
const total = result.repetitionsDetail.reduce((sum, entry) => sum + entry.seconds, 0) * 1000;
const { breakdown } = result;
const rows: Array<[string, number]> = [
  ['whole run', total],
  ['createAdapter + loadMarkets', (breakdown.createAdapterSeconds + breakdown.loadMarketsSeconds) * 1000],
  ["inside the adapter's calls", breakdown.adapterCallSeconds * 1000],
  ...[...spent].map(([what, ms]): [string, number] => [what, ms / 2]),
];
for (const [what, ms] of rows) console.log(`${what.padEnd(32)} ${(ms / result.commandsPerRun / runs * 1000).toFixed(0).padStart(6)} µs a command  ${((100 * ms) / total).toFixed(1).padStart(5)}%`);
