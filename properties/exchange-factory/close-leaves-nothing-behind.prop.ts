import { registerTradingProperty } from '../trading-property';
import { closeLeavesNothingBehind } from './close-leaves-nothing-behind';

registerTradingProperty(closeLeavesNothingBehind);
