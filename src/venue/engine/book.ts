import type { VenueOrder } from './order';

/**
 * One symbol's resting orders in price-time priority: bids highest price first, asks lowest
 * first, and within a price the earlier order (lower orderId, ids being sequential) first.
 */
export class OrderBook {
  private readonly bids: VenueOrder[] = [];
  private readonly asks: VenueOrder[] = [];

  add(order: VenueOrder): void {
    const side = order.side === 'buy' ? this.bids : this.asks;
    const index = side.findIndex((resting) => ranksBefore(order, resting));
    if (index === -1) side.push(order);
    else side.splice(index, 0, order);
  }

  remove(order: VenueOrder): void {
    const side = order.side === 'buy' ? this.bids : this.asks;
    const index = side.indexOf(order);
    if (index !== -1) side.splice(index, 1);
  }

  /** The orders a taker on `takerSide` meets, best first. */
  opposite(takerSide: VenueOrder['side']): readonly VenueOrder[] {
    return takerSide === 'buy' ? this.asks : this.bids;
  }

  side(side: VenueOrder['side']): readonly VenueOrder[] {
    return side === 'buy' ? this.bids : this.asks;
  }

  /** How many resting orders `account` has here: its open orders on the symbol. */
  openOrdersOf(account: string): number {
    let count = 0;
    for (const order of this.bids) if (order.account === account) count += 1;
    for (const order of this.asks) if (order.account === account) count += 1;
    return count;
  }
}

/** True when `order` has priority over `resting` on the same side. */
function ranksBefore(order: VenueOrder, resting: VenueOrder): boolean {
  const better = order.side === 'buy' ? order.price.gt(resting.price) : order.price.lt(resting.price);
  return better || (order.price.eq(resting.price) && order.orderId < resting.orderId);
}
