/**
 * The model the fast-check commands drive: one order machine per order plus two ledger machines,
 * kept as two views of the same account.
 * - `truth`: what the venue holds. Every fill and cancel applies at once.
 * - `known`: what the adapter must hold, following src/exchange/contract.ts: `place` reserves at
 *   once (accept) and learns fills taken on arrival (the command calls `syncOrder` after those
 *   fills); `cancel` and `fetchOrder` bring one order and its share of the ledger up to the truth
 *   (`syncOrder`); `reconcile` brings all of them (`syncAll`); fetches that only report change
 *   nothing. Fills and cancels the adapter has not heard of wait per order, in venue order, and
 *   reach the known ledger as the very same ledger events when that order is synced.
 *
 * Venue rules, also implemented by the venue engine. A buy of `amount` at limit L reserves
 * amount × L quote; a sell reserves amount base. A fill of q at p settles
 *   buy:  locked quote −= q × L, free quote += q × (L − p), free base += q − commission;
 *   sell: locked base −= q, free quote += q × p − commission.
 * A cancel releases remaining × L quote (buy) or remaining base (sell); so does an expiry (the
 * unfilled rest of an IOC, FOK or MARKET order). A MARKET buy reserves exactly the quote its
 * planned fills cost and each fill spends its own q × p from it; a MARKET sell reserves its
 * quantity (see `OrderKind`).
 *
 * The model refuses what cannot happen (a fill above remaining, an overdraft, a duplicate id)
 * by throwing `ModelMisuseError`: that is a bug in the command asking, never a verdict on the
 * adapter. Commands check `canAfford`, `order(...)` and friends in their preconditions.
 */
import { createActor, transition, type Actor } from 'xstate';
import { Decimal, ZERO, dec, formatDecimal, type DecimalInput } from '../src/domain/decimal';
import type { Balances } from '../src/domain/balance';
import { deepFreeze } from '../src/domain/deep-freeze';
import type { Market } from '../src/domain/market';
import type { OrderView, Side } from '../src/domain/order';
import { orderMachine, orderViewOf, receivedAsset, type OrderEvent, type OrderViewMeta } from './order-machine';
import { balancesOf, feesPaidOf, ledgerMachine, whyLedgerRefuses, type LedgerEvent, type LedgerMove } from './ledger-machine';
import { reserveOf } from './order-rules';
import { refusalKey, type TransitionRecorder } from './transition-coverage';

export type ModelView = 'truth' | 'known';
export type LiquidityRole = 'maker' | 'taker';

/** Commissions are charged on what is received and rounded down to this many decimals. */
export const COMMISSION_DECIMALS = 8;
export const DEFAULT_FEE_RATES = { maker: '0.001', taker: '0.001' } as const;

export interface TradingModelOptions {
  markets: readonly Market[];
  coverage: TransitionRecorder;
  feeRates?: { maker: string; taker: string } | undefined;
}

/**
 * How an order reserves and what bounds its fills: `limit` (every LIMIT and LIMIT_MAKER order,
 * the default) reserves at its limit price; `market` and `market_cost` (MARKET by quantity and by
 * quote quantity) have price 0, no limit, and reserve what the venue locks for them: a buy the
 * cost of the fills it was planned to take (`reserve`), a sell its quantity.
 */
export type OrderKind = 'limit' | 'market' | 'market_cost';

export interface OrderPlacement {
  clientOrderId: string;
  symbol: string;
  side: Side;
  price: string;
  amount: string;
  kind?: OrderKind | undefined;
}

export interface AcceptedOrder extends OrderPlacement {
  venueOrderId: string;
  /** A MARKET buy's reserve: the quote its fills cost (the venue locks exactly that). */
  reserve?: string | undefined;
}

export interface ModelFill {
  tradeId: string;
  price: string;
  quantity: string;
  commission: { asset: string; amount: string };
  role: LiquidityRole;
}

export class ModelMisuseError extends Error {
  constructor(message: string) {
    super(`model refused: ${message} (a command's precondition is missing)`);
    this.name = 'ModelMisuseError';
  }
}

