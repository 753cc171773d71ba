import type { Clock } from '../clock/clock';
import type { Balances } from '../domain/balance';
import { ZERO, dec, sumDecimals } from '../domain/decimal';
import { DuplicateOrderError, FilterViolationError, MalformedResponseError, OrderNotFoundError, OrderRejectedError, StateCorruptError, TransportRefusedError } from '../domain/errors';
import type { Market } from '../domain/market';
import { OrderIntentSchema, TERMINAL_STATUSES, type LimitOrderIntent, type OrderIntent, type OrderStatus, type OrderView, type Trade } from '../domain/order';
import { asCcxtAmount } from './binance-client';
import { executionReportSymbol, parseAccountBalances, parseAccountTrades, parseExecutionReport, parseMarket, parseOrderResponse, parseOrderTrades, type ParsedOrder } from './binance-responses';
import type { AcceptConnection } from '../venue/stream/socket';
import { createInProcessWebSocket } from '../venue/transport/in-process-ws';
import { createBinanceProClient, type BinanceProClient } from './binance-pro-client';
import { binanceUserData } from './binance-user-data';
import type { Health } from './telemetry';
import { UserDataStream, type UserDataConnection } from './user-data-stream';
import { AdapterMemory, type IntentRecord } from './adapter-memory';
import { BalanceLedger, type LedgerOrder } from './balance-ledger';
import type { AdapterEnvironment, AdapterFactory, ExchangeAdapter, FetchLike, ReconcileReport, RetainedState, StreamStatus } from './contract';
import { OrderTracker, orderStatusOf, statusMayMove, type OrderFill, type TrackedOrderRecord } from './order-tracker';
import { DEFAULT_PLACEMENT_POLICY, READ_LAG_BOUND_MS, newPlacementState, placeExactlyOnce, resolveByLookup, type PlacementPolicy, type PlacementState } from './placement';
import { answerMatchesRequest, ccxtArgumentsOf, describeRequest, prepareOrderRequest } from './order-request';
import { OperationGate } from './operation-gate';
import { roundOrder, type RoundedOrder } from './precision';
import { ROUTES } from './venue-calls';
import { VenueConnection, type VenueConnectionOptions } from './venue-connection';

/**
 * The reference adapter on the real `ccxt.binance`, following the contract's rules for the
 * local view (src/exchange/contract.ts). Every venue answer is parsed in full before the local
 * view changes, so a malformed one leaves it as it was.
 *
 * Balances: the first call that needs the venue (usually `loadMarkets`) loads the markets and
 * adopts the account's balances once; after that the ledger moves only by what the venue
 * confirms, until `reconcile` adopts the venue's again.
 *
 * Placement is exactly-once (placement.ts): an intent whose outcome stayed unknown is kept as
 * pending, and a later `place` of it or `reconcile` looks its client order id up.
 *
 * Restarts (contract.ts): with a store, pending intents and tracked orders (with their applied
 * trade ids) are written through to it (adapter-memory.ts) as they change; an adapter created
 * on a store with state tracks its orders at once and, on its first venue call, resumes its
 * intents and brings everything up to the venue before adopting the venue's balances.
 *
 * Requests, time sync, limiter, breaker, telemetry, health() and close() are VenueConnection's
 * (venue-connection.ts).
 *
 * Seeded-bug fixtures (properties/fixtures/adapters/) override one protected hook each: here
 * `roundToMarket`, `unseenTrades`, `statusMayMove`, `releaseUnfilledReserve`, `releaseExpiredReserve`,
 * `lookUpPlacement`, `placementInFlight`, `userDataConnection`, `resyncStream`, `guarded`, `forgetEndedOrders`,
 * `rememberIntent`, `restoredOrder`; VenueConnection's
 * `observeVenueResponse`, `recoverFromTimestampError`, `tapTransport`, `createBreaker`, `createLimiter`.
 */
/** Cancels and the reads that complete them pass an open breaker (venue-calls.ts). */
const CANCEL_OPERATION = { passesBreaker: true } as const;

/** Binance's myTrades maximum page (default 500): one order's trades in one request, and the page size of an account's. */
const MY_TRADES_LIMIT = 1000;

