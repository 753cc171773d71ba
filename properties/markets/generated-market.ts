import fc from 'fast-check';
import { Decimal, dec, floorToStep } from '../../src/domain/decimal';
import { DEFAULT_MAX_NUM_ORDERS, MarketSchema, type Market } from '../../src/domain/market';
import { MAX_PRICE_OVER_REFERENCE } from './reference-price';

/**
 * One spot market as a venue could list it, drawn across Binance's whole range: tick and step
 * from 1e-8 to 1000 (powers of ten, and 5 or 25 times one, as Binance lists ticks such as 0.5
 * and 0.25 on some symbols), a reference price from 1e-6 to just under 1e6 at least 100 ticks above
 * zero, minQty one or ten steps, maxQty 10^4 to 10^9 minimum-notional lots, a minimum notional that one to a
 * thousand minQty lots at the reference meet, and non-USDT quotes. Prices go down to 1e-8 at
 * the minPrice edge (minPrice is the tick, as on Binance).
 */

/** Base assets of generated markets: never BTC, ETH or USDT, so no default symbol is drawn. */
const BASES = ['XYZ', 'ABC', 'FOO', 'SHIB2', 'LMN', 'QRS'] as const;
/** Quote assets: the usual crypto quotes and a fiat one. */
const QUOTES = ['BTC', 'ETH', 'EUR', 'USDT', 'BNB'] as const;
/** Grid sizes are a mantissa times a power of ten. */
const MANTISSAS = ['1', '5', '25'] as const;

/** The extremes issue 10 asks to meet, drawn often rather than left to chance. */
export type MarketFlavour = 'any' | 'fine-steps' | 'dear' | 'cheap';

interface MarketDraws {
  base: (typeof BASES)[number];
  quote: (typeof QUOTES)[number];
  /** Reference price: mantissa 1000..9999 (four digits) times 10^(exponent - 3). */
  priceMantissa: number;
  priceExponent: number;
  /** Where between finest (1e-8) and coarsest allowed the tick and step lie, in thousandths. */
  tickShare: number;
  tickMantissa: (typeof MANTISSAS)[number];
  stepShare: number;
  stepMantissa: (typeof MANTISSAS)[number];
  minQtySteps: '1' | '10';
  /** maxQty is 10^this times the least lot that meets the minimum notional at the reference. */
  maxQtyExponent: number;
  notionalLots: '1' | '10' | '1000';
}

const SHARE = fc.integer({ min: 0, max: 1000 });

function drawsArbitrary(flavour: MarketFlavour): fc.Arbitrary<MarketDraws> {
  // Dear: above 1e5 with a fine tick; cheap: below 1e-4; fine steps: an 8-decimal lot step.
  const priceExponent = flavour === 'dear' ? fc.constant(5) : flavour === 'cheap' ? fc.integer({ min: -6, max: -5 }) : fc.integer({ min: -6, max: 5 });
  const tickShare = flavour === 'dear' || flavour === 'cheap' ? fc.constant(0) : SHARE;
  const stepShare = flavour === 'fine-steps' ? fc.constant(0) : SHARE;
  const fineMantissa = fc.constant<(typeof MANTISSAS)[number]>('1');
  return fc.record({
    base: fc.constantFrom(...BASES),
    quote: fc.constantFrom(...QUOTES),
    priceMantissa: fc.integer({ min: 1000, max: 9999 }),
    priceExponent,
    tickShare,
    tickMantissa: flavour === 'any' ? fc.constantFrom(...MANTISSAS) : fineMantissa,
    stepShare,
    stepMantissa: flavour === 'fine-steps' ? fineMantissa : fc.constantFrom(...MANTISSAS),
    minQtySteps: fc.constantFrom<'1' | '10'>('1', '10'),
    maxQtyExponent: fc.integer({ min: 4, max: 9 }),
    notionalLots: fc.constantFrom<'1' | '10' | '1000'>('1', '10', '1000'),
  });
}

const FINEST_EXPONENT = -8;
const COARSEST = new Decimal(1000);

/**
 * A grid size `share` thousandths of the way from 1e-8 to `coarsest` (in decades), with the
 * given mantissa where that stays within 1e-8..coarsest and on 8 decimals, else a power of ten.
 */
function gridSize(share: number, mantissa: (typeof MANTISSAS)[number], coarsest: Decimal): Decimal {
  // A decade count, not money: a JS number is exact for it.
  // decimal.js keeps a value's decade as its exponent `e` (floor(log10) exactly, for positive
  // values): a logarithm at 80 digits cost more than the rest of the market's draw.
  const top = Math.max(FINEST_EXPONENT, Decimal.min(COARSEST, coarsest).e);
  const exponent = FINEST_EXPONENT + Math.floor(((top - FINEST_EXPONENT) * share) / 1000);
  const power = new Decimal(10).pow(exponent);
  const size = power.times(dec(mantissa));
  return size.lte(coarsest) && size.lte(COARSEST) && size.decimalPlaces() <= 8 ? size : power;
}

/** The market the draws describe, parsed with MarketSchema as a venue configuration is. */
function marketOf(draws: MarketDraws): Market {
  const approximate = new Decimal(draws.priceMantissa).times(new Decimal(10).pow(draws.priceExponent - 3));
  // At least 100 ticks under the reference, so "k ticks from the reference" stays above zero.
  const tick = gridSize(draws.tickShare, draws.tickMantissa, approximate.div(100));
  const reference = floorToStep(approximate, tick);
  const step = gridSize(draws.stepShare, draws.stepMantissa, COARSEST);
  const minQty = step.times(dec(draws.minQtySteps));
  // Binance's minimum notionals are quote amounts of at most 8 decimals.
  const minNotional = Decimal.max('0.00000001', reference.times(minQty).times(dec(draws.notionalLots)).toDecimalPlaces(8, Decimal.ROUND_UP));
  // Room for orders of several hundred minimum notionals (the amount draws) and for the other
  // traders' orders of up to 5000 steps (external-order.ts): at least 10^4 such lots.
  const leastLot = Decimal.max(minQty, minNotional.div(reference).div(step).ceil().times(step));
  const maxQty = leastLot.times(new Decimal(10).pow(draws.maxQtyExponent));
  return MarketSchema.parse({
    symbol: `${draws.base}/${draws.quote}`,
    id: `${draws.base}${draws.quote}`,
    base: draws.base,
    quote: draws.quote,
    priceFilter: { minPrice: tick.toFixed(), maxPrice: reference.times(MAX_PRICE_OVER_REFERENCE).toFixed(), tickSize: tick.toFixed() },
    lotSize: { minQty: minQty.toFixed(), maxQty: maxQty.toFixed(), stepSize: step.toFixed() },
    notional: { minNotional: minNotional.toFixed(), maxNotional: minNotional.times('1e12').toFixed() },
    maxNumOrders: DEFAULT_MAX_NUM_ORDERS,
    orderTypes: ['LIMIT', 'LIMIT_MAKER', 'MARKET'],
  });
}

export function generatedMarketArbitrary(flavour: MarketFlavour = 'any'): fc.Arbitrary<Market> {
  return drawsArbitrary(flavour).map(marketOf);
}
