import { dec, type Decimal } from '../../domain/decimal';
import type { Market } from '../../domain/market';

export type FilterName = 'PRICE_FILTER' | 'LOT_SIZE' | 'MARKET_LOT_SIZE' | 'NOTIONAL' | 'MAX_NUM_ORDERS';

/**
 * Binance's symbol filters for a LIMIT or LIMIT_MAKER order, checked in Binance's order
 * (PRICE_FILTER, LOT_SIZE, NOTIONAL). A zero minimum, maximum or step disables that part of the
 * rule, as in Binance's filter docs ("Any of the variables can be set to 0, which disables that
 * rule"). For limit orders both NOTIONAL bounds apply; applyMinToMarket/applyMaxToMarket only
 * concern MARKET orders.
 */
export function violatedFilter(market: Market, price: Decimal | undefined, quantity: Decimal): FilterName | undefined {
  if (price !== undefined && !withinSteppedRange(price, market.priceFilter.minPrice, market.priceFilter.maxPrice, market.priceFilter.tickSize)) {
    return 'PRICE_FILTER';
  }
  if (!withinSteppedRange(quantity, market.lotSize.minQty, market.lotSize.maxQty, market.lotSize.stepSize)) return 'LOT_SIZE';
  if (price !== undefined && !withinNotional(market, price.times(quantity), true, true)) return 'NOTIONAL';
  return undefined;
}

export interface MarketOrderAmounts {
  /** Base quantity (MARKET by quantity). */
  quantity?: Decimal | undefined;
  /** Quote amount (MARKET by quoteOrderQty). */
  quoteOrderQty?: Decimal | undefined;
  /**
   * The price the notional of a MARKET order by quantity is judged at. Binance uses the average
   * price over `avgPriceMins` minutes; the venue has no price history worth the name, so it uses
   * the last trade price of the symbol, else the best opposite price; undefined (an empty book
   * and no trade yet) skips the NOTIONAL check, and the order then expires unfilled anyway.
   */
  referencePrice?: Decimal | undefined;
}

/**
 * Binance's filters for a MARKET order: LOT_SIZE and MARKET_LOT_SIZE on the quantity when one is
 * sent, then NOTIONAL where applyMinToMarket / applyMaxToMarket say so (a quoteOrderQty is its
 * own notional).
 */
export function violatedMarketFilter(market: Market, amounts: MarketOrderAmounts): FilterName | undefined {
  const { quantity, quoteOrderQty, referencePrice } = amounts;
  if (quantity !== undefined) {
    if (!withinSteppedRange(quantity, market.lotSize.minQty, market.lotSize.maxQty, market.lotSize.stepSize)) return 'LOT_SIZE';
    const lot = market.marketLotSize;
    if (!withinSteppedRange(quantity, lot.minQty, lot.maxQty, lot.stepSize)) return 'MARKET_LOT_SIZE';
  } else if (quoteOrderQty !== undefined && !quoteOrderQty.gt(0)) {
    return 'NOTIONAL';
  }
  const notional = quoteOrderQty ?? (referencePrice === undefined || quantity === undefined ? undefined : referencePrice.times(quantity));
  if (notional !== undefined && !withinNotional(market, notional, market.notional.applyMinToMarket, market.notional.applyMaxToMarket)) return 'NOTIONAL';
  return undefined;
}

/** The step a MARKET order's quantity is rounded to: MARKET_LOT_SIZE's when set, else LOT_SIZE's. */
export function marketStepOf(market: Market): Decimal {
  const marketStep = dec(market.marketLotSize.stepSize);
  return marketStep.isZero() ? dec(market.lotSize.stepSize) : marketStep;
}

function withinNotional(market: Market, notional: Decimal, applyMin: boolean, applyMax: boolean): boolean {
  if (applyMin && notional.lt(dec(market.notional.minNotional))) return false;
  const max = dec(market.notional.maxNotional);
  return !(applyMax && !max.isZero() && notional.gt(max));
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
