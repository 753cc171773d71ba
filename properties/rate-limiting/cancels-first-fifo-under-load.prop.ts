import { registerTradingProperty } from '../trading-property';
import { cancelsFirstFifoUnderLoad } from './cancels-first-fifo-under-load';

registerTradingProperty(cancelsFirstFifoUnderLoad);
