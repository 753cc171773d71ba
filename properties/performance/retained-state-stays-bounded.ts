import { transitionKey } from '../../models/transition-coverage';
import { externalTakerTradeArbitrary } from '../commands/external-taker-trade';
import { fetchOrderArbitrary } from '../commands/fetch-order';
import { cancelOrderArbitrary } from '../commands/cancel-order';
import { placeAndCancelLoopArbitrary } from '../commands/place-and-cancel-loop';
import { placeIocFokArbitrary } from '../commands/place-ioc-fok';
import { placeLimitArbitrary } from '../commands/place-limit';
import { adapterOrdersEqualModel } from '../invariants/order-state';
import { retainedStateBounded } from '../invariants/retained-state';
import type { TradingPropertyOptions } from '../trading-property';

/** Small, so a few place-and-cancel loops outrun it: the bound is judged, not the default's size. */
const HISTORY = 4;

/**
 * P2: however long the run, what the adapter holds stays within its open orders plus its
 * configured history of ended orders (here HISTORY, given by reloadConfig). Loops of place and
 * cancel end orders cheaply; resting orders, fills by other traders, orders that end on arrival
 * and fetches of orders it may have forgotten run beside them. What it still lists must equal the
 * model (O1, which excuses only ended orders beyond a full history).
 */
export const retainedStateStaysBounded: TradingPropertyOptions = {
  name: 'retained-state-stays-bounded',
  configure: { environment: 'sim', history: { endedOrders: HISTORY } },
  checks: [retainedStateBounded(HISTORY), adapterOrdersEqualModel],
  commands: [placeAndCancelLoopArbitrary, placeAndCancelLoopArbitrary, placeLimitArbitrary, placeIocFokArbitrary, externalTakerTradeArbitrary, cancelOrderArbitrary, fetchOrderArbitrary],
  maxCommands: 6,
  claims: [transitionKey('order', 'new', 'ACCEPT', 'open'), transitionKey('order', 'open', 'CANCEL', 'canceled')],
};
