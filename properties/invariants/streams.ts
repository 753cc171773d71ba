import { dec, tryDec } from '../../src/domain/decimal';
import { balancesDifference, ordersDifference } from './compare-views';
import { forgottenByHistory } from './forgotten-orders';
import type { InvariantCheck } from './invariant-check';
import { TRADER } from '../world';

/**
 * O5, after every step: no order of the adapter's has more filled, or more fee, than the venue
 * gave it. A fill applied twice (once from the stream, once from REST, or replayed after a
 * reconnect) shows here the moment it happens, whatever the stream still owes.
 */
export const noFillCountedTwice: InvariantCheck = {
  invariant: 'O5',
  check: (model, world) => {
    for (const order of world.adapter.orders()) {
      const truth = model.order(order.clientOrderId, 'truth');
      if (truth === undefined) continue;
      const filled = tryDec(order.filled);
      if (filled === undefined || filled.gt(dec(truth.filled))) return `order ${order.clientOrderId} filled ${order.filled}, the venue filled ${truth.filled}`;
      const fee = tryDec(order.fee?.amount ?? '0');
      const truthFee = dec(truth.fee?.amount ?? '0');
      if (fee === undefined || fee.gt(truthFee)) return `order ${order.clientOrderId} fee ${order.fee?.amount ?? '(absent)'}, the venue charged ${truthFee.toFixed()}`;
    }
    return undefined;
  },
};

/**
 * Right after a step at which the adapter said its stream was live with every frame delivered
 * (AwaitStreamCommand): every order and the whole ledger equal the venue's (the model's truth
 * and the venue's own balances), with no reconcile. `invariant` names what the property claims
 * (O1/L1 on a faithful stream, C4 after faults, O5 or O6 where those are the subject).
 */
export function streamViewIsTheVenues(invariant: string): InvariantCheck {
  return {
    invariant,
    check: (model, world) => {
      if (world.streamCaughtUpAtStep !== world.trace.length + 1) return undefined;
      const orders = ordersDifference(world.adapter.orders(), model.orders('truth'), forgottenByHistory(world));
      if (orders !== undefined) return `with the stream live: ${orders}`;
      const balances = balancesDifference(world.adapter.balances(), world.venue.control.balances(TRADER), 'adapter', 'venue');
      return balances === undefined ? undefined : `with the stream live: ${balances}`;
    },
  };
}
