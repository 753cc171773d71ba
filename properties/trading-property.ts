import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { DEFAULT_MARKETS } from '../src/domain/market';
import type { ModelPropertySpec } from '../src/verifier/harness';
import { registerModelProperty } from '../src/verifier/register';
import type { TradingModel } from '../models/trading-model';
import { findProperty } from './catalog';
import { allTradingCommands } from './commands';
import { depositsArbitrary } from './commands/hard-decimals';
import type { InvariantCheck } from './invariants/invariant-check';
import { createRun, type TradingWorld, type WorldSetup } from './world';

const PROJECT_ROOT = fileURLToPath(new URL('..', import.meta.url));

export interface TradingPropertyOptions {
  name: string;
  checks: readonly InvariantCheck[];
  claims: readonly string[];
  maxCommands?: number;
  /** The adapter writes its log into `world.logLines` (for properties that read it). */
  captureLogs?: boolean;
  /** The command set; default: every trading command (faults are opted into by a property). */
  commands?: (markets: typeof DEFAULT_MARKETS) => ReturnType<typeof allTradingCommands>;
}

/** A property over the trading command set: the given invariants checked after every step. */
export function tradingProperty(options: TradingPropertyOptions): ModelPropertySpec<WorldSetup, TradingModel, TradingWorld> {
  const info = findProperty(options.name);
  if (info === undefined) throw new RangeError(`property ${options.name} is missing from properties/catalog.ts`);
  return {
    info,
    claims: options.claims,
    setup: fc.record({ seed: fc.nat(), deposits: depositsArbitrary }),
    commands: (options.commands ?? allTradingCommands)(DEFAULT_MARKETS),
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
