import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_MARKETS, type Market } from '../domain/market';
import { dec, formatDecimal, isMultipleOf } from '../domain/decimal';
import { FilterViolationError } from '../domain/errors';
import { assertWithinFilters, ceilToStep, prepareMarketCostOrder, prepareMarketOrder, prepareOrder, roundOrder } from './precision';

const [BTC_USDT, ETH_USDT, ETH_BTC] = DEFAULT_MARKETS as [Market, Market, Market];

/** A positive decimal string with up to 12 fraction digits and up to 17 significant digits. */
const positiveDecimal = fc
  .tuple(fc.bigInt({ min: 1n, max: 10n ** 17n - 1n }), fc.integer({ min: 0, max: 12 }))
  .map(([digits, scale]) => formatDecimal(dec(digits.toString()).dividedBy(dec('1' + '0'.repeat(scale)))));

describe('roundOrder (precision policy)', () => {
  it('truncates quantity down to the step and moves price toward the better side', () => {
    expect(roundOrder(BTC_USDT, 'buy', '30000.129', '0.0012345678')).toEqual({ price: '30000.12', amount: '0.00123' });
    expect(roundOrder(BTC_USDT, 'sell', '30000.121', '0.0012345678')).toEqual({ price: '30000.13', amount: '0.00123' });
  });

  it('leaves values already on the grid exactly as they are (0.1, 0.3, 4.35)', () => {
    expect(roundOrder(ETH_USDT, 'buy', '4.35', '0.3')).toEqual({ price: '4.35', amount: '0.3' });
    expect(roundOrder(ETH_USDT, 'sell', '4.35', '0.1')).toEqual({ price: '4.35', amount: '0.1' });
    expect(roundOrder(ETH_BTC, 'sell', '0.00001', '0.0001')).toEqual({ price: '0.00001', amount: '0.0001' });
  });

  it('ceilToStep is the smallest multiple not below the value', () => {
    expect(formatDecimal(ceilToStep(dec('1.001'), dec('0.01')))).toBe('1.01');
    expect(formatDecimal(ceilToStep(dec('1.01'), dec('0.01')))).toBe('1.01');
  });

  for (const market of DEFAULT_MARKETS) {
    it(`${market.symbol}: rounding never buys or sells more than asked and lands on tick and step`, () => {
      fc.assert(
        fc.property(fc.constantFrom('buy' as const, 'sell' as const), positiveDecimal, positiveDecimal, (side, price, amount) => {
          const rounded = roundOrder(market, side, price, amount);
          const tick = dec(market.priceFilter.tickSize);
          const step = dec(market.lotSize.stepSize);
          expect(isMultipleOf(dec(rounded.price), tick)).toBe(true);
          expect(isMultipleOf(dec(rounded.amount), step)).toBe(true);
          expect(dec(rounded.amount).lte(dec(amount))).toBe(true);
          expect(dec(amount).minus(dec(rounded.amount)).lt(step)).toBe(true);
          if (side === 'buy') expect(dec(rounded.price).lte(dec(price))).toBe(true);
          else expect(dec(rounded.price).gte(dec(price))).toBe(true);
          expect(dec(rounded.price).minus(dec(price)).abs().lt(tick)).toBe(true);
          // D3: a buy never reserves more quote than price x amount as asked.
          if (side === 'buy') expect(dec(rounded.price).times(dec(rounded.amount)).lte(dec(price).times(dec(amount)))).toBe(true);
        }),
      );
    });
  }
});

describe('assertWithinFilters', () => {
  const refused = (market: Market, price: string, amount: string): string | undefined => {
    try {
      assertWithinFilters(market, { price, amount });
      return undefined;
    } catch (error) {
      if (error instanceof FilterViolationError) return error.filter;
      throw error;
    }
  };

  it('accepts an order inside every filter', () => {
    expect(refused(BTC_USDT, '30000', '0.001')).toBeUndefined();
  });

  it('names the first filter an order breaks, in Binance order', () => {
    expect(refused(BTC_USDT, '0', '0.001')).toBe('PRICE_FILTER');
    expect(refused(BTC_USDT, '1000000.01', '0.001')).toBe('PRICE_FILTER');
    expect(refused(BTC_USDT, '30000.001', '0.001')).toBe('PRICE_FILTER');
    expect(refused(BTC_USDT, '30000', '0')).toBe('LOT_SIZE');
    expect(refused(BTC_USDT, '30000', '9000.00001')).toBe('LOT_SIZE');
    expect(refused(BTC_USDT, '30000', '0.000011')).toBe('LOT_SIZE');
    expect(refused(BTC_USDT, '100', '0.04999')).toBe('NOTIONAL');
    expect(refused(BTC_USDT, '1000000', '9000')).toBe('NOTIONAL');
  });

  it('checks the rounded values: a quantity truncated below minQty is refused', () => {
    expect(() => prepareOrder(BTC_USDT, 'buy', '30000', '0.000009')).toThrow(FilterViolationError);
    expect(() => prepareOrder(BTC_USDT, 'buy', '0.009', '1')).toThrow(/PRICE|price/);
  });

  it('notional is exact at the boundary (price x quantity = minNotional passes)', () => {
    expect(refused(BTC_USDT, '500', '0.01')).toBeUndefined();
    expect(refused(ETH_BTC, '0.001', '0.1')).toBeUndefined();
  });
});

