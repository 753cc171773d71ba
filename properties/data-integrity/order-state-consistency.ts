import { refusalKey, transitionKey } from '../../models/transition-coverage';
import { adapterOrdersEqualModel, adapterOrdersMoveForward } from '../invariants/order-state';
import type { TradingPropertyOptions } from '../trading-property';

/** O1, O2: every order the adapter reports equals the model and moves only along the order machine. */
export const orderStateConsistency: TradingPropertyOptions = {
  name: 'order-state-consistency',
  checks: [adapterOrdersEqualModel, adapterOrdersMoveForward],
  claims: [
    transitionKey('order', 'new', 'ACCEPT', 'open'),
    transitionKey('order', 'open', 'FILL', 'partially_filled'),
    transitionKey('order', 'open', 'FILL', 'filled'),
    transitionKey('order', 'partially_filled', 'FILL', 'partially_filled'),
    transitionKey('order', 'partially_filled', 'FILL', 'filled'),
    transitionKey('order', 'open', 'CANCEL', 'canceled'),
    transitionKey('order', 'partially_filled', 'CANCEL', 'canceled'),
    // IOC, FOK and market orders that outlive the book; a maker order that would take.
    transitionKey('order', 'open', 'EXPIRE', 'expired'),
    transitionKey('order', 'partially_filled', 'EXPIRE', 'expired'),
    // A MARKET buy by quote whose budget outlived the book: filled, then ended EXPIRED.
    transitionKey('order', 'filled', 'EXPIRE', 'expired'),
    transitionKey('order', 'new', 'REJECT', 'rejected'),
    // Error answers: a cancel of an order that already ended is refused (-2011), whatever ended it.
    refusalKey('order', 'filled', 'CANCEL'),
    refusalKey('order', 'canceled', 'CANCEL'),
    refusalKey('order', 'expired', 'CANCEL'),
  ],
};
