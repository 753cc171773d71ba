import { transitionKey } from '../../models/transition-coverage';
import { cancelOrderArbitrary } from '../commands/cancel-order';
import { externalOrderArbitrary } from '../commands/external-order';
import { externalTakerTradeArbitrary } from '../commands/external-taker-trade';
import { fetchOrderArbitrary } from '../commands/fetch-order';
import { losePlacementResponseArbitrary } from '../commands/lose-placement-response';
import { placeLimitArbitrary } from '../commands/place-limit';
import { reconcileArbitrary } from '../commands/reconcile';
import { restartArbitrary, restartDuringPlaceArbitrary } from '../commands/restart';
import { oneVenueOrderPerIntent, reconciledViewMatchesVenue } from '../invariants/exactly-once';
import { ledgersAgree } from '../invariants/ledger';
import { adapterOrdersEqualModel } from '../invariants/order-state';
import type { TradingPropertyOptions } from '../trading-property';

/**
 * X3: the adapter's process dies at any point, with a place in flight or not, and a new one is
 * built on the same store; after it, and after every reconcile, no order is lost, none placed
 * twice, no fill booked twice and the ledger is the venue's (O3, O4, O1, L1 between restarts).
 * The set is narrow on purpose: orders resting and partly filled (what a restart must carry),
 * fills learned before the death (what must not be booked again), lost placement answers (intents
 * whose outcome only the store remembers), and the restarts themselves.
 */
export const restartLosesNothing: TradingPropertyOptions = {
  name: 'restart-loses-nothing',
  checks: [oneVenueOrderPerIntent, reconciledViewMatchesVenue, adapterOrdersEqualModel, ledgersAgree],
  commands: [
    placeLimitArbitrary,
    externalOrderArbitrary,
    externalTakerTradeArbitrary,
    fetchOrderArbitrary,
    cancelOrderArbitrary,
    reconcileArbitrary,
    losePlacementResponseArbitrary,
    restartArbitrary,
    restartDuringPlaceArbitrary,
  ],
  maxCommands: 10,
  claims: [transitionKey('order', 'new', 'ACCEPT', 'open'), transitionKey('order', 'open', 'FILL', 'partially_filled')],
};