/** Which path brought a venue answer: a REST call's own answer, or a user-data stream event. */
export type AnswerSource = 'rest' | 'stream';

/** The calls that pass the operation gate: `stream` is a stream report or a resync after a reconnect. */
export type GuardedCall = 'place' | 'cancel' | 'fetchOrder' | 'cancelAll' | 'reconcile' | 'stream';

export interface PendingPlacement {
  market: Market;
  state: PlacementState;
}

export class ReferenceAdapter extends VenueConnection implements ExchangeAdapter {
  protected readonly tracker = new OrderTracker();
  protected readonly ledger = new BalanceLedger();
  protected readonly placementPolicy: PlacementPolicy = DEFAULT_PLACEMENT_POLICY;
  /** Intents sent whose outcome is still unknown, by client order id. */
  private readonly pending = new Map<string, PendingPlacement>();
  private readonly gate = new OperationGate();
  /** Places in flight by client order id: the intent as text, and the answer every caller of it gets. */
  private readonly placing = new Map<string, { intent: string; answer: Promise<OrderView> }>();
  private loaded: Promise<ReadonlyMap<string, Market>> | undefined;
  /** The user-data stream, when the environment offers one; started once the markets are loaded. */
  private readonly stream: UserDataStream | undefined;
  /** What a restart must not lose, written through to the environment's store. */
  protected readonly memory: AdapterMemory;

  constructor(env: AdapterEnvironment, options?: VenueConnectionOptions) {
    super(env, options);
    this.stream = env.userDataStream === undefined ? undefined : this.createUserDataStream(env, env.userDataStream.endpoint);
    this.memory = new AdapterMemory(env.store);
    // Orders at once, so orders() shows them before any call; intents need the markets (loadMarketsAndBalances).
    for (const record of this.memory.orders()) this.tracker.restore(this.restoredOrder(record));
  }

  async loadMarkets(): Promise<readonly Market[]> {
    return [...(await this.ensureLoaded()).values()];
  }

  /**
   * One intent, one POST, however many callers send it at once: a place of an intent already in
   * flight shares the first one's answer (a retry of the caller's that the first may still
   * answer); another intent under that id is refused, nothing sent.
   */
  place(intent: OrderIntent): Promise<OrderView> {
    const id = intent.clientOrderId;
    const sameIntent = canonicalIntent(intent);
    const inFlight = this.placing.get(id);
    if (inFlight !== undefined) {
      return inFlight.intent === sameIntent ? inFlight.answer : Promise.reject(new DuplicateOrderError(`client order id ${id} is being placed for another intent; nothing was sent`));
    }
    const answer = this.placeAlone(intent).finally(() => this.placing.delete(id));
    this.placing.set(id, { intent: sameIntent, answer });
    return answer;
  }

  /** One caller's place of one intent, through the gate. */
  protected placeAlone(intent: OrderIntent): Promise<OrderView> {
    return this.guarded('place', () => this.inOperation(intent.clientOrderId, () => this.placeIntent(intent)));
  }

