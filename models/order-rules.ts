import { type Decimal, dec, floorToStep, isMultipleOf } from '../src/domain/decimal';
import type { Market } from '../src/domain/market';
import type { Side } from '../src/domain/order';

/**
 * The model's statement of the precision policy every adapter must follow (D1, D3), written
 * independently of the reference adapter so it can judge it:
 * - quantity is truncated down to the lot step: never more than asked;
 * - a buy price is rounded down to the tick (never pays more), a sell price up (never sells
 *   for less);
 * - the rounded values are then checked against PRICE_FILTER, LOT_SIZE and NOTIONAL, and an
 *   order breaking one is refused locally, never sent.
 */
export interface RoundedOrder {
  price: Decimal;
  amount: Decimal;
}

export function roundOrder(market: Market, side: Side, price: Decimal, amount: Decimal): RoundedOrder {
  const tick = dec(market.priceFilter.tickSize);
  const down = floorToStep(price, tick);
  const roundedPrice = side === 'buy' || down.eq(price) ? down : down.plus(tick);
  return { price: roundedPrice, amount: floorToStep(amount, dec(market.lotSize.stepSize)) };
}

export type FilterName = 'PRICE_FILTER' | 'LOT_SIZE' | 'NOTIONAL';

/** The first filter the (already rounded) order breaks, in Binance's order of checking. */
export function brokenFilter(market: Market, order: RoundedOrder): FilterName | undefined {
  const { priceFilter, lotSize, notional } = market;
  if (order.price.lt(dec(priceFilter.minPrice)) || order.price.gt(dec(priceFilter.maxPrice))) return 'PRICE_FILTER';
  if (!isMultipleOf(order.price, dec(priceFilter.tickSize))) return 'PRICE_FILTER';
  if (order.amount.lt(dec(lotSize.minQty)) || order.amount.gt(dec(lotSize.maxQty))) return 'LOT_SIZE';
  if (!isMultipleOf(order.amount, dec(lotSize.stepSize))) return 'LOT_SIZE';
  const value = order.price.times(order.amount);
  if (value.lt(dec(notional.minNotional)) || value.gt(dec(notional.maxNotional))) return 'NOTIONAL';
  return undefined;
}

/** What a resting order locks: the quote it may spend (buy) or the base it may sell. */
export function reserveOf(market: Market, side: Side, order: RoundedOrder): { asset: string; amount: Decimal } {
  return side === 'buy'
    ? { asset: market.quote, amount: order.price.times(order.amount) }
    : { asset: market.base, amount: order.amount };
}

/**
 * MARKET orders, by the same policy: a base quantity is truncated to the market step
 * (MARKET_LOT_SIZE's when set, else LOT_SIZE's); a quote quantity to the tick (what ccxt sends).
 * Refused locally: a quantity outside LOT_SIZE or MARKET_LOT_SIZE (a zero bound disables it), a
 * quote quantity under NOTIONAL's minimum (applyMinToMarket). A MARKET order by quantity's
 * NOTIONAL is the venue's to judge, at a price only it knows.
 */
export function marketStepOf(market: Market): Decimal {
  const marketStep = dec(market.marketLotSize.stepSize);
  return marketStep.isZero() ? dec(market.lotSize.stepSize) : marketStep;
}

export function roundMarketQuantity(market: Market, amount: Decimal): Decimal {
  return floorToStep(amount, marketStepOf(market));
}

export function roundMarketCost(market: Market, cost: Decimal): Decimal {
  return floorToStep(cost, dec(market.priceFilter.tickSize));
}

export function brokenMarketQuantityFilter(market: Market, quantity: Decimal): 'LOT_SIZE' | 'MARKET_LOT_SIZE' | undefined {
  for (const [name, lot] of [['LOT_SIZE', market.lotSize], ['MARKET_LOT_SIZE', market.marketLotSize]] as const) {
    const max = dec(lot.maxQty);
    if (!quantity.gt(0) || quantity.lt(dec(lot.minQty)) || (!max.isZero() && quantity.gt(max))) return name;
  }
  return undefined;
}

export function brokenMarketCostFilter(market: Market, cost: Decimal): 'NOTIONAL' | undefined {
  const { minNotional, maxNotional, applyMinToMarket, applyMaxToMarket } = market.notional;
  const max = dec(maxNotional);
  if (!cost.gt(0) || (applyMinToMarket && cost.lt(dec(minNotional))) || (applyMaxToMarket && !max.isZero() && cost.gt(max))) return 'NOTIONAL';
  return undefined;
}

/** Whether the venue refuses a MARKET order by quantity for NOTIONAL at its reference price. */
export function marketNotionalRefused(market: Market, quantity: Decimal, referencePrice: Decimal | undefined): boolean {
  if (referencePrice === undefined) return false;
  return brokenMarketCostFilter(market, referencePrice.times(quantity)) !== undefined;
}