interface TrackedOrder {
  meta: OrderViewMeta;
  actor: Actor<typeof orderMachine>;
  /** Undefined while the adapter does not know the order (its placement's outcome was lost). */
  known: OrderView | undefined;
  fills: ModelFill[];
  /** Ledger events the venue applied for this order that the adapter has not learned yet. */
  unknownToAdapter: LedgerMove[];
  /** What the order still holds locked at the venue; released when it ends. */
  reserved: Decimal;
  /** Placed by another instance of the adapter on the account (X2): never in this one's view. */
  foreign?: boolean | undefined;
  /** The last truth view made, with the machine state it was made from (truthView). */
  truth?: { snapshot: unknown; view: OrderView } | undefined;
}

const OPEN_STATUSES: ReadonlySet<string> = new Set(['open', 'partially_filled']);

export class TradingModel {
  /** The run's markets, in the venue's order: commands resolve their market draws against them. */
  readonly markets: readonly Market[];
  private readonly marketsBySymbol: ReadonlyMap<string, Market>;
  private readonly coverage: TransitionRecorder;
  private readonly feeRates: { maker: Decimal; taker: Decimal };
  private readonly ledgers = { truth: createActor(ledgerMachine).start(), known: createActor(ledgerMachine).start() };
  /** Each ledger state's balances, made once (balances()). */
  private readonly balancesBySnapshot = new WeakMap<object, Balances>();
  /** In placement order, so `orders()` lists them as they were placed. */
  private readonly tracked = new Map<string, TrackedOrder>();

  constructor(opts: TradingModelOptions) {
    this.markets = opts.markets;
    this.marketsBySymbol = new Map(opts.markets.map((market) => [market.symbol, market]));
    this.coverage = opts.coverage;
    const rates = opts.feeRates ?? DEFAULT_FEE_RATES;
    this.feeRates = { maker: dec(rates.maker), taker: dec(rates.taker) };
  }

  market(symbol: string): Market {
    const market = this.marketsBySymbol.get(symbol);
    if (market === undefined) throw new ModelMisuseError(`unknown market ${symbol}`);
    return market;
  }

  deposit(asset: string, amount: string): void {
    const event: LedgerEvent = { type: 'DEPOSIT', asset, amount: dec(amount) };
    this.sendLedger('truth', event);
    this.sendLedger('known', event);
  }

  /** What placing this order moves from free to locked. */
  reserveOf(order: Omit<OrderPlacement, 'clientOrderId'>): { asset: string; amount: Decimal } {
    return reserveOf(this.market(order.symbol), order.side, { price: dec(order.price), amount: dec(order.amount) });
  }

  /** What accepting this order locks: at the limit price, or what the venue locks for a MARKET order. */
  private reserveOnAccept(order: AcceptedOrder): { asset: string; amount: Decimal } {
    if ((order.kind ?? 'limit') === 'limit') return this.reserveOf(order);
    const market = this.market(order.symbol);
    if (order.side === 'sell') return { asset: market.base, amount: dec(order.amount) };
    if (order.reserve === undefined) throw new ModelMisuseError(`market buy ${order.clientOrderId} accepted without its reserve`);
    return { asset: market.quote, amount: dec(order.reserve) };
  }

  /** Whether `which` ledger has the free balance this order would reserve. */
  canAfford(which: ModelView, order: Omit<OrderPlacement, 'clientOrderId'>): boolean {
    return this.canReserve(which, this.reserveOf(order));
  }

  private canReserve(which: ModelView, reserve: { asset: string; amount: Decimal }): boolean {
    if (reserve.amount.isZero()) return true;
    return whyLedgerRefuses(this.ledgers[which].getSnapshot().context, { type: 'RESERVE', ...reserve }) === undefined;
  }

  /** The venue accepted the order: open at the venue and, reserve included, in the adapter. */
  accept(order: AcceptedOrder): void {
    this.assertUnusedClientOrderId(order.clientOrderId);
    const reserve = this.reserveOnAccept(order);
    for (const which of ['truth', 'known'] as const) {
      if (!this.canReserve(which, reserve)) throw new ModelMisuseError(`${which} ledger cannot reserve ${formatDecimal(reserve.amount)} ${reserve.asset} for ${order.clientOrderId}`);
    }
    const tracked = this.track(order, order.venueOrderId, 'ACCEPT');
    tracked.reserved = reserve.amount;
    this.sendReserve('truth', reserve);
    this.sendReserve('known', reserve);
  }

