import { binance } from 'ccxt';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dec, formatBinance, formatDecimal } from '../domain/decimal';
import { DEFAULT_MARKETS, type Market } from '../domain/market';
import { parseMarket } from './binance-responses';
import { roundOrder } from './precision';

/** An exchangeInfo symbol entry as Binance writes it (8-decimal strings), for a domain Market. */
function rawSymbolOf(market: Market): Record<string, unknown> {
  const wire = (value: string) => formatBinance(dec(value));
  return {
    symbol: market.id, status: 'TRADING', baseAsset: market.base, quoteAsset: market.quote,
    baseAssetPrecision: 8, quoteAssetPrecision: 8, orderTypes: market.orderTypes, isSpotTradingAllowed: true, permissionSets: [['SPOT']],
    filters: [
      { filterType: 'PRICE_FILTER', minPrice: wire(market.priceFilter.minPrice), maxPrice: wire(market.priceFilter.maxPrice), tickSize: wire(market.priceFilter.tickSize) },
      { filterType: 'LOT_SIZE', minQty: wire(market.lotSize.minQty), maxQty: wire(market.lotSize.maxQty), stepSize: wire(market.lotSize.stepSize) },
      { filterType: 'NOTIONAL', minNotional: wire(market.notional.minNotional), applyMinToMarket: true, maxNotional: wire(market.notional.maxNotional), applyMaxToMarket: false, avgPriceMins: 5 },
    ],
  };
}

/** A ccxt.binance holding the default markets, parsed by ccxt itself from raw exchangeInfo entries. */
function ccxtWithDefaultMarkets(): binance {
  const exchange = new binance({ options: { defaultType: 'spot' } });
  exchange.number = String as unknown as binance['number'];
  // parseMarket looks up margin pairs, which loadMarkets would have fetched from sapi.
  exchange.options['crossMarginPairsData'] = [];
  exchange.options['isolatedMarginPairsData'] = [];
  exchange.setMarkets(DEFAULT_MARKETS.map((market) => exchange.parseMarket(rawSymbolOf(market))));
  return exchange;
}

/** An on-grid value in [min, max]: k steps, k drawn over the whole range. */
function onGrid(step: string, min: string, max: string): fc.Arbitrary<string> {
  const lowest = BigInt(dec(min).dividedBy(dec(step)).ceil().toFixed());
  const highest = BigInt(dec(max).dividedBy(dec(step)).floor().toFixed());
  return fc.bigInt({ min: lowest, max: highest }).map((steps) => formatDecimal(dec(steps.toString()).times(dec(step))));
}

describe('ccxt and our rounded strings (what precision.ts relies on)', () => {
  const exchange = ccxtWithDefaultMarkets();

  it('parseMarket reads back the domain market from raw Binance filters', () => {
    for (const market of DEFAULT_MARKETS) expect(parseMarket(rawSymbolOf(market), market.symbol)).toEqual(market);
  });

  it('ccxt rounds an off-grid price to the NEAREST tick, half up (a buy could pay more), and truncates amounts', () => {
    expect(exchange.priceToPrecision('BTC/USDT', '30000.125')).toBe('30000.13');
    expect(exchange.amountToPrecision('BTC/USDT', '0.0012345678')).toBe('0.00123');
  });

  it('beyond what a double holds, ccxt\'s float ROUND path does change an on-tick price (why the filters matter)', () => {
    const wide: Market = { ...DEFAULT_MARKETS[0] as Market, id: 'WIDEUSDT', symbol: 'WIDE/USDT', base: 'WIDE',
      priceFilter: { minPrice: '0.05', maxPrice: '1000000000000000000', tickSize: '0.05' } };
    const local = ccxtWithDefaultMarkets();
    local.setMarkets([...DEFAULT_MARKETS, wide].map((market) => local.parseMarket(rawSymbolOf(market))));
    expect(local.priceToPrecision('WIDE/USDT', '1234567890123.45')).toBe('1234567890123.45');
    expect(local.priceToPrecision('WIDE/USDT', '123456789012345.65')).toBe('123456789012345.66');
  });

  for (const market of DEFAULT_MARKETS) {
    it(`${market.symbol}: ccxt sends an on-grid price and amount unchanged, over the whole filter range`, () => {
      const { priceFilter, lotSize } = market;
      fc.assert(
        fc.property(onGrid(priceFilter.tickSize, priceFilter.minPrice, priceFilter.maxPrice), onGrid(lotSize.stepSize, lotSize.minQty, lotSize.maxQty), (price, amount) => {
          expect(exchange.priceToPrecision(market.symbol, price)).toBe(price);
          expect(exchange.amountToPrecision(market.symbol, amount)).toBe(amount);
        }),
        { numRuns: 2000 },
      );
    });

    it(`${market.symbol}: what roundOrder returns, ccxt leaves as it is (trailing zeros aside)`, () => {
      fc.assert(
        fc.property(fc.constantFrom('buy' as const, 'sell' as const), fc.stringMatching(/^[1-9]\d{0,5}\.\d{1,10}$/), fc.stringMatching(/^[1-9]\d{0,2}\.\d{1,10}$/), (side, price, amount) => {
          const rounded = roundOrder(market, side, price, amount);
          if (dec(rounded.price).isZero() || dec(rounded.amount).isZero()) return;
          expect(exchange.priceToPrecision(market.symbol, rounded.price)).toBe(rounded.price);
          expect(exchange.amountToPrecision(market.symbol, rounded.amount)).toBe(rounded.amount);
        }),
        { numRuns: 2000 },
      );
    });
  }
});
