import { transitionKey } from '../../models/transition-coverage';
import { allTradingCommands } from '../commands';
import { tryLiveAdapterArbitrary } from '../commands/try-live-adapter';
import { ledgersAgree } from '../invariants/ledger';
import { adapterOrdersEqualModel } from '../invariants/order-state';
import type { TradingPropertyOptions } from '../trading-property';

/**
 * S4 during a run: between ordinary trading steps, the adapter's own factory is asked for a
 * `live` adapter aimed at the venue with real keys; it must refuse before a single request
 * leaves, and the run's adapter goes on matching the model (O1, L1) as if nothing happened.
 */
export const liveEnvironmentRefused: TradingPropertyOptions = {
  name: 'live-environment-refused',
  checks: [adapterOrdersEqualModel, ledgersAgree],
  commands: [...allTradingCommands(), tryLiveAdapterArbitrary],
  maxCommands: 10,
  claims: [transitionKey('order', 'new', 'ACCEPT', 'open')],
};
