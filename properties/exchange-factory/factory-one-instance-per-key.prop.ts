import { registerTradingProperty } from '../trading-property';
import { factoryOneInstancePerKey } from './factory-one-instance-per-key';

registerTradingProperty(factoryOneInstancePerKey);
