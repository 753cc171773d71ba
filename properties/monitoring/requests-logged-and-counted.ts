import { transitionKey } from '../../models/transition-coverage';
import { tradingCommandsWithMetricScrapes } from '../commands/operations-sets';
import { oneVenueOrderPerIntent } from '../invariants/exactly-once';
import { everyRequestLoggedOnceWithItsIntent } from '../invariants/request-log';
import { adapterOrdersEqualModel } from '../invariants/order-state';
import type { TradingPropertyOptions } from '../trading-property';

/**
 * M1 after every step: each request the venue's log shows the adapter sent has exactly one log
 * line, with the correlation id of the operation it served (a placement's lookups and retries
 * under the intent's client order id). M2 in the checkMetrics steps: the adapter's request
 * counter equals the venue's counts by endpoint and status. Faults around placement make one
 * operation send several requests; O1 and O4 keep the trading honest meanwhile.
 */
export const requestsLoggedAndCounted: TradingPropertyOptions = {
  name: 'requests-logged-and-counted',
  checks: [everyRequestLoggedOnceWithItsIntent, oneVenueOrderPerIntent, adapterOrdersEqualModel],
  commands: tradingCommandsWithMetricScrapes,
  captureLogs: true,
  maxCommands: 12,
  claims: [transitionKey('order', 'new', 'ACCEPT', 'open')],
};