  private async placeIntent(intent: OrderIntent): Promise<OrderView> {
    const checked = OrderIntentSchema.safeParse(intent);
    if (!checked.success) throw new OrderRejectedError(`invalid order intent: ${checked.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')}; nothing was sent`);
    const market = await this.marketOf(intent.symbol);
    // Binance rejects a reused newClientOrderId only while the first order is open; refusing any
    // id this adapter already used keeps one intent to one venue order (invariant O4).
    if (this.tracker.has(intent.clientOrderId)) throw new DuplicateOrderError(`client order id ${intent.clientOrderId} was already placed; nothing was sent`);
    const request = prepareOrderRequest(market, checked.data, (limitMarket, limitIntent) => this.roundToMarket(limitMarket, limitIntent));
    const id = intent.clientOrderId;
    // A pending intent resumes where it stood: its earlier POST may have landed.
    const pending = this.placementInFlight(id) ?? { market, state: newPlacementState() };
    this.pending.set(id, pending);
    const post = async (): Promise<ParsedOrder> => {
      // placement.ts has just set sentAt: the intent is written before the POST can leave.
      this.rememberPending(id, pending);
      const args = ccxtArgumentsOf(request, id);
      const created = await this.send(ROUTES.placeOrder, () =>
        this.exchange.createOrder(market.symbol, args.type, args.side, asCcxtAmount(args.amount), args.price === undefined ? undefined : asCcxtAmount(args.price), args.params),
      );
      const parsed = parseOrderResponse(created.info, market);
      this.assertAnswerFor(parsed, id);
      return parsed;
    };
    let parsed: ParsedOrder;
    try {
      parsed = await placeExactlyOnce({ post, lookup: () => this.lookUpPlacement(market, id) }, pending.state, {
        clientOrderId: id,
        policy: this.placementPolicy,
        clock: this.clock,
        random: this.random,
      });
    } finally {
      if (pending.state.sentAt === undefined) this.forgetPending(id);
      else if (this.pending.has(id)) this.rememberPending(id, pending);
    }
    if (!answerMatchesRequest(parsed, request)) {
      // Not ours: the id names an order this intent did not send (a reused id); never adopt it.
      this.forgetPending(id);
      const { state } = parsed;
      throw new DuplicateOrderError(`client order id ${id} names venue order ${state.venueOrderId} (${state.side} ${state.amount} @ ${state.price}), not this intent (${describeRequest(request)}); nothing was sent`);
    }
    return this.applyVenueOrder(market, parsed);
  }

  cancel(symbol: string, clientOrderId: string): Promise<OrderView> {
    return this.guarded('cancel', () => this.cancelNow(symbol, clientOrderId));
  }

  private cancelNow(symbol: string, clientOrderId: string): Promise<OrderView> {
    return this.inOperation(clientOrderId, async () => {
      const market = await this.marketOf(symbol);
      // binance.js cancelOrder sends params.origClientOrderId as origClientOrderId and ignores the
      // id argument when one is given (DELETE /api/v3/order?origClientOrderId=...).
      const canceled = await this.send(ROUTES.cancelOrder, () => this.exchange.cancelOrder('', market.symbol, { origClientOrderId: clientOrderId }));
      const parsed = parseOrderResponse(canceled.info, market);
      this.assertAnswerFor(parsed, clientOrderId);
      return this.applyVenueOrder(market, parsed);
    }, CANCEL_OPERATION);
  }

  fetchOrder(symbol: string, clientOrderId: string): Promise<OrderView> {
    return this.guarded('fetchOrder', () => this.inOperation(clientOrderId, async () => this.refreshOrder(await this.marketOf(symbol), clientOrderId)));
  }

  /** One tracked order brought up to the venue's truth (GET /api/v3/order, then its unseen trades). */
  private async refreshOrder(market: Market, clientOrderId: string): Promise<OrderView> {
    let parsed: ParsedOrder;
    try {
      parsed = await this.fetchVenueOrder(market, clientOrderId);
    } catch (error) {
      if (!(error instanceof OrderNotFoundError)) throw error;
      // -2013 may be read-after-write lag on a just-accepted order: past the bound, it is the truth.
      await this.clock.sleep(READ_LAG_BOUND_MS);
      parsed = await this.fetchVenueOrder(market, clientOrderId);
    }
    return this.applyVenueOrder(market, parsed);
  }

  /** The venue's open orders as views, fees included (from myTrades); the local view is untouched. */
  fetchOpenOrders(symbol: string): Promise<OrderView[]> {
    return this.inOperation('fetchOpenOrders', async () => {
      const market = await this.marketOf(symbol);
      const open = await this.readCall({ ...ROUTES.openOrders, params: { symbol: market.id } }, () => this.exchange.fetchOpenOrders(market.symbol));
      const parsed = open.map((order) => parseOrderResponse(order.info, market));
      const views: OrderView[] = [];
      for (const { state } of parsed) {
        const report = new OrderTracker();
        report.register(state);
        const fills = dec(state.executedQty).gt(ZERO) ? await this.fetchOrderTrades(market, state.venueOrderId) : [];
        for (const fill of fills) report.applyTrade(state.clientOrderId, fill);
        report.applyVenueStatus(state.clientOrderId, state.status);
        views.push(report.view(state.clientOrderId));
      }
      return views;
    });
  }

