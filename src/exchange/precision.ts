/**
 * Rounding an order onto a market's grid and checking Binance's filters, locally, in Decimal.
 *
 * Policy (invariant D3: rounding never buys or sells more than asked):
 * - quantity is truncated DOWN to a multiple of LOT_SIZE.stepSize (never more than asked);
 * - a buy price is rounded DOWN to a multiple of PRICE_FILTER.tickSize (never pays more per unit),
 *   a sell price UP (never sells cheaper). Together the buy's reserve (quantity x price) never
 *   exceeds what the caller asked to spend.
 * Then the filters are checked on the ROUNDED values (Binance checks what it receives):
 * PRICE_FILTER minPrice <= price <= maxPrice, LOT_SIZE minQty <= quantity <= maxQty,
 * NOTIONAL minNotional <= price x quantity <= maxNotional. A violation throws
 * FilterViolationError and the caller sends nothing (invariant D1).
 * We treat "on the tick" as a multiple of tickSize, as ccxt does; Binance measures it from
 * minPrice ((price - minPrice) % tickSize == 0), which is the same whenever minPrice is itself
 * on the tick, as it is for every market the venue lists.
 *
 * What ccxt 4.5.84 does with the strings we hand to createOrder (read in
 * node_modules/ccxt/js/src/binance.js createOrderRequest and base/Exchange.js,
 * base/functions/number.js decimalToPrecision; checked by precision-ccxt.test.ts):
 * - createOrderRequest passes `amount` through amountToPrecision and `price` through
 *   priceToPrecision; both call decimalToPrecision with precisionMode TICK_SIZE, the market's
 *   precision being the raw stepSize / tickSize strings.
 * - amountToPrecision uses TRUNCATE, which in TICK_SIZE mode is exact string arithmetic
 *   (Precise.stringDiv then stringMul): a string already on the step comes back unchanged,
 *   only stripped of trailing zeros.
 * - priceToPrecision uses ROUND (half up, to the nearest tick, so left alone it could make a buy
 *   pay more than asked) and that branch computes `x % tick` in float64. For a price already
 *   on the tick the float remainder is 0 or a hair under one tick, which the code rounds away,
 *   so the string goes on unchanged into the digit-wise (exact) rounding. A price with more
 *   significant digits than a double holds (about 15 or more) could be shifted by that float
 *   step; the market filters keep prices far below that (max 1000000 at tick 0.01).
 * - Both throw InvalidOrder when the result is "0"; we refuse such values before that.
 * So we round first, by our policy, and ccxt re-rounds a value that is already on the grid to
 * itself: nothing we send is changed, and nothing passes through a JS number on our side.
 */
import { FilterViolationError } from '../domain/errors';
import { dec, floorToStep, formatDecimal, type Decimal } from '../domain/decimal';
import type { Market } from '../domain/market';
import type { Side } from '../domain/order';

/** An order on the market's grid: canonical decimal strings, ready for the wire. */
export interface RoundedOrder {
  price: string;
  amount: string;
}

/** Smallest multiple of `step` not below `value`. */
export function ceilToStep(value: Decimal, step: Decimal): Decimal {
  const floored = floorToStep(value, step);
  return floored.eq(value) ? floored : floored.plus(step);
}

/** The price a side may be rounded to without making the trade worse than asked. */
export function roundPrice(side: Side, price: Decimal, tickSize: Decimal): Decimal {
  return side === 'buy' ? floorToStep(price, tickSize) : ceilToStep(price, tickSize);
}

/** The quantity: never more than asked. */
export function roundQuantity(amount: Decimal, stepSize: Decimal): Decimal {
  return floorToStep(amount, stepSize);
}

/** Rounds by the policy above; does not check filters. */
export function roundOrder(market: Market, side: Side, price: string, amount: string): RoundedOrder {
  return {
    price: formatDecimal(roundPrice(side, dec(price), dec(market.priceFilter.tickSize))),
    amount: formatDecimal(roundQuantity(dec(amount), dec(market.lotSize.stepSize))),
  };
}

/**
 * Throws FilterViolationError when the (already rounded) order breaks one of the market's
 * filters, in Binance's order of checks: PRICE_FILTER, LOT_SIZE, NOTIONAL.
 */
