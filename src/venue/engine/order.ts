import { ZERO, formatDecimal, type Decimal } from '../../domain/decimal';
import type { Market } from '../../domain/market';
import type { Side } from '../../domain/order';
import type { VenueOrderSnapshot, VenueOrderStatus } from '../types';
import type { SelfTradePreventionMode } from './self-trade-prevention';

/** Binance's spot order types the venue serves. */
export type OrderType = 'LIMIT' | 'LIMIT_MAKER' | 'MARKET';
/** Binance reports GTC for LIMIT_MAKER and MARKET orders too; IOC and FOK exist for LIMIT only. */
export type TimeInForce = 'GTC' | 'IOC' | 'FOK';
/**
 * The venue's statuses plus Binance's EXPIRED_IN_MATCH (expired by self-trade prevention). The
 * control API and the event log report that one as EXPIRED, with the reason on the event.
 */
export type EngineOrderStatus = VenueOrderStatus | 'EXPIRED_IN_MATCH';

/**
 * One order as the engine holds it: mutable progress, Decimal amounts. Only the engine changes
 * it; everything outside sees `toSnapshot`.
 */
export interface VenueOrder {
  readonly orderId: number;
  readonly clientOrderId: string;
  readonly account: string;
  readonly market: Market;
  readonly side: Side;
  readonly type: OrderType;
  readonly timeInForce: TimeInForce;
  /** The limit price; zero for MARKET, as Binance reports it. */
  readonly price: Decimal;
  /** For a MARKET order by quoteOrderQty, the quantity its fills came to (Binance's origQty). */
  readonly quantity: Decimal;
  /** quoteOrderQty of a MARKET order; zero otherwise (Binance's origQuoteOrderQty). */
  readonly quoteOrderQty: Decimal;
  readonly selfTradePreventionMode: SelfTradePreventionMode;
  readonly createdAt: number;
  executedQty: Decimal;
  cumulativeQuoteQty: Decimal;
  status: EngineOrderStatus;
  commission: Decimal;
  /** What this order still holds in `locked` (quote for a buy, base for a sell). */
  reserved: Decimal;
  /**
   * True when a buy reserved quantity x limit price (a resting GTC order): each fill then frees
   * quantity x (limit - fill price). False when the reserve is what the planned fills cost (MARKET
   * orders and the control API's sweeps): each fill then unlocks exactly what it pays.
   */
  readonly reservesAtLimit: boolean;
  updatedAt: number;
}

export function remainingOf(order: VenueOrder): Decimal {
  return order.quantity.minus(order.executedQty);
}

export function isOpen(order: VenueOrder): boolean {
  return order.status === 'NEW' || order.status === 'PARTIALLY_FILLED';
}

/** A buy receives the base asset, a sell the quote: the fee is charged in what is received. */
export function receivedAsset(market: Market, side: Side): string {
  return side === 'buy' ? market.base : market.quote;
}

/** The asset a buy or sell locks while it rests: quote for a buy, base for a sell. */
export function reservedAsset(market: Market, side: Side): string {
  return side === 'buy' ? market.quote : market.base;
}

export function toSnapshot(order: VenueOrder): VenueOrderSnapshot {
  return {
    orderId: String(order.orderId),
    clientOrderId: order.clientOrderId,
    account: order.account,
    symbol: order.market.symbol,
    side: order.side,
    price: formatDecimal(order.price),
    quantity: formatDecimal(order.quantity),
    executedQty: formatDecimal(order.executedQty),
    cumulativeQuoteQty: formatDecimal(order.cumulativeQuoteQty),
    status: order.status === 'EXPIRED_IN_MATCH' ? 'EXPIRED' : order.status,
    commission: { asset: receivedAsset(order.market, order.side), amount: formatDecimal(order.commission) },
    createdAt: order.createdAt,
  };
}

export interface NewOrderFields {
  orderId: number;
  clientOrderId: string;
  account: string;
  market: Market;
  side: Side;
  type: OrderType;
  timeInForce: TimeInForce;
  price: Decimal;
  quantity: Decimal;
  quoteOrderQty: Decimal;
  selfTradePreventionMode: SelfTradePreventionMode;
  reserved: Decimal;
  reservesAtLimit: boolean;
  at: number;
}

/**
 * A literal rather than `{ ...rest, ... }`: every order gets the same hidden class (rest/spread
 * built dictionary-mode objects, the venue's costliest function per order in the profile).
 * Key order is the one the spread gave for orders from the API (engine.accept).
 */
export function newOrder(fields: NewOrderFields): VenueOrder {
  const at = fields.at;
  return {
    clientOrderId: fields.clientOrderId,
    account: fields.account,
    market: fields.market,
    side: fields.side,
    type: fields.type,
    timeInForce: fields.timeInForce,
    price: fields.price,
    quantity: fields.quantity,
    quoteOrderQty: fields.quoteOrderQty,
    selfTradePreventionMode: fields.selfTradePreventionMode,
    reserved: fields.reserved,
    reservesAtLimit: fields.reservesAtLimit,
    orderId: fields.orderId,
    createdAt: at,
    updatedAt: at,
    executedQty: ZERO,
    cumulativeQuoteQty: ZERO,
    status: 'NEW',
    commission: ZERO,
  };
}