  /**
   * The venue accepted the order but `place` failed with its outcome unknown: reserved at the
   * venue now; the adapter learns the order (and its reserve) only when it syncs it, e.g. at
   * `reconcile` (invariant O3).
   */
  acceptUnknown(order: AcceptedOrder): void {
    const reserve = this.reserveOnAccept(order);
    if (!this.canReserve('truth', reserve)) throw new ModelMisuseError(`truth ledger cannot reserve ${formatDecimal(reserve.amount)} ${reserve.asset} for ${order.clientOrderId}`);
    const tracked = this.track(order, order.venueOrderId, 'ACCEPT');
    tracked.known = undefined;
    tracked.reserved = reserve.amount;
    if (reserve.amount.isZero()) return;
    const event: LedgerMove = { type: 'RESERVE', ...reserve };
    this.sendLedger('truth', event);
    tracked.unknownToAdapter.push(event);
  }

  /**
   * Another instance of the adapter on the same account placed this order (X2): the venue holds
   * it and its reserve, and the adapter under test never adopts it. Its ledger moves reach the
   * adapter's ledger when it reconciles (`syncAll`, balances are the account's); the order never
   * reaches its view.
   */
  acceptForeign(order: AcceptedOrder): void {
    this.acceptUnknown(order);
    this.trackedOrder(order.clientOrderId).foreign = true;
  }

  /** Whether another instance of the adapter placed this order (`acceptForeign`). */
  isForeign(clientOrderId: string): boolean {
    return this.tracked.get(clientOrderId)?.foreign === true;
  }

  /** Whether the adapter knows this order (false after a placement whose outcome it lost). */
  isKnownToAdapter(clientOrderId: string): boolean {
    return this.trackedOrder(clientOrderId).known !== undefined;
  }

  /** The venue rejected the order: nothing reserved, and the adapter knows at once. */
  reject(order: OrderPlacement): void {
    this.track(order, undefined, 'REJECT');
  }

  /** A trade at the venue: applies to the truth now, to the adapter's view when it syncs. */
  fill(clientOrderId: string, fill: ModelFill): void {
    const tracked = this.trackedOrder(clientOrderId);
    const { side, price: limit } = tracked.actor.getSnapshot().context;
    const quantity = dec(fill.quantity);
    const price = dec(fill.price);
    const commission = dec(fill.commission.amount);
    const feeAsset = receivedAsset(side, tracked.meta);
    if (fill.commission.asset !== feeAsset) throw new ModelMisuseError(`commission of ${clientOrderId} in ${fill.commission.asset}, not the received ${feeAsset}`);
    if (tracked.fills.some((known) => known.tradeId === fill.tradeId)) throw new ModelMisuseError(`trade ${fill.tradeId} already filled ${clientOrderId}`);

    this.sendOrder(tracked.actor, tracked.meta, { type: 'FILL', quantity, price, commission });
    // A MARKET buy locked exactly what its fills cost: each spends its own quote, nothing comes back.
    const lockedPrice = tracked.actor.getSnapshot().context.limited ? limit : price;
    const settle: LedgerMove =
      side === 'buy'
        ? {
            type: 'SETTLE',
            spendAsset: tracked.meta.quote,
            spendFromLocked: quantity.times(lockedPrice),
            refundToFree: quantity.times(lockedPrice.minus(price)),
            receiveAsset: tracked.meta.base,
            receiveAmount: quantity,
            commission,
          }
        : {
            type: 'SETTLE',
            spendAsset: tracked.meta.base,
            spendFromLocked: quantity,
            refundToFree: ZERO,
            receiveAsset: tracked.meta.quote,
            receiveAmount: quantity.times(price),
            commission,
          };
    this.sendLedger('truth', settle);
    tracked.reserved = tracked.reserved.minus(settle.spendFromLocked);
    tracked.fills.push(fill);
    tracked.unknownToAdapter.push(settle);
  }

  /** The venue canceled the order: what stays reserved returns to free. */
  cancel(clientOrderId: string): void {
    this.end(clientOrderId, 'CANCEL');
  }

  /** The venue expired the order (IOC, FOK, MARKET leftovers): what stays reserved returns to free. */
  expire(clientOrderId: string): void {
    this.end(clientOrderId, 'EXPIRE');
  }

  private end(clientOrderId: string, event: 'CANCEL' | 'EXPIRE'): void {
    const tracked = this.trackedOrder(clientOrderId);
    this.sendOrder(tracked.actor, tracked.meta, { type: event });
    const { side } = tracked.actor.getSnapshot().context;
    const amount = tracked.reserved;
    tracked.reserved = ZERO;
    if (amount.isZero()) return;
    const release: LedgerMove = { type: 'RELEASE', asset: side === 'buy' ? tracked.meta.quote : tracked.meta.base, amount };
    this.sendLedger('truth', release);
    tracked.unknownToAdapter.push(release);
  }

