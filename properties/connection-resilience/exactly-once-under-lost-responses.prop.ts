import { registerTradingProperty } from '../trading-property';
import { exactlyOnceUnderLostResponses } from './exactly-once-under-lost-responses';

registerTradingProperty(exactlyOnceUnderLostResponses);
