import fc from 'fast-check';
import type { ServerErrorStatus } from '../../src/venue/nemesis';
import { POST_ORDER, ScheduleFaultCommand } from './fault-command';

/**
 * The next placement is answered with a 5xx, applied by the venue or not: Binance says such an
 * outcome is unknown. 504 reaches the adapter as a timeout, 503 -1001 as an internal error.
 */
export const placementServerErrorArbitrary = fc
  .record({ status: fc.constantFrom<ServerErrorStatus>(500, 502, 503, 504), applied: fc.boolean(), internalError: fc.boolean() })
  .map(({ status, applied, internalError }) =>
    new ScheduleFaultCommand(`placementServerError(${status}${internalError ? ' -1001' : ''}, ${applied ? 'applied' : 'not applied'})`, { kind: 'server_error', status, applied, internalError }, POST_ORDER),
  );
