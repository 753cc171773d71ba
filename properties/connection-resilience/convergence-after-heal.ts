import { transitionKey } from '../../models/transition-coverage';
import { healAndReconcileArbitrary } from '../commands/heal-and-reconcile';
import { tradingCommandsWithAllFaults } from '../commands/fault-sets';
import { oneVenueOrderPerIntent, reconciledViewMatchesVenue } from '../invariants/exactly-once';
import { ledgersAgree } from '../invariants/ledger';
import { adapterOrdersEqualModel } from '../invariants/order-state';
import type { TradingPropertyOptions } from '../trading-property';

/**
 * C1: after any schedule of every venue fault kind (lost answers, resets, 5xx, read lag, delays,
 * maintenance, rate-limit storms, clock jumps, cancel races), a heal period and a reconcile bring
 * the adapter's orders and balances to the venue's (the heal-and-reconcile step) and the model's
 * (O1, L1, O3 after every reconcile), with one venue order per intent throughout (O4).
 */
export const convergenceAfterHeal: TradingPropertyOptions = {
  name: 'convergence-after-heal',
  checks: [oneVenueOrderPerIntent, reconciledViewMatchesVenue, adapterOrdersEqualModel, ledgersAgree],
  // Heal-and-reconcile weighs three: the convergence after faults is what C1 is about.
  commands: [...tradingCommandsWithAllFaults(), healAndReconcileArbitrary, healAndReconcileArbitrary],
  // 15 left open -> canceled unreached on 3 of 40 seeds: fault schedules were too short for orders
  // to rest long enough to be canceled before the heal.
  maxCommands: 25,
  claims: [transitionKey('order', 'new', 'ACCEPT', 'open'), transitionKey('order', 'open', 'CANCEL', 'canceled')],
};
