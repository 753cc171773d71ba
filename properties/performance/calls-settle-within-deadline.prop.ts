import { registerTradingProperty } from '../trading-property';
import { callsSettleWithinDeadline } from './calls-settle-within-deadline';

registerTradingProperty(callsSettleWithinDeadline);
