import fc from 'fast-check';
import type { Market } from '../../src/domain/market';

/**
 * Which of the run's markets a command trades on: an index into them (taken modulo their
 * number), or one market named outright (a regression test pins its steps). Commands are drawn
 * once per property, before and apart from a run's markets, so the index is resolved only
 * against the markets of the run it runs in.
 */
export type MarketChoice = number | Market;

/** 0..11: 12 is a multiple of every market count (1 to 4), so each market is equally likely. */
export const marketChoiceArbitrary: fc.Arbitrary<number> = fc.nat(11);

export function marketOf(markets: readonly Market[], choice: MarketChoice): Market {
  if (typeof choice !== 'number') return choice;
  const market = markets[choice % markets.length];
  if (market === undefined) throw new RangeError('a run without markets');
  return market;
}

/** How a choice reads in a counterexample before a run resolved it. */
export function describeMarketChoice(choice: MarketChoice): string {
  return typeof choice === 'number' ? `market#${choice}` : choice.symbol;
}
