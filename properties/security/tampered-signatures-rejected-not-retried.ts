import { transitionKey } from '../../models/transition-coverage';
import { tradingCommandsWithTamperedRequests } from '../commands/operations-sets';
import { oneVenueOrderPerIntent } from '../invariants/exactly-once';
import { ledgersAgree } from '../invariants/ledger';
import { adapterOrdersEqualModel } from '../invariants/order-state';
import type { TradingPropertyOptions } from '../trading-property';

/**
 * S2 in the tampered steps: a signed request altered in transit is refused by the venue (-1022)
 * and surfaces as a non-retryable AUTHENTICATION_FAILED after exactly one request, applying
 * nothing. Around it the local view equals the model's known view (O1, L1) and no intent has two
 * venue orders (O4).
 */
export const tamperedSignaturesRejectedNotRetried: TradingPropertyOptions = {
  name: 'tampered-signatures-rejected-not-retried',
  checks: [oneVenueOrderPerIntent, adapterOrdersEqualModel, ledgersAgree],
  commands: tradingCommandsWithTamperedRequests,
  maxCommands: 12,
  claims: [transitionKey('order', 'new', 'ACCEPT', 'open')],
};
