import fc from 'fast-check';
import { Decimal, dec, floorToStep } from '../../src/domain/decimal';
import type { Market } from '../../src/domain/market';
import { RANGE_SHARES, STEP_FRACTIONS, logPosition, type StepFraction } from './price-draw';
import { referencePrice } from './reference-price';

/**
 * Amounts that break careless code, drawn apart from any market and resolved against the run's
 * at an order's price: whole lot steps up to about 400 times the minimum notional, one fraction
 * of a step off, values binary floating point cannot hold (0.1, 0.3, 0.30000000000000004),
 * 17 significant digits, anywhere from minQty to maxQty, the LOT_SIZE and NOTIONAL edges, and
 * "everything that is free". A plain string is that amount exactly.
 */
export type AmountDraw =
  | string
  | 'all-free'
  /** Whole steps from n in 0..10^9 (stepsOf); the most is about 400 minimum notionals at the reference. */
  | { kind: 'steps'; n: number }
  | { kind: 'off-step'; n: number; fraction: StepFraction }
  /** A seventh of the most steps plus n / 10^18, kept to 17 significant digits. */
  | { kind: 'digits17'; n: number }
  /** `share` / 10^6 of the way from minQty to maxQty on a log scale, on the step. */
  | { kind: 'range'; share: number }
  | { kind: 'edge'; edge: AmountEdge };

/** "all-free" sells everything free of the base, or buys with everything free of the quote. */
export type AmountSpec = string | 'all-free';

export type AmountEdge = 'min-qty' | 'half-min-qty' | 'notional' | 'notional+step' | 'notional-step' | 'max-qty' | 'above-max-qty';

const STEP_DRAWS = 1_000_000_000;
const stepCountArbitrary = fc.integer({ min: 0, max: STEP_DRAWS });

export const amountDrawArbitrary: fc.Arbitrary<AmountDraw> = fc.oneof(
  { weight: 6, arbitrary: stepCountArbitrary.map((n): AmountDraw => ({ kind: 'steps', n })) },
  { weight: 2, arbitrary: fc.tuple(stepCountArbitrary, fc.constantFrom(...STEP_FRACTIONS)).map(([n, fraction]): AmountDraw => ({ kind: 'off-step', n, fraction })) },
  { weight: 2, arbitrary: fc.constantFrom('0.1', '0.3', '0.30000000000000004', '0.7', '1.1') },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 999_999_999 }).map((n): AmountDraw => ({ kind: 'digits17', n })) },
  { weight: 2, arbitrary: fc.constantFrom<AmountEdge>('min-qty', 'half-min-qty', 'notional', 'notional+step', 'notional-step').map((edge): AmountDraw => ({ kind: 'edge', edge })) },
  // The top of the lot range, rarely: such orders are mostly more than a run can pay for.
  {
    weight: 1,
    arbitrary: fc.oneof(
      fc.integer({ min: 0, max: RANGE_SHARES }).map((share): AmountDraw => ({ kind: 'range', share })),
      fc.constantFrom<AmountEdge>('max-qty', 'above-max-qty').map((edge): AmountDraw => ({ kind: 'edge', edge })),
    ),
  },
  { weight: 1, arbitrary: fc.constant<AmountDraw>('all-free') },
);

/** The amount a draw names on `market` for an order at `price`: pure, so check and run agree. */
export function resolveAmount(market: Market, price: string, draw: AmountDraw): AmountSpec {
  if (typeof draw === 'string') return draw;
  const step = dec(market.lotSize.stepSize);
  switch (draw.kind) {
    case 'steps':
      return step.times(stepsOf(market, draw.n)).toFixed();
    case 'off-step':
      return step.times(stepsOf(market, draw.n)).plus(step.times(dec(draw.fraction))).toFixed();
    case 'digits17':
      return step.times(mostSteps(market)).div(7).plus(new Decimal(draw.n).div('1e18')).toSignificantDigits(17).toFixed();
    case 'range':
      return floorToStep(logPosition(dec(market.lotSize.minQty), dec(market.lotSize.maxQty), draw.share), step).toFixed();
    case 'edge':
      return amountEdge(market, dec(price), draw.edge).toFixed();
  }
}

/**
 * Most whole steps an ordinary order holds: about 400 times the minimum notional at the
 * reference price, affordable and not dust.
 */
function mostSteps(market: Market): Decimal {
  const step = dec(market.lotSize.stepSize);
  return Decimal.max(1, dec(market.notional.minNotional).times(400).div(step.times(referencePrice(market))).floor());
}

/**
 * n + 1 steps while that is under the market's most, else n's share of the way to the most: as a
 * draw of 1..most steps, fast-check's bias towards either end meets both a few steps and the
 * largest orders (the ones that take a whole resting order and partly fill), on every market.
 */
function stepsOf(market: Market, n: number): Decimal {
  const most = mostSteps(market);
  const draw = new Decimal(n);
  return draw.lt(most) ? draw.plus(1) : most.minus(1).times(draw).div(STEP_DRAWS).floor().plus(1);
}

function amountEdge(market: Market, price: Decimal, edge: AmountEdge): Decimal {
  const step = dec(market.lotSize.stepSize);
  const { minQty, maxQty } = market.lotSize;
  // The amount whose notional at the order's price is just the minimum, on the step.
  const notionalEdge = price.gt(0) ? floorToStep(dec(market.notional.minNotional).div(price), step) : dec(minQty);
  switch (edge) {
    case 'min-qty':
      return dec(minQty);
    case 'half-min-qty':
      return dec(minQty).div(2);
    case 'notional':
      return notionalEdge;
    case 'notional+step':
      return notionalEdge.plus(step);
    case 'notional-step':
      return notionalEdge.minus(step);
    case 'max-qty':
      return dec(maxQty);
    case 'above-max-qty':
      return dec(maxQty).plus(step);
  }
}

/** How a draw reads in a counterexample before it is resolved. */
export function describeAmountDraw(draw: AmountDraw): string {
  if (typeof draw === 'string') return draw;
  switch (draw.kind) {
    case 'steps':
      return `steps(${draw.n})`;
    case 'off-step':
      return `steps(${draw.n})+${draw.fraction}s`;
    case 'digits17':
      return `most/7+${draw.n}e-18`;
    case 'range':
      return `qtyRange(${draw.share}/${RANGE_SHARES})`;
    case 'edge':
      return draw.edge;
  }
}
