import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { PROPERTIES } from '../properties/catalog';
import { observingRuns } from '../properties/premerge-check';
import { tradingProperty, type TradingPropertyOptions } from '../properties/trading-property';
import type { TradingWorld } from '../properties/world';
import { createAdapter } from '../src/exchange/reference-adapter';
import { PropertyChecker } from '../src/verifier/harness';
import { DEFAULT_RUNS, PREMERGE_BASE_SEED, propertySeed } from '../src/verifier/settings';

/** The account the model-based runs trade from (world.ts); other accounts are the venue's takers. */
const TRADER = 'trader';

export interface PropertyDepth {
  property: string;
  runs: number;
  longestRun: number;
  meanRunLength: number;
  mostOrdersInARun: number;
  meanOrdersPerRun: number;
  mostTradesOnOneOrder: number;
}

export interface PremergeDepth {
  properties: PropertyDepth[];
  longestRun: number;
  mostOrdersInARun: number;
  mostTradesOnOneOrder: number;
}

/**
 * The depth the premerge profile reaches: each trading property's premerge batch (its fixed seed,
 * its runs, on the reference adapter), read back from the venue's event log of every run: how
 * many commands the longest run had, how many orders the trader placed in one run, and how many
 * trades one of its orders took part in. Coverage top-up batches are not counted.
 */
export async function measurePremergeDepth(projectRoot: string): Promise<PremergeDepth> {
  const properties: PropertyDepth[] = [];
  for (const info of PROPERTIES) {
    const options = await tradingOptionsOf(path.join(projectRoot, info.file.replace(/\.prop\.ts$/, '.ts')));
    if (options === undefined) continue;
    const lengths: number[] = [];
    const orders: number[] = [];
    let mostTrades = 0;
    const spec = observingRuns(tradingProperty(options), (world, trace) => {
      lengths.push(trace.length);
      const depth = depthOf(world);
      orders.push(depth.orders);
      mostTrades = Math.max(mostTrades, depth.mostTradesOnOneOrder);
    });
    const checker = new PropertyChecker(spec, createAdapter);
    const outcome = await checker.check(propertySeed(PREMERGE_BASE_SEED, info.name), DEFAULT_RUNS.premerge);
    if (outcome.failure !== undefined) throw new Error(`${info.name} failed on the reference adapter: ${outcome.failure.message}`);
    properties.push({
      property: info.name,
      runs: lengths.length,
      longestRun: Math.max(0, ...lengths),
      meanRunLength: mean(lengths),
      mostOrdersInARun: Math.max(0, ...orders),
      meanOrdersPerRun: mean(orders),
      mostTradesOnOneOrder: mostTrades,
    });
  }
  return {
    properties,
    longestRun: Math.max(0, ...properties.map((entry) => entry.longestRun)),
    mostOrdersInARun: Math.max(0, ...properties.map((entry) => entry.mostOrdersInARun)),
    mostTradesOnOneOrder: Math.max(0, ...properties.map((entry) => entry.mostTradesOnOneOrder)),
  };
}

function depthOf(world: TradingWorld): { orders: number; mostTradesOnOneOrder: number } {
  let orders = 0;
  const trades = new Map<string, number>();
  const count = (orderId: string): void => {
    trades.set(orderId, (trades.get(orderId) ?? 0) + 1);
  };
  for (const event of world.venue.control.events()) {
    if (event.type === 'order_accepted' && event.order.account === TRADER) orders += 1;
    if (event.type === 'trade') {
      if (event.fill.makerAccount === TRADER) count(event.fill.makerOrderId);
      if (event.fill.takerAccount === TRADER) count(event.fill.takerOrderId);
    }
  }
  return { orders, mostTradesOnOneOrder: Math.max(0, ...trades.values()) };
}

async function tradingOptionsOf(file: string): Promise<TradingPropertyOptions | undefined> {
  let exports: Record<string, unknown>;
  try {
    exports = await import(pathToFileURL(file).href);
  } catch {
    return undefined;
  }
  return Object.values(exports).find((value): value is TradingPropertyOptions => typeof value === 'object' && value !== null && 'claims' in value && 'checks' in value && 'commands' in value);
}

function mean(values: readonly number[]): number {
  return values.length === 0 ? 0 : values.reduce((sum, value) => sum + value, 0) / values.length;
}
