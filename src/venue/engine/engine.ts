import { ZERO, type Decimal } from '../../domain/decimal';
import type { Market } from '../../domain/market';
import type { Side } from '../../domain/order';
import { Ledger } from './accounts';
import { OrderBook } from './book';
import { EventLog } from './event-log';
import { planMatch, type MatchPlan, type PlannedFill } from './matching';
import { isOpen, newOrder, reservedAsset, toSnapshot, type NewOrderFields, type VenueOrder } from './order';
import { admitOrder, type OrderInput } from './order-entry';
import { REJECTIONS, type RejectReason } from './rejections';
import { DEFAULT_SELF_TRADE_PREVENTION_MODE, type SelfTradePreventionMode } from './self-trade-prevention';
import { releaseRemainingReserve, settleFillSide } from './settlement';
import { toVenueFill, type Trade } from './trade';
import type { VenueEvent } from '../types';

export interface EngineSettings {
  markets: readonly Market[];
  makerRate: Decimal;
  takerRate: Decimal;
  now: () => number;
}

export type EngineResult<T> = { ok: true; value: T } | { ok: false; reason: RejectReason };

export interface Execution {
  order: VenueOrder;
  trades: Trade[];
}

/** A resting GTC limit order (the control API's other traders, and tests). */
export interface LimitOrderInput {
  account: string;
  market: Market;
  side: Side;
  price: Decimal;
  quantity: Decimal;
  clientOrderId: string;
  /** The venue's default (NONE, see self-trade-prevention.ts) when absent. */
  selfTradePreventionMode?: SelfTradePreventionMode | undefined;
}

/** Like OrderInput, with the venue's default self-trade prevention mode when none is given. */
export type NewOrderInput = Omit<OrderInput, 'selfTradePreventionMode'> & { selfTradePreventionMode?: SelfTradePreventionMode | undefined };

export interface SweepInput {
  account: string;
  market: Market;
  side: Side;
  quantity: Decimal;
  limitPrice: Decimal | undefined;
  clientOrderId: string;
  /** NONE when absent: a sweep is another trader of the control API's 'external' account. */
  selfTradePreventionMode?: SelfTradePreventionMode | undefined;
}

/** Binance looks an order up by orderId first, then checks origClientOrderId against it. */
export interface OrderRef {
  orderId?: number | undefined;
  clientOrderId?: string | undefined;
}

/**
 * The matching engine: accounts, one price-time book per symbol, orders and trades. Every state
 * change is appended to the event log. No I/O: time comes from `settings.now`.
 */
export class MatchingEngine {
  readonly ledger = new Ledger();
  readonly log: EventLog;
  private readonly books = new Map<string, OrderBook>();
  private readonly orders: VenueOrder[] = [];
  private readonly latestByClientId = new Map<string, VenueOrder>();
  private readonly trades: Trade[] = [];
  /** Last trade price per symbol: the reference price of MARKET orders' NOTIONAL check. */
  private readonly lastPrices = new Map<string, Decimal>();

  constructor(private readonly settings: EngineSettings) {
    this.log = new EventLog(settings.now);
    for (const market of settings.markets) this.books.set(market.id, new OrderBook());
  }

  openAccount(account: string): void {
    this.ledger.open(account);
    this.log.append({ type: 'account_created', account });
  }

  deposit(account: string, asset: string, amount: Decimal): void {
    this.ledger.deposit(account, asset, amount);
    this.log.append({ type: 'deposit', account, asset, amount: amount.toFixed() });
  }

  /** A LIMIT GTC order: checked, reserved, matched as taker, the rest rests on the book. */
  placeLimit(input: LimitOrderInput): EngineResult<Execution> {
    return this.placeOrder({ ...input, type: 'LIMIT', timeInForce: 'GTC' });
  }

