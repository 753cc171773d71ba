import { dec, type Decimal } from '../../domain/decimal';
import type { Market } from '../../domain/market';

export type FilterName = 'PRICE_FILTER' | 'LOT_SIZE' | 'NOTIONAL';

/**
 * Binance's symbol filters, checked in Binance's order (PRICE_FILTER, LOT_SIZE, NOTIONAL).
 * A zero minimum, maximum or step disables that part of the rule, as in Binance's filter docs
 * ("Any of the variables can be set to 0, which disables that rule").
 */
export function violatedFilter(market: Market, price: Decimal | undefined, quantity: Decimal): FilterName | undefined {
  if (price !== undefined && !withinSteppedRange(price, market.priceFilter.minPrice, market.priceFilter.maxPrice, market.priceFilter.tickSize)) {
    return 'PRICE_FILTER';
  }
  if (!withinSteppedRange(quantity, market.lotSize.minQty, market.lotSize.maxQty, market.lotSize.stepSize)) return 'LOT_SIZE';
  if (price !== undefined) {
    // For LIMIT orders both bounds apply; applyMinToMarket/applyMaxToMarket only concern MARKET.
    const notional = price.times(quantity);
    if (notional.lt(dec(market.notional.minNotional))) return 'NOTIONAL';
    const max = dec(market.notional.maxNotional);
    if (!max.isZero() && notional.gt(max)) return 'NOTIONAL';
  }
  return undefined;
}

/** value >= min, value <= max, (value - min) % step == 0: Binance's PRICE_FILTER and LOT_SIZE rule. */
function withinSteppedRange(value: Decimal, minText: string, maxText: string, stepText: string): boolean {
  const min = dec(minText);
  const max = dec(maxText);
  const step = dec(stepText);
  if (!value.gt(0)) return false;
  if (!min.isZero() && value.lt(min)) return false;
  if (!max.isZero() && value.gt(max)) return false;
  return step.isZero() || value.minus(min).mod(step).isZero();
}
