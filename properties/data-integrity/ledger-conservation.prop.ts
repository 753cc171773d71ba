import { registerTradingProperty } from '../trading-property';
import { ledgerConservation } from './ledger-conservation';

registerTradingProperty(ledgerConservation);