  /**
   * Any order type: admitted by Binance's checks (order-entry.ts), reserved, matched as taker.
   * GTC rests; IOC and MARKET expire their rest; FOK expires unfilled unless it fills at once.
   */
  placeOrder(input: NewOrderInput): EngineResult<Execution> {
    const selfTradePreventionMode = input.selfTradePreventionMode ?? DEFAULT_SELF_TRADE_PREVENTION_MODE;
    const book = this.bookOf(input.market);
    const previous = this.latestByClientId.get(clientKey(input.account, input.clientOrderId));
    const admission = admitOrder(
      { ...input, selfTradePreventionMode },
      {
        book,
        free: (asset) => this.ledger.free(input.account, asset),
        lastTradePrice: this.lastPrices.get(input.market.id),
        // Binance: newClientOrderId must be unique among the account's open orders.
        duplicateClientOrderId: previous !== undefined && isOpen(previous),
      },
    );
    if (!admission.ok) {
      const { code, msg } = REJECTIONS[admission.reason];
      this.log.append({ type: 'order_rejected', account: input.account, clientOrderId: input.clientOrderId, code, reason: msg });
      return { ok: false, reason: admission.reason };
    }
    const order = this.accept(admission.fields);
    if (admission.fillOrKillFails) {
      // Binance FOK: accepted, then EXPIRED with nothing filled; no maker is touched.
      this.expire(order, 'EXPIRED', 'time_in_force');
      return { ok: true, value: { order, trades: [] } };
    }
    return { ok: true, value: this.execute(order, admission.plan) };
  }

  /** The fills an IOC sweep would get now; the control API funds the sweeper from this. */
  planSweep(market: Market, side: Side, quantity: Decimal, limitPrice: Decimal | undefined): PlannedFill[] {
    return this.planOfSweep({ account: EXTERNAL_SWEEP_ACCOUNT, market, side, quantity, limitPrice, clientOrderId: '' }).fills;
  }

  /**
   * An IOC taker (Binance: the unfilled rest EXPIRES). It reserves exactly what the planned fills
   * use, so the caller must have funded that; a shortfall here is a bug and throws.
   */
  sweep(input: SweepInput): Execution {
    const plan = this.planOfSweep(input);
    const order = this.accept({
      account: input.account,
      market: input.market,
      side: input.side,
      clientOrderId: input.clientOrderId,
      type: input.limitPrice === undefined ? 'MARKET' : 'LIMIT',
      timeInForce: input.limitPrice === undefined ? 'GTC' : 'IOC',
      price: input.limitPrice ?? ZERO,
      quantity: input.quantity,
      quoteOrderQty: ZERO,
      selfTradePreventionMode: input.selfTradePreventionMode ?? 'NONE',
      reserved: input.side === 'buy' ? plan.quote : plan.filled,
      reservesAtLimit: false,
    });
    return this.execute(order, plan);
  }

  cancel(account: string, market: Market, ref: OrderRef): EngineResult<VenueOrder> {
    const order = this.findOrder(account, market, ref);
    if (order === undefined || !isOpen(order)) return { ok: false, reason: 'CANCEL_UNKNOWN_ORDER' };
    this.bookOf(market).remove(order);
    releaseRemainingReserve(this.ledger, order);
    order.status = 'CANCELED';
    order.updatedAt = this.settings.now();
    this.log.append({ type: 'order_canceled', order: toSnapshot(order) });
    return { ok: true, value: order };
  }

  findOrder(account: string, market: Market, ref: OrderRef): VenueOrder | undefined {
    const order = ref.orderId !== undefined ? this.orders[ref.orderId - 1] : this.latestByClientId.get(clientKey(account, ref.clientOrderId ?? ''));
    if (order === undefined || order.account !== account || order.market.id !== market.id) return undefined;
    if (ref.clientOrderId !== undefined && order.clientOrderId !== ref.clientOrderId) return undefined;
    return order;
  }

  /** Open orders of an account, oldest first (Binance's GET /api/v3/openOrders order). */
  openOrders(account: string, market?: Market): VenueOrder[] {
    return this.orders.filter((order) => order.account === account && isOpen(order) && (market === undefined || order.market.id === market.id));
  }

