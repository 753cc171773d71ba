import fc from 'fast-check';
import { dec } from '../../src/domain/decimal';
import type { Side } from '../../src/domain/order';
import type { TradingModel } from '../../models/trading-model';
import { marketChoiceArbitrary, marketOf } from '../markets/market-choice';
import type { TradingWorld } from '../world';
import { oppositeLevels } from './book-truth';
import { PlaceLimitCommand } from './place-limit';
import { PlaceMarketCommand } from './place-market';
import { TradingCommand } from './trading-command';

/**
 * A trader who wants more than the book holds: an IOC through the resting levels on the other
 * side, for `extraSteps` steps more than they hold. It fills in pieces, one per resting order, and
 * expires the rest: an order that goes partially filled and then expired, which orders placed at
 * drawn prices rarely do. It takes the chosen book, or the first other one with something
 * resting, as deep as the trader can pay for (the deepest level first), and is placed and judged
 * as any IOC (place-limit.ts); with nothing resting, or nothing affordable, it sends nothing.
 *
 * `with: 'market'` spends instead a MARKET order by quote on the whole side, `extraSteps` minimum
 * notionals beyond what it all costs: it fills completely and its budget outlives the book, so the
 * venue ends it EXPIRED right after its last fill (the order machine's filled -> expired). When
 * that order is not one the trader can send (it would cross our own orders, or the ledger has not
 * caught up), the IOC goes instead.
 */
export class SweepBookCommand extends TradingCommand {
  private swept = '';

  constructor(
    private readonly marketChoice: number,
    private readonly side: Side,
    private readonly extraSteps: number,
    private readonly using: 'ioc' | 'market' = 'ioc',
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
    const levels = oppositeLevels(world, market.symbol, side);
    if (this.using === 'market') {
      const wholeSide = levels.reduce((sum, level) => sum.plus(level.price.times(level.quantity)), dec('0'));
      const cost = wholeSide.plus(dec(market.notional.minNotional).times(this.extraSteps)).toFixed();
      const order = new PlaceMarketCommand(market, side, { by: 'exact-cost', cost });
      if (order.check(model)) {
        this.swept = `${market.symbol} ${side} at market for ${cost}, beyond the whole side`;
        await order.placeWithin(model, world);
        return;
      }
    }
    const step = dec(market.lotSize.stepSize);
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
    return `sweepBook(${this.swept || `market#${this.marketChoice} ${this.side} +${this.extraSteps} steps${this.using === 'market' ? ' at market' : ''}`})`;
  }
}

export const sweepBookArbitrary = fc
  .record({
    market: marketChoiceArbitrary,
    side: fc.constantFrom<Side>('buy', 'sell'),
    extraSteps: fc.integer({ min: 1, max: 5 }),
    using: fc.constantFrom<'ioc' | 'market'>('ioc', 'market'),
  })
  .map(({ market, side, extraSteps, using }) => new SweepBookCommand(market, side, extraSteps, using));
