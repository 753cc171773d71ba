import { transitionKey } from '../../models/transition-coverage';
import { allTradingCommands } from '../commands';
import { burstFetchBalancesArbitrary } from '../commands/burst-fetch-balances';
import { venueNeverAnswersRateLimited } from '../invariants/rate-limits';
import { ledgersAgree } from '../invariants/ledger';
import { adapterOrdersEqualModel } from '../invariants/order-state';
import type { TradingPropertyOptions } from '../trading-property';

/**
 * R1: whatever the trading commands ask of the adapter, bursts of a minute's weight at once
 * included, its limiter keeps every request within the venue's limits, so the venue never
 * answers 429 or 418. The local view must still equal the model's (O1, L1): queueing delays
 * requests, it never drops or reorders what they mean. Runs are kept short (12 commands): a
 * burst is some 300 requests.
 */
export const noRateLimitAnswers: TradingPropertyOptions = {
  name: 'no-rate-limit-answers',
  checks: [venueNeverAnswersRateLimited, adapterOrdersEqualModel, ledgersAgree],
  commands: [...allTradingCommands(), burstFetchBalancesArbitrary],
  maxCommands: 12,
  claims: [transitionKey('order', 'new', 'ACCEPT', 'open'), transitionKey('order', 'open', 'CANCEL', 'canceled')],
};
