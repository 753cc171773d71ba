import fc from 'fast-check';
import { limitOrderArbitrary, type LimitVariant, type PlaceLimitCommand } from './place-limit';

/**
 * LIMIT IOC and FOK: orders that never rest. The model predicts from the venue's book at arrival
 * that an IOC takes exactly what crosses its limit (up to its quantity) and expires the rest, a
 * FOK fills entirely or expires with nothing; either way the order ends with nothing reserved
 * and the adapter's answer, ledger included, equals the model's (O1, L1). Rounding and filters
 * as for GTC (D1, D3), and the same guard against crossing our own orders.
 */
export const placeIocFokArbitrary: fc.Arbitrary<PlaceLimitCommand> = limitOrderArbitrary(fc.constantFrom<LimitVariant>('IOC', 'FOK'));
