import fc from 'fast-check';
import { GET_ORDER, ScheduleFaultCommand } from './fault-command';

/**
 * The next order query (the exactly-once lookup, a fetchOrder, a reconcile) fails: its
 * connection resets or a 5xx answers it. A read changes nothing, so the adapter may ask again.
 */
export const lookupFaultArbitrary = fc.constantFrom('reset', '503').map((kind) =>
  kind === 'reset'
    ? new ScheduleFaultCommand('failNextOrderQuery(reset)', { kind: 'connection_reset' }, GET_ORDER)
    : new ScheduleFaultCommand('failNextOrderQuery(503)', { kind: 'server_error', status: 503 }, GET_ORDER),
);
