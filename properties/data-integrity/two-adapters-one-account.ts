import { transitionKey } from '../../models/transition-coverage';
import { externalTakerTradeArbitrary } from '../commands/external-taker-trade';
import { cancelThroughArbitrary, placeThroughArbitrary, reconcileThroughArbitrary } from '../commands/two-instances';
import { ledgersAgree } from '../invariants/ledger';
import { adapterOrdersEqualModel } from '../invariants/order-state';
import { eachInstanceKnowsOnlyItsOwn } from '../invariants/two-instances';
import type { TradingPropertyOptions } from '../trading-property';

/**
 * X2: two instances of the adapter under test (two processes of one firm) trade one account,
 * each step drawing which one acts. Each knows exactly its own orders, never the other's, not
 * even after a reconcile; after its reconcile its balances are the venue's, the other's
 * reserves and fills included. Between reconciles the first instance's view and ledger are the
 * model's known ones (O1, L1): the other's orders move them only at its reconcile.
 * Data integrity rather than connection resilience: nothing fails here; what is at stake is
 * whose orders an adapter reports and which balances it believes.
 */
export const twoAdaptersOneAccount: TradingPropertyOptions = {
  name: 'two-adapters-one-account',
  checks: [eachInstanceKnowsOnlyItsOwn, adapterOrdersEqualModel, ledgersAgree],
  commands: [placeThroughArbitrary, placeThroughArbitrary, cancelThroughArbitrary, externalTakerTradeArbitrary, reconcileThroughArbitrary],
  maxCommands: 10,
  claims: [transitionKey('order', 'new', 'ACCEPT', 'open'), transitionKey('order', 'open', 'CANCEL', 'canceled')],
};
