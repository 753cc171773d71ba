import { registerTradingProperty } from '../trading-property';
import { breakerAndRetriesUnderFaults } from './breaker-and-retries-under-faults';

registerTradingProperty(breakerAndRetriesUnderFaults);