export function assertWithinFilters(market: Market, order: RoundedOrder): void {
  const price = dec(order.price);
  const amount = dec(order.amount);
  const { minPrice, maxPrice, tickSize } = market.priceFilter;
  if (price.lt(dec(minPrice)) || price.gt(dec(maxPrice)) || !price.mod(dec(tickSize)).isZero()) {
    throw new FilterViolationError('PRICE_FILTER', `${market.symbol}: price ${order.price} is outside [${minPrice}, ${maxPrice}] or off the tick ${tickSize}; nothing was sent`);
  }
  const { minQty, maxQty, stepSize } = market.lotSize;
  if (amount.lt(dec(minQty)) || amount.gt(dec(maxQty)) || !amount.mod(dec(stepSize)).isZero()) {
    throw new FilterViolationError('LOT_SIZE', `${market.symbol}: quantity ${order.amount} is outside [${minQty}, ${maxQty}] or off the step ${stepSize}; nothing was sent`);
  }
  const notional = price.times(amount);
  const { minNotional, maxNotional } = market.notional;
  if (notional.lt(dec(minNotional)) || notional.gt(dec(maxNotional))) {
    throw new FilterViolationError('NOTIONAL', `${market.symbol}: notional ${formatDecimal(notional)} is outside [${minNotional}, ${maxNotional}]; nothing was sent`);
  }
}

/** Round by the policy, then check the filters on the result: what `place` sends, or a refusal. */
export function prepareOrder(market: Market, side: Side, price: string, amount: string): RoundedOrder {
  const rounded = roundOrder(market, side, price, amount);
  assertWithinFilters(market, rounded);
  return rounded;
}

/**
 * A MARKET order's quantity step: MARKET_LOT_SIZE's when the symbol sets one (Binance checks a
 * MARKET order's quantity against both filters), else LOT_SIZE's. ccxt's amountToPrecision
 * truncates to LOT_SIZE's step only, which re-rounds a multiple of a finer-or-equal market step
 * to itself on every market the venue lists (MARKET_LOT_SIZE disabled or on LOT_SIZE's grid).
 */
export function marketQuantityStep(market: Market): Decimal {
  const marketStep = dec(market.marketLotSize.stepSize);
  return marketStep.isZero() ? dec(market.lotSize.stepSize) : marketStep;
}

/**
 * A MARKET order by base quantity, by the policy (D3: never more than asked): quantity truncated
 * to the market step, then LOT_SIZE and MARKET_LOT_SIZE checked locally (a zero bound disables
 * that part of the rule, as Binance documents). NOTIONAL is not checked here: Binance judges a
 * MARKET order's notional at the symbol's average price, which only the venue knows; a breach
 * comes back from it as ORDER_REJECTED with nothing placed.
 */
export function prepareMarketOrder(market: Market, amount: string): string {
  const quantity = roundQuantity(dec(amount), marketQuantityStep(market));
  for (const [name, lot] of [['LOT_SIZE', market.lotSize], ['MARKET_LOT_SIZE', market.marketLotSize]] as const) {
    const min = dec(lot.minQty);
    const max = dec(lot.maxQty);
    if (!quantity.gt(0) || quantity.lt(min) || (!max.isZero() && quantity.gt(max))) {
      throw new FilterViolationError(name, `${market.symbol}: market quantity ${formatDecimal(quantity)} is outside [${lot.minQty}, ${lot.maxQty}]; nothing was sent`);
    }
  }
  return formatDecimal(quantity);
}

/**
 * A MARKET order by quote quantity: the quote truncated DOWN to the tick (never spends or sells
 * for more than asked). The tick, not Binance's quoteAssetPrecision (8 decimals, finer on every
 * listed market): binance.js createOrderRequest truncates quoteOrderQty to the market's
 * precision.price, which is PRICE_FILTER.tickSize, so rounding to it here is what ccxt sends
 * unchanged. NOTIONAL's minimum applies to it when applyMinToMarket says so (a quote quantity is
 * its own notional), and is refused locally.
 */
export function prepareMarketCostOrder(market: Market, cost: string): string {
  const quote = floorToStep(dec(cost), dec(market.priceFilter.tickSize));
  const { minNotional, maxNotional, applyMinToMarket, applyMaxToMarket } = market.notional;
  const max = dec(maxNotional);
  if (!quote.gt(0) || (applyMinToMarket && quote.lt(dec(minNotional))) || (applyMaxToMarket && !max.isZero() && quote.gt(max))) {
    throw new FilterViolationError('NOTIONAL', `${market.symbol}: market cost ${formatDecimal(quote)} is outside [${minNotional}, ${maxNotional}]; nothing was sent`);
  }
  return formatDecimal(quote);
}
