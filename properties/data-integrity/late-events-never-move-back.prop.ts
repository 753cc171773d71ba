import { registerTradingProperty } from '../trading-property';
import { lateEventsNeverMoveBack } from './late-events-never-move-back';

registerTradingProperty(lateEventsNeverMoveBack);
