import { registerTradingProperty } from '../trading-property';
import { concurrentCallsLinearizable } from './concurrent-calls-linearizable';

registerTradingProperty(concurrentCallsLinearizable);
