import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { Decimal } from '../../src/domain/decimal';
import { RANGE_SHARES, logPosition } from './price-draw';

/** The definition: from × (to / from)^(share / 10^6), Decimal's pow at the domain's 80 digits. */
function byPow(from: Decimal, to: Decimal, share: number): string {
  return from.times(to.div(from).pow(new Decimal(share).div(RANGE_SHARES))).toSignificantDigits(30).toFixed();
}

/** A positive decimal between 1e-8 and 1e9 with up to 8 decimals, as filters list them. */
const bound = fc.tuple(fc.integer({ min: 1, max: 999_999_999 }), fc.integer({ min: 0, max: 8 })).map(([digits, scale]) => new Decimal(digits).div(new Decimal(10).pow(scale)));

describe('logPosition', () => {
  test.prop([bound, bound, fc.integer({ min: 0, max: RANGE_SHARES })], { seed: 20261203, numRuns: 400 })(
    'lands where the definition does, to every digit kept, at either end and between',
    (from, to, share) => {
      expect(logPosition(from, to, share).toFixed()).toBe(byPow(from, to, share));
    },
  );
});
