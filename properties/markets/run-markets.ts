import fc from 'fast-check';
import { Decimal, dec } from '../../src/domain/decimal';
import { DEFAULT_MARKETS, type Market } from '../../src/domain/market';
import { generatedMarketArbitrary } from './generated-market';
import { referencePrice } from './reference-price';

/** What a run trades on and starts with: the venue's markets and the trader's deposits. */
export interface RunMarkets {
  markets: readonly Market[];
  deposits: ReadonlyArray<{ asset: string; amount: string }>;
}

/** Starting balances on the default markets: sometimes plenty, sometimes just enough to spend exactly. */
const defaultRun: fc.Arbitrary<RunMarkets> = fc
  .tuple(fc.constantFrom('100000', '20000', '1000.5', '7.3'), fc.constantFrom('2', '0.5', '0.00123'), fc.constantFrom('50', '3', '0.3'))
  .map(([usdt, btc, eth]) => ({
    markets: DEFAULT_MARKETS,
    deposits: [
      { asset: 'USDT', amount: usdt },
      { asset: 'BTC', amount: btc },
      { asset: 'ETH', amount: eth },
    ],
  }));

/**
 * Deposits as multiples of what an ordinary order spends of the asset (`orderSize`): plenty for
 * many orders, enough for a few, exactly one, one smallest order's worth, and too little for that.
 */
const DEPOSIT_LEVELS = ['50', '3', '1', '0.0025', '0.001'] as const;

/**
 * 1 to 4 generated markets with distinct symbols, the extremes (8-decimal steps, prices above
 * 1e5 on a fine tick, prices below 1e-4) each drawn as often as an arbitrary market, and a
 * deposit level for each asset (shrinking towards plenty).
 */
const generatedRun: fc.Arbitrary<RunMarkets> = fc
  .tuple(
    fc.uniqueArray(
      fc.oneof(generatedMarketArbitrary('any'), generatedMarketArbitrary('fine-steps'), generatedMarketArbitrary('dear'), generatedMarketArbitrary('cheap')),
      { minLength: 1, maxLength: 4, selector: (market) => market.id },
    ),
    fc.array(fc.constantFrom(...DEPOSIT_LEVELS), { minLength: 8, maxLength: 8 }),
  )
  .map(([markets, levels]) => ({ markets, deposits: depositsFor(markets, levels) }));

/**
 * A run's markets: the defaults in two runs of three, generated ones in the third. Shrinking
 * crosses back to the defaults first, so a counterexample on generated markets that the
 * default markets also show is reported on the default markets.
 */
export const runMarketsArbitrary: fc.Arbitrary<RunMarkets> = fc.oneof({ withCrossShrink: true }, { weight: 2, arbitrary: defaultRun }, { weight: 1, arbitrary: generatedRun });

/** Each asset of `markets`, in order of first appearance, with the level drawn for its place. */
function depositsFor(markets: readonly Market[], levels: readonly string[]): Array<{ asset: string; amount: string }> {
  const assets = [...new Set(markets.flatMap((market) => [market.base, market.quote]))];
  return assets.map((asset, index) => {
    const size = orderSize(markets, asset).times(dec(levels[index] ?? '50'));
    // Balances carry 8 decimals on Binance; the least deposit is one unit of the last.
    return { asset, amount: Decimal.max('0.00000001', size.toDecimalPlaces(8, Decimal.ROUND_DOWN)).toFixed() };
  });
}

/**
 * What an ordinary order (up to about 400 minimum notionals at the reference price, as the
 * amount draws make them) spends of `asset` on the markets that trade it, the largest of them.
 */
function orderSize(markets: readonly Market[], asset: string): Decimal {
  let size = new Decimal(0);
  for (const market of markets) {
    const notional = dec(market.notional.minNotional).times(400);
    if (market.quote === asset) size = Decimal.max(size, notional);
    if (market.base === asset) size = Decimal.max(size, notional.div(referencePrice(market)));
  }
  return size;
}
