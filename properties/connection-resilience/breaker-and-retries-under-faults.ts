import { transitionKey } from '../../models/transition-coverage';
import { DEFAULT_PLACEMENT_POLICY } from '../../src/exchange/placement';
import { tradingCommandsWithOutages } from '../commands/fault-sets';
import { DEFAULT_ADAPTER_SETTINGS } from '../commands/default-adapter-settings';
import { breakerOpensAndProbes } from '../invariants/breaker-opens';
import { oneVenueOrderPerIntent } from '../invariants/exactly-once';
import { ledgersAgree } from '../invariants/ledger';
import { adapterOrdersEqualModel } from '../invariants/order-state';
import { retriesOnlyRetryableWithinPolicy } from '../invariants/retries-bounded';
import type { TradingPropertyOptions } from '../trading-property';

/**
 * C2, C3: through maintenance windows, slow networks and the placement faults, observed from the
 * venue's event log and the adapter's request log: the breaker opens after its configured run of
 * failures, nothing reaches the venue while it is open, its probe closes it, and after a heal
 * plus its open window calls succeed again (C2); per correlation id only retryable answers are
 * retried, within the policy's attempts and deadline (C3: config.ts's retry policy for reads,
 * placement's own for orders). The trading view stays the model's (O1, O4, L1).
 */
export const breakerAndRetriesUnderFaults: TradingPropertyOptions = {
  name: 'breaker-and-retries-under-faults',
  checks: [
    breakerOpensAndProbes(DEFAULT_ADAPTER_SETTINGS.breaker),
    retriesOnlyRetryableWithinPolicy({ readPolicy: DEFAULT_ADAPTER_SETTINGS.retry, writePolicy: DEFAULT_PLACEMENT_POLICY.retry }),
    oneVenueOrderPerIntent,
    adapterOrdersEqualModel,
    ledgersAgree,
  ],
  commands: tradingCommandsWithOutages,
  captureLogs: true,
  maxCommands: 12,
  claims: [transitionKey('order', 'new', 'ACCEPT', 'open')],
};
