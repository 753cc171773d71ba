import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import type { ModelPropertySpec } from '../src/verifier/harness';
import { registerModelProperty } from '../src/verifier/register';
import type { TradingModel } from '../models/trading-model';
import { findProperty } from './catalog';
import { allTradingCommands, type TradingCommandArbitrary } from './commands';
import type { InvariantCheck } from './invariants/invariant-check';
import { DEEP_FACTOR, runShapeArbitrary, type RunShape } from '../src/verifier/run-shape';
import { runMarketsArbitrary } from './markets/run-markets';
import { createRun, type TradingWorld, type WorldSetup } from './world';
import type { AdapterFactory } from '../src/exchange/contract';
import { TransitionRecorder } from '../models/transition-coverage';

const PROJECT_ROOT = fileURLToPath(new URL('..', import.meta.url));

export interface TradingPropertyOptions {
  name: string;
  checks: readonly InvariantCheck[];
  claims: readonly string[];
  /** Runs are mostly up to this long, sometimes far longer (run-shape.ts); default 25. */
  maxCommands?: number;
  /** The adapter writes its log into `world.logLines` (for properties that read it). */
  captureLogs?: boolean;
  /** The adapter is offered the venue's user-data stream (the stream properties). */
  stream?: boolean;
  /** Steps may put several calls in flight, their requests' latencies drawn (RunOptions.interleaved). */
  interleaved?: boolean;
  /** Every run ends with a close() that must leave nothing behind (F2). */
  closeLeavesNothing?: boolean;
  /**
   * A configuration document (src/exchange/config.ts) the adapter is given with `reloadConfig`
   * before the first command, e.g. a small history (P2). An adapter without `reloadConfig` keeps
   * its own; the property's checks then judge what it reports.
   */
  configure?: unknown;
  /**
   * The command set; default: every trading command (faults are opted into by a property).
   * Commands draw their market, price and amount apart from the run's markets and resolve them
   * against the run's: a set is a list, or a function that builds it.
   */
  commands?: readonly TradingCommandArbitrary[] | (() => readonly TradingCommandArbitrary[]);
}

/** A trading run's set-up: the world's, and the run's shape (length, enabled command kinds). */
export interface TradingSetup extends WorldSetup {
  shape: RunShape;
}

export type TradingSpec = ModelPropertySpec<TradingSetup, TradingModel, TradingWorld>;

/** A property over the trading command set: the given invariants checked after every step. */
export function tradingProperty(options: TradingPropertyOptions): TradingSpec {
  const info = findProperty(options.name);
  if (info === undefined) throw new RangeError(`property ${options.name} is missing from properties/catalog.ts`);
  const kinds = typeof options.commands === 'function' ? options.commands() : (options.commands ?? allTradingCommands());
  const base = options.maxCommands ?? 25;
  return {
    info,
    claims: options.claims,
    // The shape first: fast-check shrinks a record's fields in order, and cutting a failing run
    // to the shortest length that still fails makes every later shrink step cheap. The run's
    // markets and deposits are part of its set-up, drawn beside (not before) its commands.
    setup: fc
      .record({ shape: runShapeArbitrary(base, kinds.length), seed: fc.nat(), run: runMarketsArbitrary })
      .map(({ shape, seed, run }) => ({ shape, seed, markets: run.markets, deposits: run.deposits })),
    commands: kinds,
    maxCommands: base * DEEP_FACTOR,
    shape: (setup) => setup.shape,
    notApplicableTo: options.stream === true ? listensToNoStream : undefined,
    start: async (setup, { createAdapter, createExchangeFactory, coverage }) => {
      const { model, world } = await createRun(setup, createAdapter, options.checks, coverage, { captureLogs: options.captureLogs, stream: options.stream, interleaved: options.interleaved, createExchangeFactory });
      if (options.configure !== undefined) world.adapter.reloadConfig?.(options.configure);
      const close = options.closeLeavesNothing === true ? () => world.closeAdapterLeavingNothing() : () => world.closeAdapter();
      return { model, real: world, trace: () => world.trace, faultsInjected: () => world.faultsInjected(), weightUsed: () => world.weightUsed(), close };
    },
  };
}

/**
 * A stream property judges nothing on an adapter that, offered the venue's user-data stream, does
 * not say where its stream stands (`streamStatus`): such an adapter is judged by the REST
 * properties only.
 */
async function listensToNoStream(createAdapter: AdapterFactory): Promise<string | undefined> {
  let world: TradingWorld;
  try {
    ({ world } = await createRun({ seed: 0, deposits: [] }, createAdapter, [], new TransitionRecorder(), { stream: true }));
  } catch {
    // An adapter that cannot even start (throws, never settles) is judged by the runs, which
    // report it as a counterexample like any other failure.
    return undefined;
  }
  const status = world.adapter.streamStatus?.();
  await world.closeAdapter().catch(() => undefined);
  return status === undefined ? 'offered the user-data stream, the adapter reports no streamStatus(): it is judged by the REST properties only' : undefined;
}

export function registerTradingProperty(options: TradingPropertyOptions): void {
  registerModelProperty(tradingProperty(options), PROJECT_ROOT);
}
