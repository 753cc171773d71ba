import { dec, formatBinance, type Decimal } from '../../domain/decimal';
import type { Market } from '../../domain/market';
import { isOpen, type EngineOrderStatus, type OrderType, type TimeInForce, type VenueOrder } from '../engine/order';
import type { VenueEvent, VenueFill } from '../types';

/**
 * The payloads of Binance's spot user-data stream ("User Data Streams for Binance",
 * binance-spot-api-docs user-data-stream.md), built from one venue event and the venue's state
 * right after it. Pure: everything read comes in through `UserDataView`. Key order follows the
 * docs, so frames compare byte for byte. Decimals are strings in the REST form (`formatBinance`).
 */

/** Binance's execution types the venue produces (enums.md "Execution types"). */
export type ExecutionType = 'NEW' | 'TRADE' | 'CANCELED' | 'EXPIRED' | 'TRADE_PREVENTION';

/** executionReport expiry reasons (`eR`, added to the stream on 2026-03-26). */
export type ExpiryReason = 'UNFILLED_IOC_QUANTITY_EXPIRED' | 'UNFILLED_FOK_ORDER_EXPIRED' | 'INSUFFICIENT_LIQUIDITY';

export interface ExecutionReport {
  e: 'executionReport';
  E: number;
  s: string;
  c: string;
  S: 'BUY' | 'SELL';
  o: OrderType;
  f: TimeInForce;
  q: string;
  p: string;
  P: string;
  F: string;
  g: number;
  C: string;
  x: ExecutionType;
  X: EngineOrderStatus;
  r: 'NONE';
  i: number;
  l: string;
  z: string;
  L: string;
  n: string;
  N: string | null;
  T: number;
  t: number;
  I: number;
  w: boolean;
  m: boolean;
  M: boolean;
  O: number;
  Z: string;
  Y: string;
  Q: string;
  W?: number;
  V: string;
  eR?: ExpiryReason;
}

export interface OutboundAccountPosition {
  e: 'outboundAccountPosition';
  E: number;
  u: number;
  B: Array<{ a: string; f: string; l: string }>;
}

export interface BalanceUpdate {
  e: 'balanceUpdate';
  E: number;
  a: string;
  d: string;
  T: number;
}

export type UserDataPayload = ExecutionReport | OutboundAccountPosition | BalanceUpdate;

/** One payload and the account whose stream carries it. */
export interface AccountPayload {
  account: string;
  payload: UserDataPayload;
}

/** The venue's state right after the event, as far as the payloads need it. */
export interface UserDataView {
  /** Whether any stream listens to the account: payloads for others are never built. */
  wants(account: string): boolean;
  /** The order as the engine holds it now (status and cumulative amounts after the event). */
  order(account: string, symbol: string, orderId: string): VenueOrder;
  market(symbol: string): Market;
  balance(account: string, asset: string): { free: Decimal; locked: Decimal };
}

const ZERO_AMOUNT = '0.00000000';
/** Binance sends commission "0" (not 8 decimals) and asset null when nothing was charged. */
const NO_COMMISSION = '0';

/**
 * The user-data payloads one event produces, in the order each account receives them: the
 * executionReport(s), then outboundAccountPosition with every asset the event may have changed.
 * A deposit is a balanceUpdate then an outboundAccountPosition. Rejected orders produce nothing:
 * the venue only logs rejections of requests it refused (REST error, nothing entered the
 * engine), and Binance's `x=REJECTED` is for the new leg of a cancel-replace, which the venue
 * does not serve.
 */
export function userDataPayloads(event: VenueEvent, view: UserDataView): AccountPayload[] {
  switch (event.type) {
    case 'deposit': {
      if (!view.wants(event.account)) return [];
      const update: BalanceUpdate = { e: 'balanceUpdate', E: event.at, a: event.asset, d: formatBinance(dec(event.amount)), T: event.at };
      return [
        { account: event.account, payload: update },
        { account: event.account, payload: accountPosition(event.account, [event.asset], event.at, view) },
      ];
    }
    case 'order_accepted':
      return orderChange(event.order.account, event.order.symbol, event.order.orderId, 'NEW', event, view);
    case 'order_canceled':
      return orderChange(event.order.account, event.order.symbol, event.order.orderId, 'CANCELED', event, view);
    case 'order_expired':
      return orderChange(event.order.account, event.order.symbol, event.order.orderId, event.reason === 'self_trade_prevention' ? 'TRADE_PREVENTION' : 'EXPIRED', event, view);
    case 'trade':
      return tradePayloads(event.fill, event, view);
    default:
      return [];
  }
}

/** NEW, CANCELED, EXPIRED or TRADE_PREVENTION of one order: one report, then the reserve's asset. */
function orderChange(account: string, symbol: string, orderId: string, type: Exclude<ExecutionType, 'TRADE'>, event: VenueEvent, view: UserDataView): AccountPayload[] {
  if (!view.wants(account)) return [];
  const order = view.order(account, symbol, orderId);
  const report = executionReport(order, { type }, event.at, executionId(event.seq, 0));
  const reserved = order.side === 'buy' ? order.market.quote : order.market.base;
  return [
    { account, payload: report },
    { account, payload: accountPosition(account, [reserved], event.at, view) },
  ];
}

