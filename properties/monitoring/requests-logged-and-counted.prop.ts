import { registerTradingProperty } from '../trading-property';
import { requestsLoggedAndCounted } from './requests-logged-and-counted';

registerTradingProperty(requestsLoggedAndCounted);
