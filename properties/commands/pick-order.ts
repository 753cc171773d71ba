import type { OrderView } from '../../src/domain/order';
import type { TradingModel } from '../../models/trading-model';

export function isOpen(order: OrderView): boolean {
  return order.status === 'open' || order.status === 'partially_filled';
}

/**
 * The order a step aims at: the `index`-th (modulo) of the model's accepted orders that pass
 * `filter`. Indices rather than ids keep generated steps meaningful after shrinking.
 */
export function pickOrder(model: Readonly<TradingModel>, index: number, filter: (order: OrderView) => boolean): OrderView | undefined {
  const candidates = model.orders('truth').filter((order) => order.status !== 'rejected' && filter(order));
  return candidates.length === 0 ? undefined : candidates[index % candidates.length];
}
