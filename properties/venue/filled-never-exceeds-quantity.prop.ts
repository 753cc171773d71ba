import { test } from '@fast-check/vitest';
import { expect } from 'vitest';
import { dec, ZERO, type Decimal } from '../../src/domain/decimal';
import type { VenueFill } from '../../src/venue/types';
import { runChecked, venueActions, type VenueWorld } from './venue-world';

/**
 * Every order's executed quantity stays within [0, quantity]; it and the cumulative quote equal
 * the sums over the trades the event log records for the order; a FILLED order executed all of
 * it; and a limit order never traded beyond its limit (a buy paid at most, a sell got at least,
 * limit x executed).
 */
function checkFills({ venue }: VenueWorld): void {
  const { control } = venue;
  const filled = new Map<string, { quantity: Decimal; quote: Decimal }>();
  const count = (orderId: string, fill: VenueFill): void => {
    const sum = filled.get(orderId) ?? { quantity: ZERO, quote: ZERO };
    filled.set(orderId, { quantity: sum.quantity.plus(dec(fill.quantity)), quote: sum.quote.plus(dec(fill.quoteQuantity)) });
  };
  for (const event of control.events()) {
    if (event.type !== 'trade') continue;
    count(event.fill.makerOrderId, event.fill);
    count(event.fill.takerOrderId, event.fill);
  }
  for (const account of control.accounts()) {
    for (const order of control.orders(account)) {
      const executed = dec(order.executedQty);
      const quantity = dec(order.quantity);
      const quote = dec(order.cumulativeQuoteQty);
      const id = { orderId: order.orderId, status: order.status };
      expect({ ...id, negative: executed.isNegative() || quote.isNegative() }).toEqual({ ...id, negative: false });
      if (quantity.gt(0)) expect({ ...id, overfilled: executed.gt(quantity) }).toEqual({ ...id, overfilled: false });
      if (order.status === 'FILLED' && quantity.gt(0)) expect({ ...id, executed: executed.toFixed() }).toEqual({ ...id, executed: quantity.toFixed() });
      const trades = filled.get(order.orderId) ?? { quantity: ZERO, quote: ZERO };
      expect({ ...id, executed: executed.toFixed(), quote: quote.toFixed() }).toEqual({ ...id, executed: trades.quantity.toFixed(), quote: trades.quote.toFixed() });
      const limit = dec(order.price);
      if (limit.gt(0)) {
        const atLimit = executed.times(limit);
        const beyond = order.side === 'buy' ? quote.gt(atLimit) : quote.lt(atLimit);
        expect({ ...id, beyondLimit: beyond }).toEqual({ ...id, beyondLimit: false });
      }
    }
  }
}

test.prop([venueActions], { seed: 4_301, numRuns: 40 })('filled never exceeds quantity and matches the trades', async (actions) => {
  await runChecked('venue-fills', actions, checkFills);
});
