import { z } from 'zod';
import { DECIMAL_PATTERN, Decimal, ZERO, dec, formatDecimal } from '../domain/decimal';
import { OrderNotFoundError } from '../domain/errors';
import { OrderStatusSchema, SideSchema, TERMINAL_STATUSES, type OrderStatus, type OrderView, type Side } from '../domain/order';
import type { VenueOrderStatus } from '../venue/types';

/** One trade of an order as the venue reported it (a FULL response's fill or a myTrades row). */
export interface OrderFill {
  tradeId: string;
  price: string;
  quantity: string;
  commission: string;
  commissionAsset: string;
}

/** An order as the venue answered for it (POST, GET or DELETE /api/v3/order), decimals canonical. */
export interface VenueOrderState {
  venueOrderId: string;
  clientOrderId: string;
  /** Unified symbol, e.g. "BTC/USDT". */
  symbol: string;
  base: string;
  quote: string;
  side: Side;
  price: string;
  amount: string;
  status: VenueOrderStatus;
  executedQty: string;
}

/** Average price keeps this many decimals, rounded down: the rule of models/order-machine.ts. */
export const AVERAGE_PRICE_DECIMALS = 16;

/** Binance's order status in tradeprop's lifecycle words. */
export function orderStatusOf(status: VenueOrderStatus): OrderStatus {
  switch (status) {
    case 'NEW':
      return 'open';
    case 'PARTIALLY_FILLED':
      return 'partially_filled';
    case 'FILLED':
      return 'filled';
    case 'CANCELED':
      return 'canceled';
    // IOC, FOK and MARKET leftovers; ccxt reports them as 'expired' too.
    case 'EXPIRED':
      return 'expired';
    case 'REJECTED':
      return 'rejected';
  }
}

/** Progress order of statuses: a stale snapshot never moves an order back (O2). */
/**
 * Whether an order's status may move from `from` to `to` on a venue answer or event: terminal
 * statuses absorb, others only progress (a late event never moves an order back, O6).
 */
export function statusMayMove(from: OrderStatus, to: OrderStatus): boolean {
  return !TERMINAL_STATUSES.has(from) && progressOf(to) >= progressOf(from);
}

function progressOf(status: OrderStatus): number {
  if (TERMINAL_STATUSES.has(status)) return 2;
  return status === 'partially_filled' ? 1 : 0;
}

interface TrackedOrder {
  clientOrderId: string;
  venueOrderId: string;
  symbol: string;
  side: Side;
  /** The asset this order receives, in which its fee is reported. */
  feeAsset: string;
  price: Decimal;
  amount: Decimal;
  status: OrderStatus;
  filled: Decimal;
  cost: Decimal;
  fee: Decimal;
  tradeIds: Set<string>;
}

const decimalText = z.string().regex(DECIMAL_PATTERN);

/**
 * One tracked order as plain data, decimals as strings: what the adapter persists so that a
 * restarted instance tracks the order exactly as before, the trade ids it applied included
 * (without them a fill fetched again would count twice).
 */
export const TrackedOrderRecordSchema = z.object({
  clientOrderId: z.string(),
  venueOrderId: z.string(),
  symbol: z.string(),
  side: SideSchema,
  feeAsset: z.string(),
  price: decimalText,
  amount: decimalText,
  status: OrderStatusSchema,
  filled: decimalText,
  cost: decimalText,
  fee: decimalText,
  tradeIds: z.array(z.string()),
});
export type TrackedOrderRecord = z.infer<typeof TrackedOrderRecordSchema>;

/**
 * The local view of orders, keyed by client order id. Filled, cost and fee come only from fills,
 * each applied at most once (deduplicated by trade id), so filled never decreases and cannot count
 * a trade twice; the status comes from the venue's snapshots and never moves backwards.
 * Pure bookkeeping: no I/O, no clock.
 */
export class OrderTracker {
  private readonly orders = new Map<string, TrackedOrder>();
  /** Ended orders still tracked, in the order they ended: the oldest is forgotten first. */
  private readonly ended = new Set<string>();

  has(clientOrderId: string): boolean {
    return this.orders.has(clientOrderId);
  }

  /** Starts tracking an order the venue has accepted; a second registration changes nothing. */
  register(state: VenueOrderState): void {
    if (this.orders.has(state.clientOrderId)) return;
    this.orders.set(state.clientOrderId, {
      clientOrderId: state.clientOrderId,
      venueOrderId: state.venueOrderId,
      symbol: state.symbol,
      side: state.side,
      feeAsset: state.side === 'buy' ? state.base : state.quote,
      price: dec(state.price),
      amount: dec(state.amount),
      status: 'open',
      filled: ZERO,
      cost: ZERO,
      fee: ZERO,
      tradeIds: new Set(),
    });
  }

  /** The order as plain data, for a store: `restore` of it tracks the very same order. */
  record(clientOrderId: string): TrackedOrderRecord {
    const order = this.tracked(clientOrderId);
    return {
      clientOrderId: order.clientOrderId,
      venueOrderId: order.venueOrderId,
      symbol: order.symbol,
      side: order.side,
      feeAsset: order.feeAsset,
      price: formatDecimal(order.price),
      amount: formatDecimal(order.amount),
      status: order.status,
      filled: formatDecimal(order.filled),
      cost: formatDecimal(order.cost),
      fee: formatDecimal(order.fee),
      tradeIds: [...order.tradeIds],
    };
  }

