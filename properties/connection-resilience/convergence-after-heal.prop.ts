import { registerTradingProperty } from '../trading-property';
import { convergenceAfterHeal } from './convergence-after-heal';

registerTradingProperty(convergenceAfterHeal);