  /**
   * DELETE /api/v3/openOrders: every open order of the symbol canceled at once; each one the
   * venue answers for is brought up to its truth (fills, fees, release), as `cancel` does.
   * Sent once, never retried: a second DELETE after a lost answer would find nothing to cancel
   * and hide what the first one did; `reconcile` learns it instead.
   */
  cancelAll(symbol: string): Promise<OrderView[]> {
    return this.guarded('cancelAll', () => this.cancelAllNow(symbol));
  }

  private cancelAllNow(symbol: string): Promise<OrderView[]> {
    return this.inOperation('cancelAll', async () => {
      const market = await this.marketOf(symbol);
      let canceled: Awaited<ReturnType<typeof this.exchange.cancelAllOrders>>;
      try {
        canceled = await this.send({ ...ROUTES.cancelAllOpenOrders, params: { symbol: market.id } }, () => this.exchange.cancelAllOrders(market.symbol));
      } catch (error) {
        // Binance answers -2011 when the symbol has no open order: nothing was canceled.
        if (error instanceof OrderNotFoundError) return [];
        throw error;
      }
      const parsed = canceled.map((order) => parseOrderResponse(order.info, market));
      // Each view as it was applied: with a short history, the first may be forgotten by the last.
      const views: OrderView[] = [];
      for (const order of parsed) views.push(await this.applyVenueOrder(market, order));
      return views;
    }, CANCEL_OPERATION);
  }

  /** The account's trades on the symbol, oldest first (paged by fromId); the local view is untouched. */
  fetchMyTrades(symbol: string): Promise<Trade[]> {
    return this.inOperation('fetchMyTrades', async () => {
      const market = await this.marketOf(symbol);
      const trades: Trade[] = [];
      let fromId: string | undefined = '0';
      while (fromId !== undefined) {
        const params = { fromId };
        const page = await this.readCall({ ...ROUTES.myTrades, params: { symbol: market.id, fromId } }, () => this.exchange.fetchMyTrades(market.symbol, undefined, MY_TRADES_LIMIT, params));
        const parsed = parseAccountTrades(page.map((trade) => trade.info), market, (venueOrderId) => this.tracker.clientOrderIdOf(venueOrderId));
        trades.push(...parsed);
        const last = parsed[parsed.length - 1];
        fromId = parsed.length < MY_TRADES_LIMIT || last === undefined ? undefined : String(BigInt(last.tradeId) + 1n);
      }
      return trades;
    });
  }

  /** The venue's balances, canonical; the local ledger is untouched. */
  fetchBalances(): Promise<Balances> {
    return this.inOperation('fetchBalances', () => this.fetchVenueBalances());
  }

  reconcile(): Promise<ReconcileReport> {
    return this.guarded('reconcile', () => this.reconcileNow());
  }

  private reconcileNow(): Promise<ReconcileReport> {
    return this.inOperation('reconcile', async () => {
      // On first use the ledger adopts the venue's balances first: there is no drift before a baseline.
      await this.ensureLoaded();
      // Orders first: an order found is registered (and reserved) before the drift check.
      await this.catchUpOrders();
      const venue = await this.fetchVenueBalances();
      const drift = this.ledger.driftFrom(venue);
      this.ledger.adopt(venue);
      return { drift };
    });
  }

  orders(): OrderView[] {
    return this.tracker.views();
  }

  streamStatus(): StreamStatus | undefined {
    return this.stream?.status();
  }

  retainedState(): RetainedState {
    return { ...this.tracker.size(), pendingIntents: this.pending.size, historyLimit: this.historyLimit() };
  }

  /** VenueConnection's health, with the stream's status; a stream that is not live degrades it. */
  override health(): Health {
    const health = super.health();
    const stream = this.stream?.status();
    if (stream === undefined) return health;
    return { ...health, stream, status: health.status === 'ok' && stream.state !== 'live' ? 'degraded' : health.status };
  }

  /** The stream first (its resync may be mid-request), then the REST side. */
  override async close(): Promise<void> {
    await this.stream?.close();
    await super.close();
  }

  balances(): Balances {
    return this.ledger.balances();
  }

  // ---- hooks: one small decision each, overridden by the seeded-bug fixtures ----

