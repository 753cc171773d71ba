import { transitionKey } from '../../models/transition-coverage';
import { placeMakerArbitrary } from '../commands/place-maker';
import { everyStreamFaultCommands } from '../commands/stream-sets';
import { noFillCountedTwice } from '../invariants/streams';
import type { TradingPropertyOptions } from '../trading-property';

/**
 * F2: whatever a run did (orders resting and filled, the user-data stream live, dropped, silent,
 * refused or backing off, requests retried), once `close()` settles nothing of the adapter is
 * left: no timer pending on the clock, no stream connection open at the venue.
 */
export const closeLeavesNothingBehind: TradingPropertyOptions = {
  name: 'close-leaves-nothing-behind',
  stream: true,
  closeLeavesNothing: true,
  checks: [noFillCountedTwice],
  commands: () => [...everyStreamFaultCommands(), placeMakerArbitrary],
  maxCommands: 15,
  claims: [transitionKey('order', 'new', 'ACCEPT', 'open')],
};
