import { registerTradingProperty } from '../trading-property';
import { skewCuredByTimeSync } from './skew-cured-by-time-sync';

registerTradingProperty(skewCuredByTimeSync);
