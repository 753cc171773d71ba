import { transitionKey } from '../../models/transition-coverage';
import { ledgersAgree, lockedMatchesReserves, venueConservesEveryAsset } from '../invariants/ledger';
import type { TradingPropertyOptions } from '../trading-property';

/** L1, L2, L3: balances agree between adapter, model and venue, are conserved, never negative. */
export const ledgerConservation: TradingPropertyOptions = {
  name: 'ledger-conservation',
  checks: [ledgersAgree, venueConservesEveryAsset, lockedMatchesReserves],
  claims: [
    transitionKey('ledger', 'tracking', 'DEPOSIT', 'tracking'),
    transitionKey('ledger', 'tracking', 'RESERVE', 'tracking'),
    transitionKey('ledger', 'tracking', 'SETTLE', 'tracking'),
    transitionKey('ledger', 'tracking', 'RELEASE', 'tracking'),
  ],
};
