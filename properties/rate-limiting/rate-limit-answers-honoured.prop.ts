import { registerTradingProperty } from '../trading-property';
import { rateLimitAnswersHonoured } from './rate-limit-answers-honoured';

registerTradingProperty(rateLimitAnswersHonoured);