  /**
   * Every call that changes the local view passes the gate: a reconcile alone (it adopts the
   * venue's balances whole), the others side by side (operation-gate.ts). Nothing inside a call
   * passes it again, so a reconcile waiting cannot block a call that already holds a share.
   */
  protected guarded<T>(call: GuardedCall, work: () => Promise<T>): Promise<T> {
    return call === 'reconcile' ? this.gate.hold(work) : this.gate.share(work);
  }

  /** The order as it will be sent: the precision policy of precision.ts (filters checked after). */
  protected roundToMarket(market: Market, intent: LimitOrderIntent): RoundedOrder {
    return roundOrder(market, intent.side, intent.price, intent.amount);
  }

  /** The fills not yet applied to this order: new trade ids only, each once. */
  protected unseenTrades(clientOrderId: string, fills: readonly OrderFill[], _source: AnswerSource): OrderFill[] {
    const seen = new Set<string>();
    return fills.filter((fill) => {
      if (seen.has(fill.tradeId) || this.tracker.hasTrade(clientOrderId, fill.tradeId)) return false;
      seen.add(fill.tradeId);
      return true;
    });
  }

  /**
   * The placement of `clientOrderId` already under way (sent, outcome unknown): a place of the
   * same intent resumes it, looking the order up before it would POST again.
   */
  protected placementInFlight(clientOrderId: string): PendingPlacement | undefined {
    return this.pending.get(clientOrderId);
  }

  /** Whether a venue answer or event may move an order's status (order-tracker.ts: only forward). */
  protected statusMayMove(from: OrderStatus, to: OrderStatus): boolean {
    return statusMayMove(from, to);
  }

  /** An order was canceled with `remaining` unfilled: free its reserve. */
  protected releaseUnfilledReserve(order: LedgerOrder, remaining: string): void {
    this.ledger.releaseOnCancel(order, remaining);
  }

  /**
   * The venue expired an order (the rest of an IOC, FOK or MARKET order) with `remaining`
   * unfilled: free its reserve. Its own hook, apart from cancels: a fixture can break one path
   * and leave the other, and each bug then shows only where it belongs.
   */
  protected releaseExpiredReserve(order: LedgerOrder, remaining: string): void {
    this.ledger.releaseOnCancel(order, remaining);
  }

  /**
   * Exactly-once's lookup: the order with this client order id at the venue, or undefined when
   * the venue answers -2013 (placement.ts decides whether that is conclusive).
   */
  protected async lookUpPlacement(market: Market, clientOrderId: string): Promise<ParsedOrder | undefined> {
    try {
      return await this.fetchVenueOrder(market, clientOrderId);
    } catch (error) {
      if (error instanceof OrderNotFoundError) return undefined;
      throw error;
    }
  }

  /**
   * Writes an intent whose POST may have landed to the store, before it is sent; the fixture
   * that forgets in-flight POSTs across a restart skips it.
   */
  protected rememberIntent(clientOrderId: string, intent: IntentRecord): void {
    this.memory.rememberIntent(clientOrderId, intent);
  }

  /** A persisted order as a restarted instance tracks it: as it was, applied trade ids included. */
  protected restoredOrder(record: TrackedOrderRecord): TrackedOrderRecord {
    return record;
  }

  // ---- the user-data stream ----

  private createUserDataStream(env: AdapterEnvironment, endpoint: AcceptConnection | undefined): UserDataStream {
    // Signed with venue time, as every REST request (the subscription carries a timestamp).
    const signingClock = this.timeSync.venueClock();
    return new UserDataStream({
      clock: env.clock,
      random: env.random,
      connect: async () => {
        const client = await createBinanceProClient({
          environment: env.environment,
          clock: signingClock,
          credentials: env.credentials,
          baseUrl: env.baseUrl,
          fetch: REST_STAYS_WITH_THE_LIMITER,
          webSocket: endpoint === undefined ? undefined : createInProcessWebSocket(endpoint, { clock: env.clock }),
        });
        // The REST client's markets: ccxt.pro would otherwise load them itself, past the limiter.
        client.setMarkets(this.exchange.markets);
        return this.userDataConnection(client, env.clock);
      },
      applyReport: (raw) => this.applyStreamReport(raw),
      observeBalance: () => undefined,
      resync: () => this.resyncStream(),
    });
  }

