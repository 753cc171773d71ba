import { registerTradingProperty } from '../trading-property';
import { fillCountedOnce } from './fill-counted-once';

registerTradingProperty(fillCountedOnce);
