import { registerTradingProperty } from '../trading-property';
import { streamConvergesAfterFaults } from './stream-converges-after-faults';

registerTradingProperty(streamConvergesAfterFaults);
