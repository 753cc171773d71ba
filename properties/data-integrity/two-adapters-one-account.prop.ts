import { registerTradingProperty } from '../trading-property';
import { twoAdaptersOneAccount } from './two-adapters-one-account';

registerTradingProperty(twoAdaptersOneAccount);