  /**
   * The venue answered a cancel of this order with an error (-2011) because the order had
   * already ended: the order machine's refusal of CANCEL in a terminal state, taken as an
   * answer. The machine itself decides (a pure `transition` on a copy, the order is untouched),
   * so an order the machine would cancel cannot be passed off as refused; coverage counts it.
   */
  cancelRefused(clientOrderId: string): void {
    const tracked = this.trackedOrder(clientOrderId);
    const before = tracked.actor.getSnapshot();
    const event: OrderEvent = { type: 'CANCEL' };
    const [after] = transition(orderMachine, before, event);
    const refused = refusalKey('order', String(before.value), event.type);
    if (this.coverage.record('order', before, event, after) !== refused) {
      throw new ModelMisuseError(`order ${clientOrderId}: a cancel of a ${String(before.value)} order is not refused`);
    }
  }

  /** The adapter learned this order's truth (place's answer, cancel, fetchOrder). */
  syncOrder(clientOrderId: string): void {
    this.syncOrders([clientOrderId]);
  }

  /**
   * The adapter learned these orders' truth at once (the answers of calls that were in flight
   * together): their moves reach its ledger as one LEARN, judged where they land, since the venue
   * may have released one order's funds before it reserved them for another.
   */
  syncOrders(clientOrderIds: readonly string[]): void {
    const tracked = clientOrderIds.map((id) => this.trackedOrder(id));
    const moves = tracked.flatMap((order) => order.unknownToAdapter);
    if (moves.length > 0) this.sendLedger('known', { type: 'LEARN', moves });
    for (const order of tracked) {
      order.unknownToAdapter = [];
      if (order.foreign !== true) order.known = this.truthView(order);
    }
  }

  /** The adapter reconciled: every order and the ledger equal the truth. */
  syncAll(): void {
    this.syncOrders([...this.tracked.keys()]);
  }

  /**
   * The adapter was restarted on its store (contract.ts, Restarts): its local view is rebuilt
   * from what it persisted (every order it tracked with the trade ids it applied, every intent
   * whose POST may have landed) and its first venue call brings all of it to the truth. So what
   * must survive is everything: every order the venue accepted for the run's intents, known
   * ones and those whose placement answer never came, each fill once, and the account's
   * balances. A restart is a reconcile the adapter owes itself.
   */
  restart(): void {
    this.syncAll();
  }

  /** Whether the venue holds changes to this order the adapter has not learned. */
  isOutOfSync(clientOrderId: string): boolean {
    return this.trackedOrder(clientOrderId).unknownToAdapter.length > 0;
  }

  hasOrder(clientOrderId: string): boolean {
    return this.tracked.has(clientOrderId);
  }

  order(clientOrderId: string, which: ModelView): OrderView | undefined {
    const tracked = this.tracked.get(clientOrderId);
    if (tracked === undefined) return undefined;
    return which === 'truth' ? this.truthView(tracked) : tracked.known;
  }

  /**
   * Every order the venue holds (truth) or the adapter placed (known), in placement order.
   * Rejected orders are left out: Binance answers a rejection with an error and no order, so
   * neither side holds one. `order(id, which)` still shows them.
   */
  orders(which: ModelView): OrderView[] {
    const views: OrderView[] = [];
    for (const clientOrderId of this.tracked.keys()) {
      const view = this.order(clientOrderId, which);
      if (view !== undefined && view.status !== 'rejected') views.push(view);
    }
    return views;
  }

  /** Orders still open or partially filled in `which` view, optionally of one market. */
  openOrders(symbol?: string, which: ModelView = 'truth'): OrderView[] {
    return this.orders(which).filter((view) => OPEN_STATUSES.has(view.status) && (symbol === undefined || view.symbol === symbol));
  }

  fills(clientOrderId: string): readonly ModelFill[] {
    return this.trackedOrder(clientOrderId).fills;
  }

  balances(which: ModelView): Balances {
    const snapshot = this.ledgers[which].getSnapshot();
    const known = this.balancesBySnapshot.get(snapshot);
    if (known !== undefined) return known;
    const balances = deepFreeze(balancesOf(snapshot));
    this.balancesBySnapshot.set(snapshot, balances);
    return balances;
  }