  /** The feed of one stream connection (binance-user-data.ts). */
  protected userDataConnection(client: BinanceProClient, clock: Clock): UserDataConnection {
    return binanceUserData(client, clock);
  }

  /**
   * After every (re)connect, before the stream is trusted: what happened while no connection was
   * live is found over REST (every unfinished order fetched, unknown placements looked up).
   */
  protected resyncStream(): Promise<void> {
    return this.guarded('stream', () => this.inOperation('stream-resync', () => this.catchUpOrders()));
  }

  /**
   * One executionReport from the stream, through the same path as a REST answer: a fill once by
   * trade id whichever path brought it first, a status never backwards. Reports of orders this
   * adapter neither tracks nor is placing belong to someone else on the account: ignored.
   */
  private async applyStreamReport(raw: unknown): Promise<void> {
    const symbol = executionReportSymbol(raw);
    const market = [...(await this.ensureLoaded()).values()].find((candidate) => candidate.id === symbol);
    if (market === undefined) throw new MalformedResponseError(`stream event for ${symbol ?? 'no symbol'}, not an executionReport of a listed market`);
    const parsed = parseExecutionReport(raw, market);
    const id = parsed.state.clientOrderId;
    if (!this.tracker.has(id) && !this.pending.has(id)) return;
    await this.guarded('stream', () => this.inOperation(id, () => this.applyVenueOrder(market, parsed, 'stream')));
  }

  /**
   * Every order this adapter is unsure of brought up to the venue's truth: placements whose
   * outcome is unknown looked up, every unfinished order fetched (with the trades it missed).
   */
  private async catchUpOrders(markets?: ReadonlyMap<string, Market>): Promise<void> {
    for (const [clientOrderId, pending] of [...this.pending]) {
      const { market, state } = pending;
      const lookup = (): Promise<ParsedOrder | undefined> => this.inOperation(clientOrderId, () => this.lookUpPlacement(market, clientOrderId));
      const found = await resolveByLookup({ lookup }, state, this.clock, this.placementPolicy.settleMs);
      // Under the order's id like its lookup: a myTrades read that completes its fills is about it too.
      if (found !== undefined) await this.inOperation(clientOrderId, () => this.applyVenueOrder(market, found));
      else if (state.sentAt === undefined) this.forgetPending(clientOrderId);
      else this.rememberPending(clientOrderId, pending);
    }
    for (const { clientOrderId, symbol } of this.tracker.unfinishedOrders()) {
      // While the markets load (a restart's catch-up), marketOf would wait on that very load; and
      // never through the gate again: a reconcile holding it runs this very catch-up.
      const known = markets?.get(symbol);
      await this.inOperation(clientOrderId, async () => this.refreshOrder(known ?? (await this.marketOf(symbol)), clientOrderId));
    }
  }

  /** Keeps an intent whose POST may have landed, in memory and in the store. */
  private rememberPending(clientOrderId: string, { market, state }: PendingPlacement): void {
    this.pending.set(clientOrderId, { market, state });
    if (state.sentAt !== undefined) this.rememberIntent(clientOrderId, { symbol: market.symbol, sentAt: state.sentAt, mustExist: state.mustExist });
  }

  /** An intent resolved (tracked, or definitely not placed): nothing of it to look up any more. */
  private forgetPending(clientOrderId: string): void {
    this.pending.delete(clientOrderId);
    this.memory.forgetIntent(clientOrderId);
  }

  // ---- the one path by which venue answers reach the local view ----

