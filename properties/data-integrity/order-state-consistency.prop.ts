import { registerTradingProperty } from '../trading-property';
import { orderStateConsistency } from './order-state-consistency';

registerTradingProperty(orderStateConsistency);
