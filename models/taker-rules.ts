/**
 * What an order that takes liquidity gets from the book, as the model states Binance's matching
 * (written apart from the venue's engine so it can judge it): the taker walks the opposite side
 * best price first, each level at its own (the makers') price, until it has its quantity, the
 * next level is beyond its limit, or (by quote quantity) not one lot step of the next level fits
 * what is left of its budget.
 *
 * Levels are the book as `control.book` aggregates it: one entry per price, best first. Taking a
 * level whole or in part gives the same totals as taking its orders one by one, because every
 * resting quantity is on the lot step.
 */
import { Decimal, ZERO, floorToStep } from '../src/domain/decimal';
import type { Side } from '../src/domain/order';

export interface BookLevel {
  price: Decimal;
  quantity: Decimal;
}

export interface TakerRequest {
  side: Side;
  /** Worst price accepted; absent for a MARKET order. */
  limitPrice?: Decimal | undefined;
  /** Base quantity wanted; absent for a MARKET order by quote quantity. */
  quantity?: Decimal | undefined;
  /** Quote quantity (quoteOrderQty): a buy spends, a sell receives, at most this. */
  quoteBudget?: Decimal | undefined;
  /** The lot step a quote budget's fills are rounded down to. */
  step: Decimal;
}

export interface TakerOutcome {
  filled: Decimal;
  /** Σ quantity × price over the fills: what a buy pays, a sell receives. */
  quote: Decimal;
  /**
   * By quote quantity only: every level was taken whole and budget is left (Binance ends such an
   * order EXPIRED); false for every other request.
   */
  budgetOutlivedBook: boolean;
}

export function crossesLimit(side: Side, limitPrice: Decimal, levelPrice: Decimal): boolean {
  return side === 'buy' ? levelPrice.lte(limitPrice) : levelPrice.gte(limitPrice);
}

export function takeFromBook(opposite: readonly BookLevel[], request: TakerRequest): TakerOutcome {
  const byQuote = request.quoteBudget !== undefined;
  let left = request.quantity ?? ZERO;
  let budget = request.quoteBudget ?? ZERO;
  let filled = ZERO;
  let quote = ZERO;
  let walkedAll = true;
  let lastTakenWhole = true;
  for (const level of opposite) {
    if (request.limitPrice !== undefined && !crossesLimit(request.side, request.limitPrice, level.price)) {
      walkedAll = false;
      break;
    }
    const wanted = byQuote ? floorToStep(budget.dividedBy(level.price), request.step) : left;
    const take = Decimal.min(wanted, level.quantity);
    if (take.isZero()) {
      walkedAll = false;
      break;
    }
    lastTakenWhole = take.eq(level.quantity);
    filled = filled.plus(take);
    quote = quote.plus(take.times(level.price));
    left = left.minus(take);
    budget = budget.minus(take.times(level.price));
  }
  return { filled, quote, budgetOutlivedBook: byQuote && walkedAll && lastTakenWhole && budget.gt(0) };
}
