import { transitionKey } from '../../models/transition-coverage';
import { allTradingCommands } from '../commands';
import { burstPlaceAndCancelArbitrary } from '../commands/burst-place-and-cancel';
import { ledgersAgree } from '../invariants/ledger';
import { adapterOrdersEqualModel } from '../invariants/order-state';
import { venueNeverAnswersRateLimited } from '../invariants/rate-limits';
import type { TradingPropertyOptions } from '../trading-property';

/**
 * R4 over a whole run: among the trading commands, bursts of more than one ORDERS window of new
 * orders (100 per 10 s) issued in the same tick as cancels of open orders. The venue's log must
 * show every cancel arriving before any new order the limiter held for the next window, and the
 * new orders arriving in the order they were issued (the burst command judges its own step,
 * since only it knows which requests were issued together). Queueing must not change what the
 * answers mean (O1, L1), nor let anything through that the venue answers 429 or 418. A burst is
 * over a hundred requests through ccxt (about 0.1 s), so runs are short (6 commands) and the
 * burst is listed twice: about one run in three carries one, within premerge's ~3 s.
 */
export const cancelsFirstFifoUnderLoad: TradingPropertyOptions = {
  name: 'cancels-first-fifo-under-load',
  checks: [venueNeverAnswersRateLimited, adapterOrdersEqualModel, ledgersAgree],
  commands: [...allTradingCommands(), burstPlaceAndCancelArbitrary, burstPlaceAndCancelArbitrary],
  maxCommands: 6,
  claims: [transitionKey('order', 'new', 'ACCEPT', 'open'), transitionKey('order', 'open', 'CANCEL', 'canceled')],
};
