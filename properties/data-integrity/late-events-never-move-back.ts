import { transitionKey } from '../../models/transition-coverage';
import { replayingStreamCommands } from '../commands/stream-sets';
import { ordersMoveForward } from '../invariants/order-state';
import { streamViewIsTheVenues } from '../invariants/streams';
import type { TradingPropertyOptions } from '../trading-property';

/**
 * O6: a late or duplicated event never moves an order backwards (status, filled) nor a balance
 * twice: after every step each order only moved forward, and once the stream has caught up the
 * ledger is exactly the venue's.
 */
export const lateEventsNeverMoveBack: TradingPropertyOptions = {
  name: 'late-events-never-move-back',
  stream: true,
  checks: [ordersMoveForward('O6'), streamViewIsTheVenues('O6')],
  commands: replayingStreamCommands,
  maxCommands: 15,
  claims: [transitionKey('order', 'partially_filled', 'FILL', 'filled'), transitionKey('order', 'open', 'FILL', 'filled')],
};
