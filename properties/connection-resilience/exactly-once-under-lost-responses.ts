import { transitionKey } from '../../models/transition-coverage';
import { tradingCommandsWithPlacementFaults } from '../commands';
import { oneVenueOrderPerIntent, reconciledViewMatchesVenue } from '../invariants/exactly-once';
import { ledgersAgree } from '../invariants/ledger';
import { adapterOrdersEqualModel } from '../invariants/order-state';
import type { TradingPropertyOptions } from '../trading-property';

/**
 * O4, O3: under lost answers, resets, 5xx (applied or not), failing lookups and read lag, no
 * intent ever has two venue orders, and after a reconcile the adapter's orders are the venue's.
 * Between reconciles the adapter's view must still equal the model's `known` view (O1) and its
 * ledger the model's (L1): an order whose placement outcome was lost is absent from both until
 * the adapter learns it.
 */
export const exactlyOnceUnderLostResponses: TradingPropertyOptions = {
  name: 'exactly-once-under-lost-responses',
  checks: [oneVenueOrderPerIntent, reconciledViewMatchesVenue, adapterOrdersEqualModel, ledgersAgree],
  commands: tradingCommandsWithPlacementFaults,
  claims: [
    transitionKey('order', 'new', 'ACCEPT', 'open'),
    transitionKey('order', 'open', 'FILL', 'filled'),
    transitionKey('order', 'open', 'CANCEL', 'canceled'),
  ],
};
