import { BalancesSchema } from '../../src/domain/balance';
import { OrderViewSchema } from '../../src/domain/order';
import { dec, isMultipleOf } from '../../src/domain/decimal';
import { brokenFilter, marketStepOf } from '../../models/order-rules';
import { TRADER } from '../world';
import type { InvariantCheck } from './invariant-check';

/**
 * D1: every order of ours the venue holds is on tick and step and passes every filter. A MARKET
 * order (price 0, as Binance reports it) has only its quantity to check: on the market step (by
 * quote quantity it is what executed, which may be under the lot minimum; the place step checks
 * what was sent).
 */
export const venueOrdersPassFilters: InvariantCheck = {
  invariant: 'D1',
  check: (_model, world) => {
    // An order's price and quantity never change once the venue holds it: each is judged once,
    // at the first step after it appeared, not again at every later step.
    const control = world.venue.control;
    const judged = judgedOrders.get(control) ?? 0;
    const fresh = control.orders(TRADER, judged);
    judgedOrders.set(control, judged + fresh.length);
    for (const order of fresh) {
      const market = world.market(order.symbol);
      if (dec(order.price).isZero()) {
        if (!isMultipleOf(dec(order.quantity), marketStepOf(market))) return `venue market order ${order.clientOrderId} quantity ${order.quantity} is off the step`;
        continue;
      }
      const broken = brokenFilter(market, { price: dec(order.price), amount: dec(order.quantity) });
      if (broken !== undefined) return `venue order ${order.clientOrderId} (${order.quantity} @ ${order.price}) breaks ${broken}`;
    }
    return undefined;
  },
};

/** How many of the trader's venue orders D1 has judged, by venue. */
const judgedOrders = new WeakMap<object, number>();

/** D2: every decimal the adapter reports is a plain decimal string, never a float's rendering. */
export const viewsHoldPlainDecimals: InvariantCheck = {
  invariant: 'D2',
  check: (_model, world) => {
    for (const order of world.adapter.orders()) {
      const parsed = OrderViewSchema.safeParse(order);
      if (!parsed.success) return `order ${order.clientOrderId}: ${parsed.error.issues[0]?.path.join('.') ?? ''} is not a plain decimal`;
    }
    const balances = BalancesSchema.safeParse(world.adapter.balances());
    return balances.success ? undefined : `balances ${balances.error.issues[0]?.path.join('.') ?? ''} is not a plain decimal`;
  },
};
