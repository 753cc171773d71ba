import { formatBinance, type Decimal } from '../../domain/decimal';
import { receivedAsset, type VenueOrder } from '../engine/order';
import type { Trade, TradeLeg } from '../engine/trade';

/**
 * Binance-shaped bodies (spot REST "Trading endpoints" / "Account endpoints" docs, checked
 * against ccxt's captured responses). Ids and times are JSON numbers; decimals are strings with
 * at least 8 decimals (`formatBinance`), more only when the value needs them.
 */
const b = (value: Decimal): string => formatBinance(value);

const side = (order: VenueOrder): string => order.side.toUpperCase();

/** The common core of every order answer. */
function orderCore(order: VenueOrder): Record<string, unknown> {
  return {
    price: b(order.price),
    origQty: b(order.quantity),
    executedQty: b(order.executedQty),
    origQuoteOrderQty: b(order.quoteOrderQty),
    cummulativeQuoteQty: b(order.cumulativeQuoteQty),
    status: order.status,
    timeInForce: order.timeInForce,
    type: order.type,
    side: side(order),
  };
}

export type NewOrderRespType = 'ACK' | 'RESULT' | 'FULL';

/** POST /api/v3/order, per newOrderRespType; FULL lists the fills this order took as taker. */
export function newOrderBody(order: VenueOrder, trades: readonly Trade[], respType: NewOrderRespType, transactTime: number): unknown {
  const body: Record<string, unknown> = { symbol: order.market.id, orderId: order.orderId, orderListId: -1, clientOrderId: order.clientOrderId, transactTime };
  if (respType === 'ACK') return body;
  // Each level extends the previous one in place, keys in the same order as spreading would
  // give: object spreads here were the venue's most expensive function on the order path.
  Object.assign(body, orderCore(order));
  body.workingTime = order.createdAt;
  body.selfTradePreventionMode = order.selfTradePreventionMode;
  if (respType === 'RESULT') return body;
  const commissionAsset = receivedAsset(order.market, order.side);
  body.fills = trades.map((trade) => ({
    price: b(trade.price),
    qty: b(trade.quantity),
    commission: b(trade.taker === order ? trade.takerCommission : trade.makerCommission),
    commissionAsset,
    tradeId: trade.id,
  }));
  return body;
}

/** GET /api/v3/order and each entry of GET /api/v3/openOrders. */
export function queryOrderBody(order: VenueOrder): unknown {
  return {
    symbol: order.market.id,
    orderId: order.orderId,
    orderListId: -1,
    clientOrderId: order.clientOrderId,
    ...orderCore(order),
    stopPrice: '0.00000000',
    icebergQty: '0.00000000',
    time: order.createdAt,
    updateTime: order.updatedAt,
    isWorking: true,
    workingTime: order.createdAt,
    selfTradePreventionMode: order.selfTradePreventionMode,
  };
}

/** DELETE /api/v3/order: `clientOrderId` is the cancel request's own id, the order's is `origClientOrderId`. */
export function cancelOrderBody(order: VenueOrder, cancelClientOrderId: string, transactTime: number): unknown {
  return {
    symbol: order.market.id,
    origClientOrderId: order.clientOrderId,
    orderId: order.orderId,
    orderListId: -1,
    clientOrderId: cancelClientOrderId,
    transactTime,
    ...orderCore(order),
    selfTradePreventionMode: order.selfTradePreventionMode,
  };
}

/** One entry of GET /api/v3/myTrades, as the account's own order saw the trade. */
export function myTradeBody(leg: TradeLeg): unknown {
  const { trade, order } = leg;
  return {
    symbol: trade.market.id,
    id: trade.id,
    orderId: order.orderId,
    orderListId: -1,
    price: b(trade.price),
    qty: b(trade.quantity),
    quoteQty: b(trade.quoteQuantity),
    commission: b(leg.commission),
    commissionAsset: receivedAsset(trade.market, order.side),
    time: trade.at,
    isBuyer: order.side === 'buy',
    isMaker: leg.isMaker,
    isBestMatch: true,
  };
}

export interface AccountBodyInput {
  uid: number;
  makerRate: Decimal;
  takerRate: Decimal;
  balances: ReadonlyArray<{ asset: string; free: Decimal; locked: Decimal }>;
  updateTime: number;
}

/** GET /api/v3/account (spot). makerCommission/takerCommission are integer basis points. */
export function accountBody(input: AccountBodyInput): unknown {
  return {
    makerCommission: basisPoints(input.makerRate),
    takerCommission: basisPoints(input.takerRate),
    buyerCommission: 0,
    sellerCommission: 0,
    commissionRates: { maker: b(input.makerRate), taker: b(input.takerRate), buyer: '0.00000000', seller: '0.00000000' },
    canTrade: true,
    canWithdraw: true,
    canDeposit: true,
    brokered: false,
    requireSelfTradePrevention: false,
    preventSor: false,
    updateTime: input.updateTime,
    accountType: 'SPOT',
    balances: input.balances.map(({ asset, free, locked }) => ({ asset, free: b(free), locked: b(locked) })),
    permissions: ['SPOT'],
    uid: input.uid,
  };
}

/** Binance reports commission in the integer form rate x 10000 (0.001 -> 10): a count, not money. */
function basisPoints(rate: Decimal): number {
  return Number.parseInt(rate.times(10000).toFixed(0), 10);
}
