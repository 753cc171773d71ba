import { registerTradingProperty } from '../trading-property';
import { streamAndRestAgree } from './stream-and-rest-agree';

registerTradingProperty(streamAndRestAgree);
