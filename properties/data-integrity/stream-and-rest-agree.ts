import { transitionKey } from '../../models/transition-coverage';
import { faithfulStreamCommands } from '../commands/stream-sets';
import { streamViewIsTheVenues } from '../invariants/streams';
import type { TradingPropertyOptions } from '../trading-property';

/**
 * O1, L1 through the stream: with a faithful stream and no reconcile, once the stream has caught
 * up every order and the ledger equal the venue's, however other traders filled the orders and
 * whichever path (the stream, a call's own answer) told the adapter first.
 */
export const streamAndRestAgree: TradingPropertyOptions = {
  name: 'stream-and-rest-agree',
  stream: true,
  checks: [streamViewIsTheVenues('O1')],
  commands: faithfulStreamCommands,
  claims: [transitionKey('order', 'open', 'FILL', 'partially_filled'), transitionKey('order', 'partially_filled', 'FILL', 'filled'), transitionKey('order', 'open', 'CANCEL', 'canceled')],
};
