import { formatDecimal, type Decimal } from '../../domain/decimal';
import type { Market } from '../../domain/market';
import type { VenueFill } from '../types';
import { receivedAsset, type VenueOrder } from './order';

/** One match between a resting maker and an incoming taker, at the maker's price. */
export interface Trade {
  readonly id: number;
  readonly market: Market;
  readonly price: Decimal;
  readonly quantity: Decimal;
  readonly quoteQuantity: Decimal;
  readonly maker: VenueOrder;
  readonly taker: VenueOrder;
  readonly makerCommission: Decimal;
  readonly takerCommission: Decimal;
  readonly at: number;
}

export function toVenueFill(trade: Trade): VenueFill {
  return {
    tradeId: String(trade.id),
    symbol: trade.market.symbol,
    price: formatDecimal(trade.price),
    quantity: formatDecimal(trade.quantity),
    quoteQuantity: formatDecimal(trade.quoteQuantity),
    makerOrderId: String(trade.maker.orderId),
    takerOrderId: String(trade.taker.orderId),
    makerAccount: trade.maker.account,
    takerAccount: trade.taker.account,
    takerSide: trade.taker.side,
    makerCommission: { asset: receivedAsset(trade.market, trade.maker.side), amount: formatDecimal(trade.makerCommission) },
    takerCommission: { asset: receivedAsset(trade.market, trade.taker.side), amount: formatDecimal(trade.takerCommission) },
    at: trade.at,
  };
}

/** The trade as one of its two orders saw it (an account trading with itself sees both). */
export interface TradeLeg {
  trade: Trade;
  order: VenueOrder;
  isMaker: boolean;
  commission: Decimal;
}

export function legsOf(trade: Trade): [TradeLeg, TradeLeg] {
  return [
    { trade, order: trade.maker, isMaker: true, commission: trade.makerCommission },
    { trade, order: trade.taker, isMaker: false, commission: trade.takerCommission },
  ];
}
