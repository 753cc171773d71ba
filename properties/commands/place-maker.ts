import fc from 'fast-check';
import { limitOrderArbitrary, type LimitVariant, type PlaceLimitCommand } from './place-limit';

/**
 * LIMIT_MAKER (post-only). The model predicts from the venue's book at arrival: one that would
 * take is refused by the venue (Binance -2010 "Order would immediately match and take.") and
 * must come back as ORDER_REJECTED with no order anywhere; one that would not rests like a GTC
 * order with its full reserve (O1, L1). Rounding and filters as for GTC (D1, D3).
 */
export const placeMakerArbitrary: fc.Arbitrary<PlaceLimitCommand> = limitOrderArbitrary(fc.constant<LimitVariant>('MAKER'));
