import fc from 'fast-check';
import { Decimal, dec, floorToStep } from '../../src/domain/decimal';
import type { Market } from '../../src/domain/market';

/**
 * Prices and amounts that break careless code: on and one fraction of a step off the tick and
 * the lot step, values binary floating point cannot hold (0.1, 0.3, 0.30000000000000004),
 * 17 significant digits, filter edges, and "everything that is free".
 */

/** Where each market trades in generated runs. */
export const REFERENCE_PRICES: Readonly<Record<string, string>> = {
  'BTC/USDT': '30000',
  'ETH/USDT': '2000',
  'ETH/BTC': '0.06',
};

export function referencePrice(market: Market): Decimal {
  return dec(REFERENCE_PRICES[market.symbol] ?? market.priceFilter.minPrice);
}

const STEP_FRACTIONS = ['0.1', '0.3', '0.5', '0.99999999', '0.00000001'] as const;

export function priceArbitrary(market: Market): fc.Arbitrary<string> {
  const tick = dec(market.priceFilter.tickSize);
  const reference = referencePrice(market);
  const onTick = fc.integer({ min: -40, max: 40 }).map((k) => reference.plus(tick.times(k)));
  return fc
    .oneof(
      { weight: 6, arbitrary: onTick },
      {
        weight: 2,
        arbitrary: fc.tuple(onTick, fc.constantFrom(...STEP_FRACTIONS)).map(([price, fraction]) => price.plus(tick.times(fraction))),
      },
      {
        weight: 1,
        arbitrary: fc.integer({ min: 1, max: 999_999_999 }).map((n) => reference.times(new Decimal(1).plus(new Decimal(n).div('1e15'))).toSignificantDigits(17)),
      },
      {
        weight: 1,
        arbitrary: fc.constantFrom(
          dec(market.priceFilter.minPrice),
          dec(market.priceFilter.maxPrice),
          dec(market.priceFilter.maxPrice).plus(tick),
          dec(market.priceFilter.minPrice).div(2),
        ),
      },
    )
    .map((price) => price.toFixed());
}

/** "all-free" sells everything free of the base, or buys with everything free of the quote. */
export type AmountSpec = string | 'all-free';

export function amountArbitrary(market: Market, priceText: string): fc.Arbitrary<AmountSpec> {
  const step = dec(market.lotSize.stepSize);
  const minNotional = dec(market.notional.minNotional);
  const price = dec(priceText);
  const reference = referencePrice(market);
  // Up to about 400 times the minimum notional at the reference price: affordable, not dust.
  const maxSteps = minNotional.times(400).div(step.times(reference)).floor().toNumber();
  const onStep = fc.integer({ min: 1, max: maxSteps }).map((k) => step.times(k));
  const notionalEdge = floorToStep(minNotional.div(price), step);
  return fc.oneof(
    { weight: 6, arbitrary: onStep.map((amount) => amount.toFixed()) },
    {
      weight: 2,
      arbitrary: fc.tuple(onStep, fc.constantFrom(...STEP_FRACTIONS)).map(([amount, fraction]) => amount.plus(step.times(fraction)).toFixed()),
    },
    { weight: 2, arbitrary: fc.constantFrom('0.1', '0.3', '0.30000000000000004', '0.7', '1.1') },
    {
      weight: 1,
      arbitrary: fc.integer({ min: 1, max: 999_999_999 }).map((n) => step.times(maxSteps).div(7).plus(new Decimal(n).div('1e18')).toSignificantDigits(17).toFixed()),
    },
    {
      weight: 2,
      arbitrary: fc.constantFrom(
        market.lotSize.minQty,
        dec(market.lotSize.minQty).div(2).toFixed(),
        notionalEdge.toFixed(),
        notionalEdge.plus(step).toFixed(),
        notionalEdge.minus(step).toFixed(),
      ),
    },
    { weight: 1, arbitrary: fc.constant('all-free' as const) },
  );
}

/** Starting balances of a run: sometimes plenty, sometimes just enough to spend exactly. */
export const depositsArbitrary = fc.tuple(
  fc.constantFrom('100000', '20000', '1000.5', '7.3'),
  fc.constantFrom('2', '0.5', '0.00123'),
  fc.constantFrom('50', '3', '0.3'),
).map(([usdt, btc, eth]) => [
  { asset: 'USDT', amount: usdt },
  { asset: 'BTC', amount: btc },
  { asset: 'ETH', amount: eth },
]);
