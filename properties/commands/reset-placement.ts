import fc from 'fast-check';
import { POST_ORDER, ScheduleFaultCommand } from './fault-command';

/** The next placement's connection breaks before the venue sees it: nothing is placed, ccxt says NetworkError. */
export const resetPlacementArbitrary = fc.constant(null).map(() => new ScheduleFaultCommand('resetPlacement()', { kind: 'connection_reset' }, POST_ORDER));
