import fc from 'fast-check';
import { dec } from '../../src/domain/decimal';
import type { Side } from '../../src/domain/order';
import type { TradingModel } from '../../models/trading-model';
import { marketChoiceArbitrary, marketOf } from '../markets/market-choice';
import type { TradingWorld } from '../world';
import { oppositeLevels } from './book-truth';
import { PlaceLimitCommand } from './place-limit';
import { TradingCommand } from './trading-command';

/**
 * A trader who wants more than the book holds: an IOC through the resting levels on the other
 * side, for `extraSteps` steps more than they hold. It fills in pieces, one per resting order, and
 * expires the rest: an order that goes partially filled and then expired, which orders placed at
 * drawn prices rarely do. It takes the chosen book, or the first other one with something
 * resting, as deep as the trader can pay for (the deepest level first), and is placed and judged
 * as any IOC (place-limit.ts); with nothing resting, or nothing affordable, it sends nothing.
 */
export class SweepBookCommand extends TradingCommand {
  private swept = '';

  constructor(
    private readonly marketChoice: number,
    private readonly side: Side,
    private readonly extraSteps: number,
  ) {
    super();
  }

  // Always: with nothing resting or nothing affordable it sends nothing, and that must change nothing.
  check(): boolean {
    return true;
  }

  protected async apply(model: TradingModel, world: TradingWorld): Promise<void> {
    const chosen = marketOf(model.markets, this.marketChoice);
    // The chosen book first; a trader with nothing to take there looks at the other books.
    const books = [{ market: chosen, side: this.side }, ...model.markets.flatMap((market) => (['buy', 'sell'] as const).map((side) => ({ market, side })))];
    const book = books.find(({ market, side }) => oppositeLevels(world, market.symbol, side).length > 0);
    this.swept = 'nothing resting';
    if (book === undefined) return;
    const { market, side } = book;
    const step = dec(market.lotSize.stepSize);
    const levels = oppositeLevels(world, market.symbol, side);
    for (let depth = levels.length; depth > 0; depth -= 1) {
      const through = levels.slice(0, depth);
      const limit = through[through.length - 1];
      if (limit === undefined) continue;
      const resting = through.reduce((sum, level) => sum.plus(level.quantity), dec('0'));
      const amount = resting.plus(step.times(this.extraSteps)).toFixed();
      const order = new PlaceLimitCommand(market, side, limit.price.toFixed(), amount, 'IOC');
      // Unaffordable, or it would cross one of our own orders: a trader would not send it.
      if (!order.check(model)) continue;
      this.swept = `${market.symbol} ${side} ${amount} through ${depth} levels to ${limit.price.toFixed()}`;
      await order.placeWithin(model, world);
      return;
    }
    this.swept = `${market.symbol} ${side}: nothing affordable`;
  }

  toString(): string {
    return `sweepBook(${this.swept || `market#${this.marketChoice} ${this.side} +${this.extraSteps} steps`})`;
  }
}

export const sweepBookArbitrary = fc
  .record({ market: marketChoiceArbitrary, side: fc.constantFrom<Side>('buy', 'sell'), extraSteps: fc.integer({ min: 1, max: 5 }) })
  .map(({ market, side, extraSteps }) => new SweepBookCommand(market, side, extraSteps));
