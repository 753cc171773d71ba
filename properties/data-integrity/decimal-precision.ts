import { transitionKey } from '../../models/transition-coverage';
import { viewsHoldPlainDecimals, venueOrdersPassFilters } from '../invariants/decimal';
import type { TradingPropertyOptions } from '../trading-property';

/**
 * D1, D2, D3: every order that reaches the venue is the policy's rounding of its intent (checked
 * by the place step), on tick and step and within the filters; every decimal reported is exact.
 */
export const decimalPrecision: TradingPropertyOptions = {
  name: 'decimal-precision',
  checks: [venueOrdersPassFilters, viewsHoldPlainDecimals],
  claims: [transitionKey('order', 'new', 'ACCEPT', 'open'), transitionKey('order', 'new', 'REJECT', 'rejected')],
};