  /**
   * Brings one order to the venue's answer: registers and reserves it if new, fetches myTrades
   * when executedQty is ahead of the fills we know, settles the unseen fills, takes the status,
   * and releases what stays reserved if the order just ended; then forgets the ended orders
   * beyond the history. All reading happens first. Returns the order's view as applied.
   */
  private async applyVenueOrder(market: Market, parsed: ParsedOrder, source: AnswerSource = 'rest'): Promise<OrderView> {
    const { state } = parsed;
    const id = state.clientOrderId;
    let fills = parsed.fills;
    const filledBefore = this.tracker.has(id) ? dec(this.tracker.view(id).filled) : ZERO;
    const newInAnswer = sumDecimals(fills.filter((fill) => !this.tracker.hasTrade(id, fill.tradeId)).map((fill) => dec(fill.quantity)));
    if (dec(state.executedQty).gt(filledBefore.plus(newInAnswer))) fills = [...fills, ...(await this.fetchOrderTrades(market, state.venueOrderId))];
    // An ended order neither tracked nor being placed was forgotten beyond the history (or was
    // never ours): its fills and release were booked when it was tracked, so it is reported as the
    // venue has it and never enters the view or the ledger again.
    if (!this.tracker.has(id) && !this.pending.has(id) && TERMINAL_STATUSES.has(orderStatusOf(state.status))) {
      return detachedView(parsed, fills);
    }
    // A MARKET order's price is 0, as Binance reports it: a buy then reserves nothing here and each
    // fill spends its own quote from free, which ends where the venue's exact reserve ends.
    const ledgerOrder: LedgerOrder = { side: state.side, base: market.base, quote: market.quote, price: state.price };
    if (!this.tracker.has(id)) {
      this.forgetPending(id);
      this.tracker.register(state);
      this.ledger.reserveForOrder(ledgerOrder, state.amount);
    }
    for (const fill of this.unseenTrades(id, fills, source)) {
      this.tracker.applyTrade(id, fill);
      this.ledger.settleTrade(ledgerOrder, fill);
    }
    if (this.tracker.applyVenueStatus(id, state.status, (from, to) => this.statusMayMove(from, to))) {
      const { remaining, status } = this.tracker.view(id);
      // A filled order keeps nothing reserved.
      const keepsReserve = !dec(remaining).isZero();
      if (keepsReserve && status === 'expired') this.releaseExpiredReserve(ledgerOrder, remaining);
      else if (keepsReserve) this.releaseUnfilledReserve(ledgerOrder, remaining);
    }
    // Written with the change, in the same turn: the store holds each order with every trade id applied.
    this.memory.rememberOrder(this.tracker.record(id));
    const view = this.tracker.view(id);
    this.forgetEndedOrders();
    return view;
  }

  /** The ended orders beyond the history leave the view and the store (P2); the newest ended stays, as the history is at least 1. */
  protected forgetEndedOrders(): void {
    for (const clientOrderId of this.tracker.forgetEndedBeyond(this.historyLimit())) this.memory.forgetOrder(clientOrderId);
  }

  private historyLimit(): number {
    return this.effectiveSettings().history.endedOrders;
  }

  private async fetchVenueOrder(market: Market, clientOrderId: string): Promise<ParsedOrder> {
    // binance.js fetchOrder reads params.origClientOrderId (or clientOrderId) into origClientOrderId.
    const fetched = await this.readCall(ROUTES.queryOrder, () => this.exchange.fetchOrder('', market.symbol, { origClientOrderId: clientOrderId }));
    const parsed = parseOrderResponse(fetched.info, market);
    this.assertAnswerFor(parsed, clientOrderId);
    return parsed;
  }

  /**
   * Every trade of one order, oldest first, a page at a time: binance.js fetchMyTrades passes
   * extra params through (GET /api/v3/myTrades?symbol&orderId&fromId&limit), and Binance answers
   * the oldest `limit` trades from `fromId` on; a full page means there may be more.
   */
  protected async fetchOrderTrades(market: Market, venueOrderId: string, pageSize = MY_TRADES_LIMIT): Promise<OrderFill[]> {
    const fills: OrderFill[] = [];
    let fromId: string | undefined = '0';
    while (fromId !== undefined) {
      const params: { orderId: string; fromId: string } = { orderId: venueOrderId, fromId };
      const page: Awaited<ReturnType<typeof this.exchange.fetchMyTrades>> = await this.readCall({ ...ROUTES.myTrades, params: { symbol: market.id, ...params } }, () => this.exchange.fetchMyTrades(market.symbol, undefined, pageSize, params));
      const parsed = parseOrderTrades(page.map((trade) => trade.info), venueOrderId);
      fills.push(...parsed);
      const last = parsed[parsed.length - 1];
      fromId = page.length < pageSize || last === undefined ? undefined : String(BigInt(last.tradeId) + 1n);
    }
    return fills;
  }

