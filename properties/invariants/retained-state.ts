import type { InvariantCheck } from './invariant-check';

/**
 * P2 after every step: what the adapter holds (`retainedState`) is bounded by its open orders
 * plus the history it was configured with, however long the run. Precisely, with `history` the
 * configured number of ended orders to keep and "open" the orders open in the model's view of
 * what the adapter knows:
 * - the adapter reports `retainedState()`, with `historyLimit` = `history` (the configuration took);
 * - its `orders` count is what `orders()` lists (the report is honest), and at most open + history;
 * - `endedOrders` <= history;
 * - `trades` <= the fills the venue made on the orders it still lists (nothing kept for orders
 *   it forgot);
 * - `pendingIntents` = 0: the property injects no fault, so every intent's outcome is known once
 *   its call settled, and nothing may wait on it.
 */
export function retainedStateBounded(history: number): InvariantCheck {
  return {
    invariant: 'P2',
    check: (model, world) => {
      const retained = world.adapter.retainedState?.();
      if (retained === undefined) return 'the adapter reports no retainedState(): what it holds cannot be bounded';
      if (retained.historyLimit !== history) return `the adapter keeps a history of ${retained.historyLimit} ended orders, configured ${history}`;
      const listed = world.adapter.orders();
      if (retained.orders !== listed.length) return `retainedState() counts ${retained.orders} orders, orders() lists ${listed.length}`;
      const open = model.openOrders(undefined, 'known').length;
      if (retained.orders > open + history) return `the adapter holds ${retained.orders} orders, more than its ${open} open plus a history of ${history}`;
      if (retained.endedOrders > history) return `the adapter holds ${retained.endedOrders} ended orders, more than its history of ${history}`;
      const fills = listed.reduce((sum, order) => sum + (model.hasOrder(order.clientOrderId) ? model.fills(order.clientOrderId).length : 0), 0);
      if (retained.trades > fills) return `the adapter remembers ${retained.trades} trades, more than the ${fills} fills of the orders it lists`;
      if (retained.pendingIntents > 0) return `${retained.pendingIntents} intent(s) still pending with no fault injected`;
      return undefined;
    },
  };
}
