import { registerTradingProperty } from '../trading-property';
import { decimalPrecision } from './decimal-precision';

registerTradingProperty(decimalPrecision);