  ordersOf(account: string): VenueOrder[] {
    return this.orders.filter((order) => order.account === account);
  }

  tradesOf(market: Market): readonly Trade[] {
    return this.trades.filter((trade) => trade.market.id === market.id);
  }

  bookOf(market: Market): OrderBook {
    const book = this.books.get(market.id);
    if (book === undefined) throw new Error(`no book for ${market.id}`);
    return book;
  }

  private accept(fields: Omit<NewOrderFields, 'orderId' | 'at'>): VenueOrder {
    const order = newOrder({
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
      orderId: this.orders.length + 1,
      at: this.settings.now(),
    });
    if (!this.ledger.reserveForOrder(order.account, reservedAsset(order.market, order.side), order.reserved)) {
      throw new Error(`account ${order.account} cannot fund order ${order.orderId}`);
    }
    this.orders.push(order);
    this.latestByClientId.set(clientKey(order.account, order.clientOrderId), order);
    this.log.append({ type: 'order_accepted', order: toSnapshot(order) });
    return order;
  }

  private planOfSweep(input: SweepInput): MatchPlan {
    return planMatch(this.bookOf(input.market), {
      takerAccount: input.account,
      takerSide: input.side,
      selfTradePreventionMode: input.selfTradePreventionMode ?? 'NONE',
      limitPrice: input.limitPrice,
      quantity: input.quantity,
    });
  }

  /** Applies a plan in book order: fills settle, prevented matches expire; then the taker's rest. */
  private execute(taker: VenueOrder, plan: MatchPlan): Execution {
    const trades: Trade[] = [];
    const book = this.bookOf(taker.market);
    for (const step of plan.steps) {
      if (step.kind === 'prevented') {
        if (step.expireMaker) {
          book.remove(step.maker);
          this.expire(step.maker, 'EXPIRED_IN_MATCH', 'self_trade_prevention');
        }
        continue;
      }
      const { maker, quantity, price } = step;
      const at = this.settings.now();
      const makerCommission = settleFillSide(this.ledger, maker, quantity, price, this.settings.makerRate, at);
      const takerCommission = settleFillSide(this.ledger, taker, quantity, price, this.settings.takerRate, at);
      const trade: Trade = { id: this.trades.length + 1, market: taker.market, price, quantity, quoteQuantity: quantity.times(price), maker, taker, makerCommission, takerCommission, at };
      this.trades.push(trade);
      trades.push(trade);
      this.lastPrices.set(taker.market.id, price);
      if (!isOpen(maker)) book.remove(maker);
      this.log.append({ type: 'trade', fill: toVenueFill(trade) });
    }
    if (plan.takerExpiredInMatch && isOpen(taker)) this.expire(taker, 'EXPIRED_IN_MATCH', 'self_trade_prevention');
    else if (plan.budgetUnspent) this.expire(taker, 'EXPIRED', 'time_in_force');
    else if (isOpen(taker)) {
      if (taker.timeInForce === 'GTC' && taker.type !== 'MARKET') book.add(taker);
      else this.expire(taker, 'EXPIRED', 'time_in_force');
    }
    return { order: taker, trades };
  }

  /** Ends an order that is not (or no longer) on the book, releasing what it still holds. */
  private expire(order: VenueOrder, status: 'EXPIRED' | 'EXPIRED_IN_MATCH', reason: ExpiryReason): void {
    releaseRemainingReserve(this.ledger, order);
    order.status = status;
    order.updatedAt = this.settings.now();
    this.log.append({ type: 'order_expired', order: toSnapshot(order), reason });
  }
}

/** Planning a sweep needs an account only for self-trade prevention, which is NONE for sweeps. */
const EXTERNAL_SWEEP_ACCOUNT = '';

type ExpiryReason = Extract<VenueEvent, { type: 'order_expired' }>['reason'];

function clientKey(account: string, clientOrderId: string): string {
  return `${account}\u0000${clientOrderId}`;
}
