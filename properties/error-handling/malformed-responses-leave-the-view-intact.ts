import { transitionKey } from '../../models/transition-coverage';
import { tradingCommandsWithCorruptedAnswers } from '../commands/operations-sets';
import { oneVenueOrderPerIntent, reconciledViewMatchesVenue } from '../invariants/exactly-once';
import { ledgersAgree } from '../invariants/ledger';
import { adapterOrdersEqualModel } from '../invariants/order-state';
import type { TradingPropertyOptions } from '../trading-property';

/**
 * E1 (in the corrupted-answer steps): a venue answer that is not JSON, an HTML page, cut short,
 * missing fields, or holding decimals as JSON numbers or in exponent notation reaches the caller
 * as a typed error, never as a TypeError or a value read from it. Around it the adapter's view
 * equals the model's known view (O1, L1), and a corrupted answer to a placement the venue applied
 * is resolved by lookup, exactly once (O4), with reconcile finding every order (O3).
 */
export const malformedResponsesLeaveTheViewIntact: TradingPropertyOptions = {
  name: 'malformed-responses-leave-the-view-intact',
  checks: [oneVenueOrderPerIntent, reconciledViewMatchesVenue, adapterOrdersEqualModel, ledgersAgree],
  commands: tradingCommandsWithCorruptedAnswers,
  maxCommands: 12,
  claims: [transitionKey('order', 'new', 'ACCEPT', 'open'), transitionKey('order', 'open', 'CANCEL', 'canceled')],
};
