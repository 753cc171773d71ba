import { registerTradingProperty } from '../trading-property';
import { liveEnvironmentRefused } from './live-environment-refused';

registerTradingProperty(liveEnvironmentRefused);
