import { registerTradingProperty } from '../trading-property';
import { malformedResponsesLeaveTheViewIntact } from './malformed-responses-leave-the-view-intact';

registerTradingProperty(malformedResponsesLeaveTheViewIntact);
