import { registerTradingProperty } from '../trading-property';
import { retainedStateStaysBounded } from './retained-state-stays-bounded';

registerTradingProperty(retainedStateStaysBounded);