  /** Tracks an order as a record says (a restart); replaces what was tracked under its id. */
  restore(record: TrackedOrderRecord): void {
    this.orders.set(record.clientOrderId, {
      ...record,
      price: dec(record.price),
      amount: dec(record.amount),
      filled: dec(record.filled),
      cost: dec(record.cost),
      fee: dec(record.fee),
      tradeIds: new Set(record.tradeIds),
    });
  }

  /** Whether this trade was applied to this order (false for an order not tracked yet). */
  hasTrade(clientOrderId: string, tradeId: string): boolean {
    return this.orders.get(clientOrderId)?.tradeIds.has(tradeId) ?? false;
  }

  /**
   * Applies one fill. Returns false, changing nothing, for a trade id already applied: the same
   * trade reaches us from the FULL response and again from myTrades, and must count once.
   */
  applyTrade(clientOrderId: string, fill: OrderFill): boolean {
    const order = this.tracked(clientOrderId);
    if (order.tradeIds.has(fill.tradeId)) return false;
    const quantity = dec(fill.quantity);
    order.tradeIds.add(fill.tradeId);
    order.filled = order.filled.plus(quantity);
    order.cost = order.cost.plus(quantity.times(dec(fill.price)));
    // The venue charges in the asset received; a commission in another asset (BNB on Binance)
    // is not part of this order's fee view, though the ledger still debits it.
    if (fill.commissionAsset === order.feeAsset) order.fee = order.fee.plus(dec(fill.commission));
    return true;
  }

  /**
   * Takes the venue's status. Terminal statuses absorb; otherwise the status may only progress.
   * Returns true when this moved the order into a terminal status.
   */
  applyVenueStatus(clientOrderId: string, status: VenueOrderStatus, mayMove: (from: OrderStatus, to: OrderStatus) => boolean = statusMayMove): boolean {
    const order = this.tracked(clientOrderId);
    const next = orderStatusOf(status);
    if (next === order.status || !mayMove(order.status, next)) return false;
    order.status = next;
    if (!TERMINAL_STATUSES.has(next)) return false;
    this.ended.add(clientOrderId);
    return true;
  }

  /**
   * Forgets the ended orders beyond the `keep` that ended last, oldest first, and returns their
   * ids: what the tracker holds then is bounded by the open orders plus `keep` (invariant P2).
   * An order still open is never forgotten.
   */
  forgetEndedBeyond(keep: number): string[] {
    const forgotten: string[] = [];
    for (const clientOrderId of this.ended) {
      if (this.ended.size <= keep) break;
      this.ended.delete(clientOrderId);
      this.orders.delete(clientOrderId);
      forgotten.push(clientOrderId);
    }
    return forgotten;
  }

  /** What the tracker holds: orders, how many of them ended, and trade ids remembered. */
  size(): { orders: number; endedOrders: number; trades: number } {
    let trades = 0;
    for (const order of this.orders.values()) trades += order.tradeIds.size;
    return { orders: this.orders.size, endedOrders: this.ended.size, trades };
  }

  isTerminal(clientOrderId: string): boolean {
    return TERMINAL_STATUSES.has(this.tracked(clientOrderId).status);
  }

  /**
   * The view by the rule of models/order-machine.ts `orderViewOf`: canonical decimals,
   * remaining = amount − filled, averagePrice = cost / filled rounded down to 16 decimals, and
   * fee {asset received, Σ commission} present exactly when filled > 0 (even when it sums to 0).
   */
  view(clientOrderId: string): OrderView {
    const order = this.tracked(clientOrderId);
    const view: OrderView = {
      clientOrderId: order.clientOrderId,
      venueOrderId: order.venueOrderId,
      symbol: order.symbol,
      side: order.side,
      price: formatDecimal(order.price),
      amount: formatDecimal(order.amount),
      filled: formatDecimal(order.filled),
      remaining: formatDecimal(order.amount.minus(order.filled)),
      status: order.status,
    };
    if (order.filled.gt(ZERO)) {
      view.averagePrice = formatDecimal(order.cost.dividedBy(order.filled).toDecimalPlaces(AVERAGE_PRICE_DECIMALS, Decimal.ROUND_DOWN));
      view.fee = { asset: order.feeAsset, amount: formatDecimal(order.fee) };
    }
    return view;
  }

  views(): OrderView[] {
    return [...this.orders.keys()].map((clientOrderId) => this.view(clientOrderId));
  }

  /** The client order id of a tracked venue order, if this adapter placed it. */
  clientOrderIdOf(venueOrderId: string): string | undefined {
    for (const order of this.orders.values()) if (order.venueOrderId === venueOrderId) return order.clientOrderId;
    return undefined;
  }

  /** Every order not yet filled, canceled or rejected: what reconciliation must ask about. */
  unfinishedOrders(): Array<{ clientOrderId: string; symbol: string }> {
    return [...this.orders.values()]
      .filter((order) => !TERMINAL_STATUSES.has(order.status))
      .map(({ clientOrderId, symbol }) => ({ clientOrderId, symbol }));
  }

  private tracked(clientOrderId: string): TrackedOrder {
    const order = this.orders.get(clientOrderId);
    if (order === undefined) throw new OrderNotFoundError(`order ${clientOrderId} is not in the local view`);
    return order;
  }
}
