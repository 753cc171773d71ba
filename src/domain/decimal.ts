import DecimalJs from 'decimal.js';

/**
 * tradeprop's Decimal: a decimal.js clone with enough significant digits that a product of two
 * 17-digit values is exact, and exponent notation switched off so `toString()` is always the
 * plain form Binance and ccxt expect on the wire. A clone, so ccxt or a user's code sharing the
 * process never sees changed global settings.
 */
export const Decimal = DecimalJs.clone({ precision: 80, rounding: DecimalJs.ROUND_HALF_UP, toExpNeg: -1000, toExpPos: 1000 });
export type Decimal = InstanceType<typeof Decimal>;

export type DecimalInput = Decimal | string;

/** A plain decimal string: optional minus, digits, optional fraction. No exponent, no spaces. */
export const DECIMAL_PATTERN = /^-?(0|[1-9]\d*)(\.\d+)?$/;

export class DecimalFormatError extends TypeError {
  constructor(readonly input: unknown) {
    super(`not a plain decimal string: ${JSON.stringify(input)}`);
    this.name = 'DecimalFormatError';
  }
}

const DECIMAL_CACHE_LIMIT = 4096;
const parsedDecimals = new Map<string, Decimal>();

/**
 * Parses a decimal string strictly. Numbers are refused on purpose: a JS number has already
 * lost the value (0.1 + 0.2), so it must never become money.
 */
export function dec(input: DecimalInput): Decimal {
  if (input instanceof Decimal) return input;
  if (typeof input !== 'string') throw new DecimalFormatError(input);
  // Decimals are immutable, so one instance per string can be shared: the venue parses the same
  // filter bounds, prices and quantities on every order, and parsing showed up in its profile.
  const cached = parsedDecimals.get(input);
  if (cached !== undefined) return cached;
  if (!DECIMAL_PATTERN.test(input)) throw new DecimalFormatError(input);
  const parsed = new Decimal(input);
  // Bounded: a long run with ever new values must not grow memory without limit.
  if (parsedDecimals.size >= DECIMAL_CACHE_LIMIT) parsedDecimals.clear();
  parsedDecimals.set(input, parsed);
  return parsed;
}

/** Like `dec` for values from outside (venue responses): `undefined` when not a plain decimal. */
export function tryDec(input: unknown): Decimal | undefined {
  return typeof input === 'string' && DECIMAL_PATTERN.test(input) ? dec(input) : undefined;
}

export const ZERO = new Decimal(0);

/** Plain notation, trailing zeros dropped: the canonical form compared across views. */
export function formatDecimal(value: Decimal): string {
  return value.toFixed();
}

/** Binance's wire form: at least 8 decimals, more only when the value needs them. */
export function formatBinance(value: Decimal): string {
  return value.toFixed(Math.max(8, value.decimalPlaces()));
}

/** Largest multiple of `step` not above `value` (for positive values: truncation toward zero). */
export function floorToStep(value: Decimal, step: Decimal): Decimal {
  return value.dividedToIntegerBy(step).times(step);
}

export function isMultipleOf(value: Decimal, step: Decimal): boolean {
  return value.mod(step).isZero();
}

export function sumDecimals(values: Iterable<Decimal>): Decimal {
  let total = ZERO;
  for (const value of values) total = total.plus(value);
  return total;
}
