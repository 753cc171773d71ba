import { registerTradingProperty } from '../trading-property';
import { noRateLimitAnswers } from './no-rate-limit-answers';

registerTradingProperty(noRateLimitAnswers);
