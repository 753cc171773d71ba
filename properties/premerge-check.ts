import type { AdapterFactory } from '../src/exchange/contract';
import { PropertyChecker, type ModelRun } from '../src/verifier/harness';
import type { StepRow } from '../src/verifier/protocol';
import { DEFAULT_RUNS, PREMERGE_BASE_SEED, propertySeed } from '../src/verifier/settings';
import { tradingProperty, type TradingPropertyOptions, type TradingSpec } from './trading-property';
import type { TradingModel } from '../models/trading-model';
import type { TradingWorld } from './world';

/** What a test reads of one finished run: its world (venue log included) and its steps. */
export type RunObserver = (world: TradingWorld, trace: readonly StepRow[]) => void;

/** `spec`, with `around` given every finished run and the close it must call (and may watch). */
export function aroundRunClose(spec: TradingSpec, around: (run: ModelRun<TradingModel, TradingWorld>, close: () => Promise<void>) => Promise<void>): TradingSpec {
  return {
    ...spec,
    start: async (setup, context) => {
      const run = await spec.start(setup, context);
      return { ...run, close: () => around(run, () => run.close()) };
    },
  };
}

/** `spec`, with `observe` shown every run's world and trace just before the run is closed. */
export function observingRuns(spec: TradingSpec, observe: RunObserver): TradingSpec {
  return aroundRunClose(spec, async (run, close) => {
    observe(run.real, run.trace());
    await close();
  });
}

/** A trading property checked as the premerge profile checks it: its fixed seed, its run count. */
export async function checkInPremerge(options: TradingPropertyOptions, createAdapter: AdapterFactory, observe?: RunObserver) {
  const base = tradingProperty(options);
  const checker = new PropertyChecker(observe === undefined ? base : observingRuns(base, observe), createAdapter);
  const outcome = await checker.check(propertySeed(PREMERGE_BASE_SEED, base.info.name), DEFAULT_RUNS.premerge);
  return { outcome, checker };
}
