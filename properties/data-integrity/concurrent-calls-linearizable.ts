import { transitionKey } from '../../models/transition-coverage';
import { cancelOrderArbitrary } from '../commands/cancel-order';
import { concurrentCallsArbitrary } from '../commands/concurrent-calls';
import { externalOrderArbitrary } from '../commands/external-order';
import { externalTakerTradeArbitrary } from '../commands/external-taker-trade';
import { fetchOrderArbitrary } from '../commands/fetch-order';
import { placeLimitArbitrary } from '../commands/place-limit';
import { reconcileArbitrary } from '../commands/reconcile';
import { ledgersAgree, lockedMatchesReserves } from '../invariants/ledger';
import { adapterOrdersEqualModel, adapterOrdersMoveForward } from '../invariants/order-state';
import type { TradingPropertyOptions } from '../trading-property';

/**
 * X1 (with O4, O1, O2, L1, L3 after every step): several calls in flight at once, their requests
 * and answers interleaved as the seed says, answer as some one-at-a-time order of them would, and
 * leave the adapter's view and ledger exactly the venue's. Between those steps, sequential
 * places, other traders' orders and takers give the concurrent calls orders of every status to
 * act on.
 */
export const concurrentCallsLinearizable: TradingPropertyOptions = {
  name: 'concurrent-calls-linearizable',
  interleaved: true,
  checks: [adapterOrdersEqualModel, adapterOrdersMoveForward, ledgersAgree, lockedMatchesReserves],
  commands: () => [
    concurrentCallsArbitrary,
    concurrentCallsArbitrary,
    concurrentCallsArbitrary,
    placeLimitArbitrary,
    externalOrderArbitrary,
    externalTakerTradeArbitrary,
    externalTakerTradeArbitrary,
    cancelOrderArbitrary,
    fetchOrderArbitrary,
    reconcileArbitrary,
  ],
  // The bugs it is for need two or three calls in one step, not a long run before it.
  maxCommands: 12,
  claims: [transitionKey('order', 'new', 'ACCEPT', 'open'), transitionKey('order', 'open', 'CANCEL', 'canceled'), transitionKey('order', 'partially_filled', 'CANCEL', 'canceled')],
};
