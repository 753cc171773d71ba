import { transitionKey } from '../../models/transition-coverage';
import { tradingCommandsWithStorms } from '../commands/fault-sets';
import { ledgersAgree } from '../invariants/ledger';
import { adapterOrdersEqualModel } from '../invariants/order-state';
import { everyWindowWithinItsLimit, requestsWaitOutRetryAfter } from '../invariants/retry-after';
import type { TradingPropertyOptions } from '../trading-property';

/**
 * R3, R2: whatever the trading commands do, through rate-limit storms (every request answered 429
 * with Retry-After for seconds at a time), no request reaches the venue before a 429's
 * Retry-After has elapsed, nor during an IP ban; every window the venue counted stays within its
 * limit, bursts into a storm included; and the trading system still gets its answers once the
 * storm has passed (O1, L1).
 */
export const rateLimitAnswersHonoured: TradingPropertyOptions = {
  name: 'rate-limit-answers-honoured',
  checks: [requestsWaitOutRetryAfter, everyWindowWithinItsLimit, adapterOrdersEqualModel, ledgersAgree],
  commands: tradingCommandsWithStorms,
  maxCommands: 12,
  claims: [transitionKey('order', 'new', 'ACCEPT', 'open')],
};
