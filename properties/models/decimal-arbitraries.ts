/**
 * Decimal strings for the model properties, and a BigInt fixed-point oracle that shares no code
 * with decimal.js, so "the sum stayed exact" is judged by an independent reckoner (invariant D2).
 */
import fc from 'fast-check';

/** Values binary floating point cannot hold, steps of 1e-8, and 17 significant digits. */
export const AWKWARD_DECIMALS = ['0.1', '0.2', '0.3', '0.00000001', '0.00000003', '12345678.901234567', '0.12345678901234567', '99999999999999999'] as const;

/**
 * A positive plain decimal string: up to 17 significant digits, up to `maxDecimals` decimals
 * (17 by default; 8 for prices, Binance's finest tick).
 */
export function positiveDecimalString(maxDecimals = 17): fc.Arbitrary<string> {
  const generated = fc
    .record({ mantissa: fc.bigInt({ min: 1n, max: 10n ** 17n - 1n }), scale: fc.integer({ min: 0, max: maxDecimals }) })
    .map(({ mantissa, scale }) => fixedPointToString(mantissa, scale));
  const awkward = AWKWARD_DECIMALS.filter((value) => (value.split('.')[1] ?? '').length <= maxDecimals);
  return fc.oneof(generated, fc.constantFrom(...awkward));
}

/** The decimal string `value × 10^-scale` in canonical form (no trailing zeros, "0" for zero). */
export function fixedPointToString(value: bigint, scale: number): string {
  const negative = value < 0n;
  const digits = (negative ? -value : value).toString().padStart(scale + 1, '0');
  const whole = digits.slice(0, digits.length - scale);
  const fraction = digits.slice(digits.length - scale).replace(/0+$/, '');
  const body = fraction === '' ? whole : `${whole}.${fraction}`;
  return negative && body !== '0' ? `-${body}` : body;
}

/** Parses a plain decimal string into an integer count of 10^-scale units; refuses rounding. */
export function stringToFixedPoint(value: string, scale: number): bigint {
  const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(value);
  if (match === null) throw new RangeError(`not a plain decimal: ${value}`);
  const [, sign = '', whole = '0', fraction = ''] = match;
  if (fraction.replace(/0+$/, '').length > scale) throw new RangeError(`${value} has more than ${scale} decimals`);
  const units = BigInt(whole + fraction.padEnd(scale, '0'));
  return sign === '-' ? -units : units;
}
