import { Decimal } from '../../domain/decimal';

/** Binance charges commission with 8 decimals; the venue rounds toward zero, never charging more. */
export const COMMISSION_DECIMALS = 8;

/** Commission on what a side receives (base for a buy, quote for a sell), rounded down to 8 dp. */
export function commissionOn(received: Decimal, rate: Decimal): Decimal {
  return received.times(rate).toDecimalPlaces(COMMISSION_DECIMALS, Decimal.ROUND_DOWN);
}
