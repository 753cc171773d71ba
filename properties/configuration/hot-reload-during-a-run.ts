import { transitionKey } from '../../models/transition-coverage';
import { tradingCommandsWithConfigReloads } from '../commands/operations-sets';
import { effectiveSettingsAreTheLastAccepted, limitsOfTheConfigurationInEffectHold } from '../invariants/effective-config';
import { ledgersAgree } from '../invariants/ledger';
import { adapterOrdersEqualModel } from '../invariants/order-state';
import type { TradingPropertyOptions } from '../trading-property';

/**
 * K1 in the reload steps: an invalid document is refused with the bad field's path. K2 after
 * every step: the adapter runs on the last configuration it accepted, as it reports it and as
 * the venue's rate-limit counters show (no window above the limits then in effect), and never
 * on a refused one. Trading keeps matching the model throughout (O1, L1).
 */
export const hotReloadDuringARun: TradingPropertyOptions = {
  name: 'hot-reload-during-a-run',
  checks: [effectiveSettingsAreTheLastAccepted, limitsOfTheConfigurationInEffectHold, adapterOrdersEqualModel, ledgersAgree],
  commands: tradingCommandsWithConfigReloads,
  maxCommands: 12,
  claims: [transitionKey('order', 'new', 'ACCEPT', 'open')],
};
