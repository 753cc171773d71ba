import { registerTradingProperty } from '../trading-property';
import { restartLosesNothing } from './restart-loses-nothing';

registerTradingProperty(restartLosesNothing);
