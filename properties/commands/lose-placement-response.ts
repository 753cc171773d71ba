import fc from 'fast-check';
import { POST_ORDER, ScheduleFaultCommand } from './fault-command';

/** The next placement is applied by the venue but its answer never arrives (ccxt RequestTimeout). */
export const losePlacementResponseArbitrary = fc.constant(null).map(() => new ScheduleFaultCommand('losePlacementResponse()', { kind: 'response_lost' }, POST_ORDER));