  feesPaid(which: ModelView): Record<string, string> {
    return feesPaidOf(this.ledgers[which].getSnapshot());
  }

  /** Per asset, what the open orders of `which` view keep locked (invariant L3), canonical. */
  reservedByOpenOrders(which: ModelView): Record<string, string> {
    const reserved = new Map<string, Decimal>();
    for (const view of this.openOrders(undefined, which)) {
      const reserve = this.reserveOf({ ...view, amount: view.remaining });
      reserved.set(reserve.asset, (reserved.get(reserve.asset) ?? ZERO).plus(reserve.amount));
    }
    return Object.fromEntries([...reserved].map(([asset, amount]) => [asset, formatDecimal(amount)]));
  }

  /** The commission on a fill: received × rate, rounded down to 8 decimals, in the received asset. */
  expectedCommission(market: Market, side: Side, quantity: DecimalInput, price: DecimalInput, role: LiquidityRole): Decimal {
    // `market` only names where the fill happened: the fee rates are account-wide, as on Binance's default tier.
    const received = side === 'buy' ? dec(quantity) : dec(quantity).times(dec(price));
    return received.times(this.feeRates[role]).toDecimalPlaces(COMMISSION_DECIMALS, Decimal.ROUND_DOWN);
  }

  /** Creates the order's machine and moves it out of `new` (accepted or rejected). */
  private track(order: OrderPlacement, venueOrderId: string | undefined, decision: 'ACCEPT' | 'REJECT'): TrackedOrder {
    this.assertUnusedClientOrderId(order.clientOrderId);
    const market = this.market(order.symbol);
    const kind = order.kind ?? 'limit';
    const actor = createActor(orderMachine, { input: { side: order.side, price: dec(order.price), amount: dec(order.amount), limited: kind === 'limit', byQuote: kind === 'market_cost' } }).start();
    const meta: OrderViewMeta = { clientOrderId: order.clientOrderId, venueOrderId, symbol: market.symbol, base: market.base, quote: market.quote };
    this.sendOrder(actor, meta, { type: decision });
    const tracked: TrackedOrder = { meta, actor, known: orderViewOf(actor.getSnapshot(), meta), fills: [], unknownToAdapter: [], reserved: ZERO };
    this.tracked.set(order.clientOrderId, tracked);
    return tracked;
  }

  private assertUnusedClientOrderId(clientOrderId: string): void {
    if (this.tracked.has(clientOrderId)) throw new ModelMisuseError(`client order id ${clientOrderId} is already in use`);
  }

  private trackedOrder(clientOrderId: string): TrackedOrder {
    const tracked = this.tracked.get(clientOrderId);
    if (tracked === undefined) throw new ModelMisuseError(`no order ${clientOrderId}`);
    return tracked;
  }

  /**
   * The order as the venue holds it, made once per state of its machine: the invariants, the
   * trace and the commands read every order's view several times a step, and a view is frozen
   * so that no reader can change what the next one reads.
   */
  private truthView(tracked: TrackedOrder): OrderView {
    const snapshot = tracked.actor.getSnapshot();
    if (tracked.truth?.snapshot === snapshot) return tracked.truth.view;
    const view = deepFreeze(orderViewOf(snapshot, tracked.meta));
    tracked.truth = { snapshot, view };
    return view;
  }

  private sendReserve(which: ModelView, reserve: { asset: string; amount: Decimal }): void {
    if (!reserve.amount.isZero()) this.sendLedger(which, { type: 'RESERVE', ...reserve });
  }

  private sendOrder(actor: Actor<typeof orderMachine>, meta: OrderViewMeta, event: OrderEvent): void {
    const violationsBefore = actor.getSnapshot().context.violations.length;
    this.coverage.send('order', actor, event);
    const violation = actor.getSnapshot().context.violations[violationsBefore];
    if (violation !== undefined) throw new ModelMisuseError(`order ${meta.clientOrderId}: ${violation.reason}`);
  }

  private sendLedger(which: ModelView, event: LedgerEvent): void {
    const ledger = this.ledgers[which];
    const violationsBefore = ledger.getSnapshot().context.violations.length;
    this.coverage.send('ledger', ledger, event);
    const violation = ledger.getSnapshot().context.violations[violationsBefore];
    if (violation !== undefined) throw new ModelMisuseError(`${which} ledger: ${violation.reason}`);
  }
}