/** Both sides' reports (maker first), then each account's balances of base and quote. */
function tradePayloads(fill: VenueFill, event: VenueEvent, view: UserDataView): AccountPayload[] {
  const payloads: AccountPayload[] = [];
  const legs = [
    { account: fill.makerAccount, orderId: fill.makerOrderId, isMaker: true, commission: fill.makerCommission },
    { account: fill.takerAccount, orderId: fill.takerOrderId, isMaker: false, commission: fill.takerCommission },
  ];
  legs.forEach((leg, index) => {
    if (!view.wants(leg.account)) return;
    const order = view.order(leg.account, fill.symbol, leg.orderId);
    payloads.push({ account: leg.account, payload: executionReport(order, { type: 'TRADE', fill, isMaker: leg.isMaker, commission: leg.commission }, event.at, executionId(event.seq, index)) });
  });
  const market = view.market(fill.symbol);
  const accounts = fill.makerAccount === fill.takerAccount ? [fill.makerAccount] : [fill.makerAccount, fill.takerAccount];
  for (const account of accounts) {
    if (view.wants(account)) payloads.push({ account, payload: accountPosition(account, [market.base, market.quote], event.at, view) });
  }
  return payloads;
}

type Execution = { type: Exclude<ExecutionType, 'TRADE'> } | { type: 'TRADE'; fill: VenueFill; isMaker: boolean; commission: { asset: string; amount: string } };

/**
 * Binance's "Execution Id" (`I`) is unique per report; here it is derived from the log alone:
 * twice the event's sequence number, plus one for a trade's taker side, so it does not depend
 * on which accounts happen to be listened to.
 */
function executionId(seq: number, leg: number): number {
  return seq * 2 + leg;
}

/** Binance's "Expiry Reason" for an order expired by its time in force. */
function expiryReason(order: VenueOrder): ExpiryReason {
  if (order.type === 'MARKET') return 'INSUFFICIENT_LIQUIDITY';
  return order.timeInForce === 'FOK' ? 'UNFILLED_FOK_ORDER_EXPIRED' : 'UNFILLED_IOC_QUANTITY_EXPIRED';
}

/** Whether the order rests on the book now: open, and of a kind that rests (GTC, not MARKET). */
function onBook(order: VenueOrder): boolean {
  return isOpen(order) && order.type !== 'MARKET' && order.timeInForce === 'GTC';
}

function executionReport(order: VenueOrder, execution: Execution, at: number, id: number): ExecutionReport {
  const trade = execution.type === 'TRADE' ? execution : undefined;
  const working = onBook(order);
  const report: ExecutionReport = {
    e: 'executionReport',
    E: at,
    s: order.market.id,
    // The venue does not log a cancel request's own client order id, so `c` stays the order's;
    // `C` carries it on a cancel as Binance does, and ccxt prefers `C` when it is not empty.
    c: order.clientOrderId,
    S: order.side === 'buy' ? 'BUY' : 'SELL',
    o: order.type,
    f: order.timeInForce,
    q: formatBinance(order.quantity),
    p: formatBinance(order.price),
    P: ZERO_AMOUNT,
    F: ZERO_AMOUNT,
    g: -1,
    C: execution.type === 'CANCELED' ? order.clientOrderId : '',
    x: execution.type,
    X: order.status,
    r: 'NONE',
    i: order.orderId,
    l: trade === undefined ? ZERO_AMOUNT : formatBinance(dec(trade.fill.quantity)),
    z: formatBinance(order.executedQty),
    L: trade === undefined ? ZERO_AMOUNT : formatBinance(dec(trade.fill.price)),
    n: trade === undefined ? NO_COMMISSION : formatBinance(dec(trade.commission.amount)),
    N: trade === undefined ? null : trade.commission.asset,
    T: at,
    t: trade === undefined ? -1 : Number.parseInt(trade.fill.tradeId, 10),
    I: id,
    w: working,
    m: trade?.isMaker ?? false,
    // "Ignore" in the docs; Binance sends true on trades (as myTrades' isBestMatch) and false otherwise.
    M: trade !== undefined,
    O: order.createdAt,
    Z: formatBinance(order.cumulativeQuoteQty),
    Y: trade === undefined ? ZERO_AMOUNT : formatBinance(dec(trade.fill.quoteQuantity)),
    Q: formatBinance(order.quoteOrderQty),
    // "W: Working Time; only visible if the order has been placed on the book."
    ...(working ? { W: order.createdAt } : {}),
    V: order.selfTradePreventionMode,
  };
  if (execution.type === 'EXPIRED') report.eR = expiryReason(order);
  return report;
}

function accountPosition(account: string, assets: readonly string[], at: number, view: UserDataView): OutboundAccountPosition {
  return {
    e: 'outboundAccountPosition',
    E: at,
    u: at,
    B: assets.map((asset) => {
      const { free, locked } = view.balance(account, asset);
      return { a: asset, f: formatBinance(free), l: formatBinance(locked) };
    }),
  };
}
