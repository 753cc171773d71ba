import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import type { Market } from '../src/domain/market';
import type { ModelPropertySpec } from '../src/verifier/harness';
import { registerModelProperty } from '../src/verifier/register';
import type { TradingModel } from '../models/trading-model';
import { findProperty } from './catalog';
import { allTradingCommands, type TradingCommandArbitrary } from './commands';
import type { InvariantCheck } from './invariants/invariant-check';
import { runMarketsArbitrary } from './markets/run-markets';
import { createRun, type TradingWorld, type WorldSetup } from './world';

const PROJECT_ROOT = fileURLToPath(new URL('..', import.meta.url));

export interface TradingPropertyOptions {
  name: string;
  checks: readonly InvariantCheck[];
  claims: readonly string[];
  maxCommands?: number;
  /** The adapter writes its log into `world.logLines` (for properties that read it). */
  captureLogs?: boolean;
  /**
   * The command set; default: every trading command (faults are opted into by a property).
   * Commands draw their market, price and amount apart from the run's markets and resolve them
   * against the run's, so a set is a plain list. A function of the markets is still taken, and
   * called without any, until every property lists its set plainly.
   */
  commands?: readonly TradingCommandArbitrary[] | ((markets?: readonly Market[]) => readonly TradingCommandArbitrary[]);
}

function commandSet(options: TradingPropertyOptions): readonly TradingCommandArbitrary[] {
  const { commands } = options;
  if (commands === undefined) return allTradingCommands();
  return typeof commands === 'function' ? commands() : commands;
}

/** A property over the trading command set: the given invariants checked after every step. */
export function tradingProperty(options: TradingPropertyOptions): ModelPropertySpec<WorldSetup, TradingModel, TradingWorld> {
  const info = findProperty(options.name);
  if (info === undefined) throw new RangeError(`property ${options.name} is missing from properties/catalog.ts`);
  return {
    info,
    claims: options.claims,
    // The run's markets and deposits are part of its setup, drawn beside (not before) its commands.
    setup: fc.record({ seed: fc.nat(), run: runMarketsArbitrary }).map(({ seed, run }) => ({ seed, markets: run.markets, deposits: run.deposits })),
    commands: commandSet(options),
    maxCommands: options.maxCommands ?? 25,
    start: async (setup, { createAdapter, coverage }) => {
      const { model, world } = await createRun(setup, createAdapter, options.checks, coverage, { captureLogs: options.captureLogs });
      return { model, real: world, trace: () => world.trace, faultsInjected: () => world.faultsInjected(), close: () => world.adapter.close() };
    },
  };
}

export function registerTradingProperty(options: TradingPropertyOptions): void {
  registerModelProperty(tradingProperty(options), PROJECT_ROOT);
}
