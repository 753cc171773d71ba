import { registerTradingProperty } from '../trading-property';
import { hotReloadDuringARun } from './hot-reload-during-a-run';

registerTradingProperty(hotReloadDuringARun);
