import { ZERO, type Decimal } from '../../domain/decimal';
import type { Market } from '../../domain/market';
import type { Side } from '../../domain/order';
import { Ledger } from './accounts';
import { OrderBook } from './book';
import { EventLog } from './event-log';
import { violatedFilter } from './filters';
import { planFills, type PlannedFill } from './matching';
import { isOpen, newOrder, remainingOf, reservedAsset, toSnapshot, type NewOrderFields, type VenueOrder } from './order';
import { REJECTIONS, type RejectReason } from './rejections';
import { releaseRemainingReserve, settleFillSide } from './settlement';
import { toVenueFill, type Trade } from './trade';

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

export interface LimitOrderInput {
  account: string;
  market: Market;
  side: Side;
  price: Decimal;
  quantity: Decimal;
  clientOrderId: string;
}

export interface SweepInput {
  account: string;
  market: Market;
  side: Side;
  quantity: Decimal;
  limitPrice: Decimal | undefined;
  clientOrderId: string;
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
    const reason = this.refusalOf(input);
    if (reason !== undefined) {
      const { code, msg } = REJECTIONS[reason];
      this.log.append({ type: 'order_rejected', account: input.account, clientOrderId: input.clientOrderId, code, reason: msg });
      return { ok: false, reason };
    }
    const order = this.accept({ ...input, type: 'LIMIT', timeInForce: 'GTC', reserved: reserveFor(input.side, input.price, input.quantity), reservesAtLimit: true });
    return { ok: true, value: this.match(order, planFills(this.bookOf(input.market), input.side, input.quantity, input.price)) };
  }

  /** The fills an IOC sweep would get now; the control API funds the sweeper from this. */
  planSweep(market: Market, side: Side, quantity: Decimal, limitPrice: Decimal | undefined): PlannedFill[] {
    return planFills(this.bookOf(market), side, quantity, limitPrice);
  }

  /**
   * An IOC taker (Binance: the unfilled rest EXPIRES). It reserves exactly what the planned fills
   * use, so the caller must have funded that; a shortfall here is a bug and throws.
   */
  sweep(input: SweepInput): Execution {
    const planned = this.planSweep(input.market, input.side, input.quantity, input.limitPrice);
    const reserved = planned.reduce((sum, fill) => sum.plus(input.side === 'buy' ? fill.quantity.times(fill.price) : fill.quantity), ZERO);
    const order = this.accept({
      ...input,
      type: input.limitPrice === undefined ? 'MARKET' : 'LIMIT',
      timeInForce: 'IOC',
      price: input.limitPrice ?? ZERO,
      reserved,
      reservesAtLimit: false,
    });
    return this.match(order, planned);
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

  private refusalOf(input: LimitOrderInput): RejectReason | undefined {
    const filter = violatedFilter(input.market, input.price, input.quantity);
    if (filter !== undefined) return filter;
    // Binance: newClientOrderId must be unique among the account's open orders.
    const previous = this.latestByClientId.get(clientKey(input.account, input.clientOrderId));
    if (previous !== undefined && isOpen(previous)) return 'DUPLICATE_ORDER';
    const asset = reservedAsset(input.market, input.side);
    if (this.ledger.free(input.account, asset).lt(reserveFor(input.side, input.price, input.quantity))) return 'INSUFFICIENT_BALANCE';
    return undefined;
  }

  private accept(fields: Omit<NewOrderFields, 'orderId' | 'at'>): VenueOrder {
    const order = newOrder({ ...fields, orderId: this.orders.length + 1, at: this.settings.now() });
    if (!this.ledger.reserveForOrder(order.account, reservedAsset(order.market, order.side), order.reserved)) {
      throw new Error(`account ${order.account} cannot fund order ${order.orderId}`);
    }
    this.orders.push(order);
    this.latestByClientId.set(clientKey(order.account, order.clientOrderId), order);
    this.log.append({ type: 'order_accepted', order: toSnapshot(order) });
    return order;
  }

  private match(taker: VenueOrder, planned: readonly PlannedFill[]): Execution {
    const trades: Trade[] = [];
    const book = this.bookOf(taker.market);
    for (const { maker, quantity, price } of planned) {
      const at = this.settings.now();
      const makerCommission = settleFillSide(this.ledger, maker, quantity, price, this.settings.makerRate, at);
      const takerCommission = settleFillSide(this.ledger, taker, quantity, price, this.settings.takerRate, at);
      const trade: Trade = { id: this.trades.length + 1, market: taker.market, price, quantity, quoteQuantity: quantity.times(price), maker, taker, makerCommission, takerCommission, at };
      this.trades.push(trade);
      trades.push(trade);
      if (!isOpen(maker)) book.remove(maker);
      this.log.append({ type: 'trade', fill: toVenueFill(trade) });
    }
    if (remainingOf(taker).gt(0)) {
      if (taker.timeInForce === 'GTC') {
        book.add(taker);
      } else {
        releaseRemainingReserve(this.ledger, taker);
        taker.status = 'EXPIRED';
        taker.updatedAt = this.settings.now();
        this.log.append({ type: 'order_expired', order: toSnapshot(taker) });
      }
    }
    return { order: taker, trades };
  }
}

function reserveFor(side: Side, price: Decimal, quantity: Decimal): Decimal {
  return side === 'buy' ? quantity.times(price) : quantity;
}

function clientKey(account: string, clientOrderId: string): string {
  return `${account}\u0000${clientOrderId}`;
}
