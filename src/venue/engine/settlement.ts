import { ZERO, type Decimal } from '../../domain/decimal';
import type { Ledger } from './accounts';
import { commissionOn } from './fees';
import { receivedAsset, remainingOf, reservedAsset, type VenueOrder } from './order';

/**
 * Moves one side of a fill through the ledger and the order, returning the commission charged.
 * A buy pays quantity x price of quote out of its reserve and receives base; a sell pays base
 * and receives quote. Commission is `rate` of what is received, rounded down to 8 dp.
 */
export function settleFillSide(ledger: Ledger, order: VenueOrder, quantity: Decimal, price: Decimal, rate: Decimal, at: number): Decimal {
  const market = order.market;
  const quote = quantity.times(price);
  const payAsset = reservedAsset(market, order.side);
  if (order.side === 'buy') {
    // A resting buy reserved quantity x limit; the part above the fill price goes back to free.
    const unlocked = order.reservesAtLimit ? quantity.times(order.price) : quote;
    ledger.spendLocked(order.account, payAsset, quote);
    const refund = unlocked.minus(quote);
    if (refund.gt(0)) ledger.releaseReserve(order.account, payAsset, refund);
    order.reserved = order.reserved.minus(unlocked);
  } else {
    ledger.spendLocked(order.account, payAsset, quantity);
    order.reserved = order.reserved.minus(quantity);
  }
  const received = order.side === 'buy' ? quantity : quote;
  const commission = commissionOn(received, rate);
  ledger.creditFill(order.account, receivedAsset(market, order.side), received, commission);

  order.executedQty = order.executedQty.plus(quantity);
  order.cumulativeQuoteQty = order.cumulativeQuoteQty.plus(quote);
  order.commission = order.commission.plus(commission);
  order.status = remainingOf(order).isZero() ? 'FILLED' : 'PARTIALLY_FILLED';
  order.updatedAt = at;
  if (order.status === 'FILLED') releaseRemainingReserve(ledger, order);
  return commission;
}

/** Whatever an order still holds goes back to free: on cancel, expiry, or a completed fill. */
export function releaseRemainingReserve(ledger: Ledger, order: VenueOrder): void {
  if (order.reserved.gt(0)) ledger.releaseReserve(order.account, reservedAsset(order.market, order.side), order.reserved);
  if (order.reserved.lt(0)) throw new Error(`order ${order.orderId} spent more than it reserved`);
  order.reserved = ZERO;
}