  private assertAnswerFor(parsed: ParsedOrder, clientOrderId: string): void {
    if (parsed.state.clientOrderId !== clientOrderId) {
      throw new MalformedResponseError(`the venue answered for order ${parsed.state.clientOrderId}, expected ${clientOrderId}`);
    }
  }

  private async marketOf(symbol: string): Promise<Market> {
    const market = (await this.ensureLoaded()).get(symbol);
    if (market === undefined) throw new FilterViolationError('SYMBOL', `the venue lists no market ${symbol}; nothing was sent`);
    return market;
  }

  private ensureLoaded(): Promise<ReadonlyMap<string, Market>> {
    this.loaded ??= this.inOperation('loadMarkets', () => this.loadMarketsAndBalances()).catch((error: unknown) => {
      this.loaded = undefined;
      throw error;
    });
    return this.loaded;
  }

  private async loadMarketsAndBalances(): Promise<ReadonlyMap<string, Market>> {
    // Venue time from the exchangeInfo answer: every signed request after it is stamped with it.
    // `reload`: ccxt keeps a failed load's promise (marketsLoading) and would answer every later
    // call with its error; a load that succeeded is kept by ensureLoaded, so this runs once per load.
    const loaded = await this.loadSyncingTime(() => this.send(ROUTES.exchangeInfo, () => this.exchange.loadMarkets(true)));
    const markets = new Map<string, Market>();
    for (const market of Object.values(loaded)) {
      if (market !== undefined && market.spot === true) markets.set(market.symbol, parseMarket(market.info, market.symbol));
    }
    await this.resumeFromStore(markets);
    this.ledger.adopt(await this.fetchVenueBalances());
    this.stream?.start();
    return markets;
  }

  /**
   * A restart's catch-up: the persisted intents resumed and every restored order brought up to
   * the venue. It runs before the ledger adopts the venue's balances, which already hold every
   * move it makes: what it settles on the empty ledger is replaced, never counted twice.
   */
  private async resumeFromStore(markets: ReadonlyMap<string, Market>): Promise<void> {
    const intents = this.memory.intents();
    for (const { clientOrderId, intent } of intents) {
      const market = markets.get(intent.symbol);
      if (market === undefined) throw new StateCorruptError(`intent/${clientOrderId}`, `the venue lists no market ${intent.symbol}`);
      if (!this.tracker.has(clientOrderId)) this.pending.set(clientOrderId, { market, state: { sentAt: intent.sentAt, mustExist: intent.mustExist } });
    }
    if (intents.length > 0 || this.tracker.unfinishedOrders().length > 0) await this.catchUpOrders(markets);
  }

  private async fetchVenueBalances(): Promise<Balances> {
    const account = await this.readCall(ROUTES.account, () => this.exchange.fetchBalance());
    return parseAccountBalances(account.info);
  }
}

/** One order as the venue answered for it, with its fills, apart from the local view. */
function detachedView(parsed: ParsedOrder, fills: readonly OrderFill[]): OrderView {
  const report = new OrderTracker();
  report.register(parsed.state);
  for (const fill of fills) report.applyTrade(parsed.state.clientOrderId, fill);
  report.applyVenueStatus(parsed.state.clientOrderId, parsed.state.status);
  return report.view(parsed.state.clientOrderId);
}

/** The stream's ccxt.pro client sends no REST request: those go through the REST client's limiter. */
const REST_STAYS_WITH_THE_LIMITER: FetchLike = (url) => Promise.reject(new TransportRefusedError(url));

/** The adapter with explicit settings (limits, breaker, feature flags) and log destination. */
export async function createReferenceAdapter(env: AdapterEnvironment, options?: VenueConnectionOptions): Promise<ReferenceAdapter> {
  return new ReferenceAdapter(env, options);
}

/** What the verifier loads: the reference adapter with config.ts's defaults. */
export const createAdapter: AdapterFactory = (env) => createReferenceAdapter(env);

/** An intent as text with its fields in one order, so two callers' copies of one intent compare equal. */
function canonicalIntent(intent: OrderIntent): string {
  return JSON.stringify(Object.entries(intent).sort(([a], [b]) => a.localeCompare(b)));
}
