import fc from 'fast-check';
import { Decimal, dec, floorToStep } from '../../src/domain/decimal';
import type { Market } from '../../src/domain/market';
import type { Side } from '../../src/domain/order';
import { referencePrice } from './reference-price';

/**
 * Prices that break careless code, drawn apart from any market and resolved against the run's:
 * on the tick near the reference and one fraction of a tick off it, 17 significant digits,
 * anywhere in the legal range, and the filter's edges. A plain string is that price exactly.
 */
export type PriceDraw =
  | string
  /** The reference price plus `ticks` ticks. */
  | { kind: 'ticks'; ticks: number }
  /** As `ticks`, then `fraction` of one tick further: off the tick. */
  | { kind: 'off-tick'; ticks: number; fraction: StepFraction }
  /** The reference price times 1 + n / 10^15, kept to 17 significant digits. */
  | { kind: 'digits17'; n: number }
  /**
   * On the order's own side of the reference, `share` / 10^6 of the way out on a log scale, on
   * the tick: a buy from the reference down to minPrice, a sell up to maxPrice. The whole legal
   * range is met, and such an order rests without crossing the prices where others trade (a
   * buy resting at 10 times the reference would keep every later sell of ours from being placed,
   * as we never cross our own orders).
   */
  | { kind: 'range'; share: number }
  | { kind: 'edge'; edge: PriceEdge };

export type PriceEdge = 'min' | 'max' | 'above-max' | 'half-min';

/** A share of one tick or step: binary floating point holds none of them but 0.5 exactly. */
export const STEP_FRACTIONS = ['0.1', '0.3', '0.5', '0.99999999', '0.00000001'] as const;
export type StepFraction = (typeof STEP_FRACTIONS)[number];

/** Share of the range as integers, so a draw is plain data that shrinks towards the bottom. */
export const RANGE_SHARES = 1_000_000;

const ticksArbitrary = fc.integer({ min: -40, max: 40 });

export const priceDrawArbitrary: fc.Arbitrary<PriceDraw> = fc.oneof(
  { weight: 6, arbitrary: ticksArbitrary.map((ticks): PriceDraw => ({ kind: 'ticks', ticks })) },
  { weight: 2, arbitrary: fc.tuple(ticksArbitrary, fc.constantFrom(...STEP_FRACTIONS)).map(([ticks, fraction]): PriceDraw => ({ kind: 'off-tick', ticks, fraction })) },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 999_999_999 }).map((n): PriceDraw => ({ kind: 'digits17', n })) },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: RANGE_SHARES }).map((share): PriceDraw => ({ kind: 'range', share })) },
  { weight: 1, arbitrary: fc.constantFrom<PriceEdge>('min', 'max', 'above-max', 'half-min').map((edge): PriceDraw => ({ kind: 'edge', edge })) },
);

/** The price a draw names on `market` for an order of `side`: pure, so a command's check and run agree. */
export function resolvePrice(market: Market, side: Side, draw: PriceDraw): string {
  if (typeof draw === 'string') return draw;
  const tick = dec(market.priceFilter.tickSize);
  const reference = referencePrice(market);
  switch (draw.kind) {
    case 'ticks':
      return reference.plus(tick.times(draw.ticks)).toFixed();
    case 'off-tick':
      return reference.plus(tick.times(draw.ticks)).plus(tick.times(dec(draw.fraction))).toFixed();
    case 'digits17':
      return reference.times(new Decimal(1).plus(new Decimal(draw.n).div('1e15'))).toSignificantDigits(17).toFixed();
    case 'range': {
      const key = `${side} ${draw.share}`;
      const known = rangePrices.get(market) ?? rangePrices.set(market, new Map()).get(market);
      const cached = known?.get(key);
      if (cached !== undefined) return cached;
      const [from, to] = side === 'buy' ? [reference, dec(market.priceFilter.minPrice)] : [reference, dec(market.priceFilter.maxPrice)];
      const price = floorToStep(logPosition(from, to, draw.share), tick).toFixed();
      known?.set(key, price);
      return price;
    }
    case 'edge':
      return priceEdge(market, draw.edge).toFixed();
  }
}

/**
 * Range prices already resolved, by market and side: a fractional power at 80 digits is the
 * dearest draw to resolve, and a command resolves its draw at every check and again as it runs.
 */
const rangePrices = new WeakMap<Market, Map<string, string>>();

function priceEdge(market: Market, edge: PriceEdge): Decimal {
  const { minPrice, maxPrice, tickSize } = market.priceFilter;
  switch (edge) {
    case 'min':
      return dec(minPrice);
    case 'max':
      return dec(maxPrice);
    case 'above-max':
      return dec(maxPrice).plus(dec(tickSize));
    case 'half-min':
      return dec(minPrice).div(2);
  }
}

/**
 * `share` / 10^6 of the way from `from` to `to` on a log scale: a range such as 1e-8 to 1e6 is
 * met in every decade, not only in its top one. Decimal arithmetic, so the same on every replay:
 * from × e^(ln(to / from) × share / 10^6) at 40 digits for a result of 30, the logarithm once
 * per range. (Decimal's pow at the domain's 80 digits, a logarithm and an exponential per draw,
 * was 0.7 ms a draw; over 1,000 draws the two agree to every digit kept.)
 */
export function logPosition(from: Decimal, to: Decimal, share: number): Decimal {
  if (!from.gt(0) || !to.gt(0)) return from.plus(to.minus(from).times(share).div(RANGE_SHARES));
  const start = new LogDecimal(from.toFixed());
  return new Decimal(start.times(logOfRatio(start, to).times(share).div(RANGE_SHARES).exp()).toSignificantDigits(30).toFixed());
}

const LogDecimal = Decimal.clone({ precision: 40 });
type LogDecimal = InstanceType<typeof LogDecimal>;

/** ln(to / from) by range; bounded, since generated markets bring new ranges every run. */
const logsOfRatio = new Map<string, LogDecimal>();

function logOfRatio(from: LogDecimal, to: Decimal): LogDecimal {
  const key = `${from.toFixed()} ${to.toFixed()}`;
  const known = logsOfRatio.get(key);
  if (known !== undefined) return known;
  if (logsOfRatio.size >= 4_096) logsOfRatio.clear();
  const computed = new LogDecimal(to.toFixed()).div(from).ln();
  logsOfRatio.set(key, computed);
  return computed;
}

/** How a draw reads in a counterexample before it is resolved. */
export function describePriceDraw(draw: PriceDraw): string {
  if (typeof draw === 'string') return draw;
  switch (draw.kind) {
    case 'ticks':
      return `ref${draw.ticks >= 0 ? '+' : ''}${draw.ticks}t`;
    case 'off-tick':
      return `ref${draw.ticks >= 0 ? '+' : ''}${draw.ticks}t+${draw.fraction}t`;
    case 'digits17':
      return `ref*(1+${draw.n}e-15)`;
    case 'range':
      return `range(${draw.share}/${RANGE_SHARES})`;
    case 'edge':
      return `${draw.edge}Price`;
  }
}
