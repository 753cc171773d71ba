import { TERMINAL_STATUSES, type OrderView } from '../../src/domain/order';
import type { TradingWorld } from '../world';

/**
 * Which of the orders it should know the adapter may have left out of `orders()` (P2): an ended
 * one, once the adapter says (`retainedState`) that it keeps a bounded history and that history
 * is full. Every open order must be there, and every ended one while the history has room, so
 * an adapter that loses orders early is still caught; one without `retainedState` forgets none.
 */
export function forgottenByHistory(world: TradingWorld): (order: Pick<OrderView, 'status'>) => boolean {
  const retained = world.adapter.retainedState?.();
  if (retained === undefined || retained.endedOrders < retained.historyLimit) return () => false;
  return (order) => TERMINAL_STATUSES.has(order.status);
}
