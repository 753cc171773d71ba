import { transitionKey } from '../../models/transition-coverage';
import { cancelOrderArbitrary } from '../commands/cancel-order';
import { concurrentFactoryGetsArbitrary } from '../commands/factory-gets';
import { placeLimitArbitrary } from '../commands/place-limit';
import type { TradingPropertyOptions } from '../trading-property';

/**
 * F1: the exchange factory (the module's `createExchangeFactory`, else the reference's) gives one
 * instance per exchange and account to callers that ask at once, while creations take time and
 * while the venue is down; a failed creation is forgotten; closeAll closes each instance once.
 * Trading goes on beside it, so the factories' adapters meet a venue with orders resting.
 */
export const factoryOneInstancePerKey: TradingPropertyOptions = {
  name: 'factory-one-instance-per-key',
  checks: [],
  commands: [concurrentFactoryGetsArbitrary, concurrentFactoryGetsArbitrary, placeLimitArbitrary, cancelOrderArbitrary],
  maxCommands: 8,
  claims: [transitionKey('order', 'new', 'ACCEPT', 'open')],
};
