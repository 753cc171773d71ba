import type { InvariantCheck } from './invariant-check';

/**
 * X2, after every step: neither instance of the adapter on the account reports an order the
 * other placed (the model knows the second instance's orders as foreign). What each reports of
 * its own, and its balances after a reconcile, the steps judge (two-instances.ts).
 */
export const eachInstanceKnowsOnlyItsOwn: InvariantCheck = {
  invariant: 'X2',
  check(model, world) {
    const adopted = world.adapter.orders().find((order) => model.isForeign(order.clientOrderId));
    if (adopted !== undefined) return `the first instance reports ${adopted.clientOrderId}, which the second placed`;
    const taken = world.peer?.orders().find((order) => !model.isForeign(order.clientOrderId));
    return taken === undefined ? undefined : `the second instance reports ${taken.clientOrderId}, which it did not place`;
  },
};