describe('MARKET orders (precision policy)', () => {
  const filterOf = (refuse: () => unknown): string | undefined => {
    try {
      refuse();
    } catch (error) {
      if (error instanceof FilterViolationError) return error.filter;
      throw error;
    }
    return undefined;
  };

  it('a quantity is truncated to the market step: MARKET_LOT_SIZE when set, else LOT_SIZE', () => {
    expect(prepareMarketOrder(BTC_USDT, '0.0012345678')).toBe('0.00123');
    const coarse: Market = { ...BTC_USDT, marketLotSize: { minQty: '0.001', maxQty: '1', stepSize: '0.0001' } };
    expect(prepareMarketOrder(coarse, '0.00199')).toBe('0.0019');
    expect(filterOf(() => prepareMarketOrder(coarse, '0.0009'))).toBe('MARKET_LOT_SIZE');
    expect(filterOf(() => prepareMarketOrder(coarse, '1.001'))).toBe('MARKET_LOT_SIZE');
    expect(filterOf(() => prepareMarketOrder(BTC_USDT, '0.000009'))).toBe('LOT_SIZE');
  });

  it('a quote quantity is truncated to the tick and must reach NOTIONAL: never spends more than asked', () => {
    expect(prepareMarketCostOrder(BTC_USDT, '45.009')).toBe('45');
    expect(prepareMarketCostOrder(ETH_BTC, '0.000123456')).toBe('0.00012');
    expect(prepareMarketCostOrder(BTC_USDT, '5.009')).toBe('5');
    expect(filterOf(() => prepareMarketCostOrder(BTC_USDT, '4.999'))).toBe('NOTIONAL');
    fc.assert(
      fc.property(positiveDecimal, (cost) => {
        const refused = filterOf(() => prepareMarketCostOrder(ETH_USDT, cost));
        if (refused !== undefined) return refused === 'NOTIONAL' && dec(cost).lt(dec('5.01'));
        const sent = prepareMarketCostOrder(ETH_USDT, cost);
        return dec(sent).lte(dec(cost)) && isMultipleOf(dec(sent), dec(ETH_USDT.priceFilter.tickSize)) && dec(sent).gte(dec('5'));
      }),
    );
  });

  it('a quote quantity above maxNotional is refused only where applyMaxToMarket says so, and a zero maximum caps nothing', () => {
    const capped: Market = { ...BTC_USDT, notional: { ...BTC_USDT.notional, maxNotional: '1000', applyMaxToMarket: true } };
    expect(prepareMarketCostOrder(capped, '1000')).toBe('1000');
    expect(filterOf(() => prepareMarketCostOrder(capped, '1000.01'))).toBe('NOTIONAL');
    expect(prepareMarketCostOrder({ ...capped, notional: { ...capped.notional, applyMaxToMarket: false } }, '1000.01')).toBe('1000.01');
    expect(prepareMarketCostOrder({ ...capped, notional: { ...capped.notional, maxNotional: '0' } }, '1000.01')).toBe('1000.01');
  });
});

describe('a local refusal tells the user what was refused and that nothing was sent', () => {
  const messageOf = (refuse: () => unknown): string => {
    try {
      refuse();
    } catch (error) {
      if (error instanceof FilterViolationError) return error.message;
      throw error;
    }
    throw new Error('not refused');
  };
  const { minQty, maxQty } = BTC_USDT.lotSize;
  const { minNotional, maxNotional } = BTC_USDT.notional;

  it.each([
    ['a limit quantity', () => prepareOrder(BTC_USDT, 'buy', '30000', '0.000009'), ['quantity 0 ', `[${minQty}, ${maxQty}]`]],
    ['a limit notional', () => prepareOrder(BTC_USDT, 'buy', '100', '0.04999'), ['notional 4.999 ', `[${minNotional}, ${maxNotional}]`]],
    ['a market quantity', () => prepareMarketOrder(BTC_USDT, '0.000009'), ['market quantity 0 ', `[${minQty}, ${maxQty}]`]],
    ['a market cost', () => prepareMarketCostOrder(BTC_USDT, '4.999'), ['market cost 4.99 ', `[${minNotional}, ${maxNotional}]`]],
  ] as const)('%s', (_what, refuse, parts) => {
    const message = messageOf(refuse);
    for (const part of [BTC_USDT.symbol, ...parts, 'nothing was sent']) expect(message).toContain(part);
  });
});
