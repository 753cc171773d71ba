import { transitionKey } from '../../models/transition-coverage';
import { everyStreamFaultCommands } from '../commands/stream-sets';
import { noFillCountedTwice, streamViewIsTheVenues } from '../invariants/streams';
import type { TradingPropertyOptions } from '../trading-property';

/**
 * C4: under any schedule of stream faults (drops, duplicates, late frames, a silent socket, an
 * expired subscription, refused reconnects) with trades landing while the stream is down, no
 * event is lost: after a heal period the stream is live again and the adapter's orders and
 * ledger are the venue's, on its own, with no reconcile.
 */
export const streamConvergesAfterFaults: TradingPropertyOptions = {
  name: 'stream-converges-after-faults',
  stream: true,
  checks: [noFillCountedTwice, streamViewIsTheVenues('C4')],
  commands: everyStreamFaultCommands,
  claims: [transitionKey('order', 'open', 'FILL', 'filled'), transitionKey('order', 'open', 'CANCEL', 'canceled')],
};
