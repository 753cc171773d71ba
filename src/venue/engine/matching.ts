import { Decimal, ZERO, floorToStep } from '../../domain/decimal';
import type { Side } from '../../domain/order';
import type { OrderBook } from './book';
import { remainingOf, type VenueOrder } from './order';
import { expiredBy, type SelfTradePreventionMode } from './self-trade-prevention';

export interface PlannedFill {
  maker: VenueOrder;
  quantity: Decimal;
  /** Trades happen at the maker's (resting) price, as on Binance. */
  price: Decimal;
}

/** One step of matching, in book order: a fill, or a match self-trade prevention stopped. */
export type MatchStep = ({ kind: 'fill' } & PlannedFill) | { kind: 'prevented'; maker: VenueOrder; expireMaker: boolean; expireTaker: boolean };

export interface MatchPlan {
  steps: MatchStep[];
  fills: PlannedFill[];
  /** Base quantity the fills come to. */
  filled: Decimal;
  /** Quote the fills come to (what a buy pays, a sell receives). */
  quote: Decimal;
  /** Self-trade prevention expires the taker's rest. */
  takerExpiredInMatch: boolean;
  /**
   * A MARKET order by quoteOrderQty ran out of book before its budget (Binance: the order is
   * EXPIRED rather than FILLED); false for every other order.
   */
  budgetUnspent: boolean;
}

export interface MatchRequest {
  takerAccount: string;
  takerSide: Side;
  selfTradePreventionMode: SelfTradePreventionMode;
  /** Worst price the taker accepts; absent for MARKET. */
  limitPrice?: Decimal | undefined;
  /** Base quantity wanted; absent when `quoteBudget` is given. */
  quantity?: Decimal | undefined;
  /**
   * quoteOrderQty of a MARKET order: a buy spends, a sell receives, at most this much quote. Each
   * fill is rounded down to `step` so the executed quantity is on the lot step; matching stops at
   * the first level where not even one step fits what is left of the budget.
   */
  quoteBudget?: Decimal | undefined;
  step?: Decimal | undefined;
}

/**
 * The fills a taker would get, walking the opposite side best first until it is done, the next
 * price is beyond its limit, or self-trade prevention stops it. Pure: the book is not touched.
 */
export function planMatch(book: OrderBook, request: MatchRequest): MatchPlan {
  const steps: MatchStep[] = [];
  const fills: PlannedFill[] = [];
  let left = request.quantity ?? ZERO;
  let budget = request.quoteBudget ?? ZERO;
  let quote = ZERO;
  let filled = ZERO;
  let takerExpiredInMatch = false;
  let stopped = false;
  let lastTookAll = true;
  for (const maker of book.opposite(request.takerSide)) {
    stopped = true;
    if (request.limitPrice !== undefined && !crosses(request.takerSide, request.limitPrice, maker.price)) break;
    if (request.quoteBudget === undefined ? left.isZero() : budget.isZero()) break;
    if (maker.account === request.takerAccount && request.selfTradePreventionMode !== 'NONE') {
      const expired = expiredBy(request.selfTradePreventionMode);
      steps.push({ kind: 'prevented', maker, expireMaker: expired.maker, expireTaker: expired.taker });
      if (expired.taker) {
        takerExpiredInMatch = true;
        break;
      }
      stopped = false;
      continue;
    }
    const wanted = request.quoteBudget === undefined ? left : onStep(budget.dividedBy(maker.price), request.step);
    const take = Decimal.min(wanted, remainingOf(maker));
    if (take.isZero()) break;
    stopped = false;
    lastTookAll = take.eq(remainingOf(maker));
    const fill = { maker, quantity: take, price: maker.price };
    steps.push({ kind: 'fill', ...fill });
    fills.push(fill);
    left = left.minus(take);
    budget = budget.minus(take.times(maker.price));
    quote = quote.plus(take.times(maker.price));
    filled = filled.plus(take);
  }
  // The book ran out: every level walked, the last one taken whole, budget left.
  const budgetUnspent = request.quoteBudget !== undefined && !stopped && lastTookAll && budget.gt(0);
  return { steps, fills, filled, quote, takerExpiredInMatch, budgetUnspent };
}

function onStep(quantity: Decimal, step: Decimal | undefined): Decimal {
  return step === undefined || step.isZero() ? quantity : floorToStep(quantity, step);
}

/** A buy crosses an ask at or below its limit; a sell crosses a bid at or above it. */
export function crosses(takerSide: Side, limitPrice: Decimal, makerPrice: Decimal): boolean {
  return takerSide === 'buy' ? makerPrice.lte(limitPrice) : makerPrice.gte(limitPrice);
}
