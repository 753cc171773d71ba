import { transitionKey } from '../../models/transition-coverage';
import { replayingStreamCommands } from '../commands/stream-sets';
import { noFillCountedTwice, streamViewIsTheVenues } from '../invariants/streams';
import type { TradingPropertyOptions } from '../trading-property';

/**
 * O5: each fill is applied exactly once, whichever path brings it (a stream frame, a frame
 * delivered twice, a call's answer, a resync after a reconnect): never more filled or fee than
 * the venue gave after any step, and exactly the venue's once the stream has caught up.
 */
export const fillCountedOnce: TradingPropertyOptions = {
  name: 'fill-counted-once',
  stream: true,
  checks: [noFillCountedTwice, streamViewIsTheVenues('O5')],
  commands: replayingStreamCommands,
  // Its bugs are shallow (two paths, one fill): deep runs only make shrinking long (base 25:
  // a seeded bug took 2,757 runs and 90 s to shrink to 6 commands; base 15: 396 runs, 14 s, 5).
  maxCommands: 15,
  claims: [transitionKey('order', 'open', 'FILL', 'partially_filled'), transitionKey('order', 'partially_filled', 'FILL', 'partially_filled')],
};
