import { Decimal } from '../../domain/decimal';
import type { Side } from '../../domain/order';
import type { OrderBook } from './book';
import { remainingOf, type VenueOrder } from './order';

export interface PlannedFill {
  maker: VenueOrder;
  quantity: Decimal;
  /** Trades happen at the maker's (resting) price, as on Binance. */
  price: Decimal;
}

/**
 * The fills a taker would get, walking the opposite side best first until `quantity` is done or
 * the next price is beyond `limitPrice` (absent: a market sweep). Pure: the book is not touched.
 */
export function planFills(book: OrderBook, takerSide: Side, quantity: Decimal, limitPrice: Decimal | undefined): PlannedFill[] {
  const fills: PlannedFill[] = [];
  let left = quantity;
  for (const maker of book.opposite(takerSide)) {
    if (left.isZero()) break;
    if (limitPrice !== undefined && !crosses(takerSide, limitPrice, maker.price)) break;
    const take = Decimal.min(left, remainingOf(maker));
    fills.push({ maker, quantity: take, price: maker.price });
    left = left.minus(take);
  }
  return fills;
}

/** A buy crosses an ask at or below its limit; a sell crosses a bid at or above it. */
export function crosses(takerSide: Side, limitPrice: Decimal, makerPrice: Decimal): boolean {
  return takerSide === 'buy' ? makerPrice.lte(limitPrice) : makerPrice.gte(limitPrice);
}
