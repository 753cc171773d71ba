import { type Decimal, dec } from '../../src/domain/decimal';
import type { Market } from '../../src/domain/market';

/** Where each default market trades in generated runs. */
export const REFERENCE_PRICES: Readonly<Record<string, string>> = {
  'BTC/USDT': '30000',
  'ETH/USDT': '2000',
  'ETH/BTC': '0.06',
};

/**
 * How far a generated market's maximum price lies above its reference price. Commands resolve
 * their draws from the market alone (a command's `check` sees only the model, which holds the
 * run's markets), so a generated market's reference price is written into its filters:
 * PRICE_FILTER.maxPrice is the reference times this, on the tick as the reference is.
 */
export const MAX_PRICE_OVER_REFERENCE = '10000';

/** The price a market trades around in a run: the default markets' fixed ones, else maxPrice / 10^4. */
export function referencePrice(market: Market): Decimal {
  const fixed = REFERENCE_PRICES[market.symbol];
  return fixed === undefined ? dec(market.priceFilter.maxPrice).div(MAX_PRICE_OVER_REFERENCE) : dec(fixed);
}
