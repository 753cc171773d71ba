import { registerTradingProperty } from '../trading-property';
import { tamperedSignaturesRejectedNotRetried } from './tampered-signatures-rejected-not-retried';

registerTradingProperty(tamperedSignaturesRejectedNotRetried);
