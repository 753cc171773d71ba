import { dec, type Decimal } from '../../src/domain/decimal';
import type { Side } from '../../src/domain/order';
import type { BookLevel } from '../../models/taker-rules';
import type { TradingWorld } from '../world';

/** The venue's book on the side a taker of `side` takes from, best price first. */
export function oppositeLevels(world: TradingWorld, symbol: string, side: Side): BookLevel[] {
  const book = world.venue.control.book(symbol);
  return (side === 'buy' ? book.asks : book.bids).map(([price, quantity]) => ({ price: dec(price), quantity: dec(quantity) }));
}

/**
 * The price a MARKET order's NOTIONAL is judged at. Binance uses the symbol's average price; the
 * venue (src/venue/engine/filters.ts) uses the last trade price of the symbol, else the best
 * opposite price, else none (the check is skipped). Read from the venue's event log and book.
 */
export function marketReferencePrice(world: TradingWorld, symbol: string, side: Side): Decimal | undefined {
  const events = world.venue.control.events();
  for (let index = events.length - 1; index >= 0; index -= 1) {
    const event = events[index];
    if (event?.type === 'trade' && event.fill.symbol === symbol) return dec(event.fill.price);
  }
  return oppositeLevels(world, symbol, side)[0]?.price;
}
