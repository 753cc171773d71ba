import fc from 'fast-check';
import { type Decimal, Decimal as DecimalClass, dec } from '../../src/domain/decimal';
import { InvariantViolationError, TradepropError } from '../../src/domain/errors';
import type { Market } from '../../src/domain/market';
import type { LimitOrderIntent, OrderView, Side } from '../../src/domain/order';
import { checkLinearizability } from '../../src/verifier/linearizability/check-linearizability';
import { orderLifecycleSpec, type OrderLifecycleInput, type OrderLifecycleOutput } from '../../src/verifier/linearizability/specs/order-lifecycle';
import type { OrderPlacement, TradingModel } from '../../models/trading-model';
import { brokenFilter, reserveOf, roundOrder } from '../../models/order-rules';
import { CallHistory, type Invocation, type OrderOperation } from '../interleaving/call-history';
import type { RequestLatency } from '../interleaving/latency-schedule';
import { marketOf } from '../markets/market-choice';
import { referencePrice } from '../markets/reference-price';
import type { History } from '../../src/verifier/linearizability/history';
import { TRADER, type InterleavedStep, type TradingWorld } from '../world';
import { absorbVenueEvents } from './absorb-venue-events';
import { isOpen, pickOrder } from './pick-order';
import { TradingCommand, describeFailure } from './trading-command';

/** Which order a cancel or fetch of the step aims at: one the step places, or one placed before (open, or any). */
export type CallTarget = { kind: 'placed-now'; slot: number } | { kind: 'earlier'; index: number; openOnly: boolean };

/** One call of an interleaved step, drawn apart from the run and resolved against it. */
export type CallDraw =
  /** A GTC limit on the order's own side of the reference, `ticksAway` + 1 ticks out: the step's places never cross each other. */
  | { kind: 'place'; market: number; side: Side; ticksAway: number; extraSteps: number }
  /** The caller sends one of the step's intents again while the first may still be in flight. */
  | { kind: 'place-again'; slot: number }
  | { kind: 'cancel'; target: CallTarget }
  | { kind: 'fetch'; target: CallTarget }
  | { kind: 'reconcile' };

type PlaceDraw = Extract<CallDraw, { kind: 'place' }>;

interface PlannedPlace {
  market: Market;
  side: Side;
  price: Decimal;
  amount: Decimal;
}

/** A call of the step as it runs: what it does to the adapter and how its answer reads in the history. */
interface ResolvedCall {
  text: string;
  input: OrderLifecycleInput | undefined;
  /** The order it tells the adapter about, when it answers with one. */
  orderId: string | undefined;
  invoke(world: TradingWorld): Promise<CallOutcome>;
}

type CallOutcome = { output: OrderLifecycleOutput | 'none'; learned: boolean } | { pending: true } | { unexpected: unknown };

/** The longest a call waits before it starts, in virtual ms: long enough to start after another answered. */
export const MAX_START_MS = 40;
/** The longest latency of one request or answer: longer than several requests, far below every timeout. */
export const MAX_LATENCY_MS = 60;

/**
 * Several adapter calls in flight at once (X1): places, a retry of one intent, cancels and
 * fetches of new and earlier orders (settled ones included), a reconcile. When each call starts
 * and how long each request and answer travels are drawn, so the order in which the venue sees
 * the requests and the adapter's awaits resume is the seed's, shrinks, and replays exactly.
 *
 * Judged three ways once every call settled:
 * - the answers, with the venue's fills in between, must be linearizable against the order
 *   lifecycle (the calls' history, src/verifier/linearizability/);
 * - one intent reaches the venue at most once however many calls sent it (O4);
 * - the adapter's view: every order a call answered about (every order, after a reconcile) is
 *   the venue's, and its ledger the model's (the property's checks, O1, O2, L1). Within a step
 *   nobody else trades, so the last answer about an order is its final truth; an adapter that
 *   lets an older answer overwrite a newer one, or releases one reserve twice, is caught there.
 */
export class ConcurrentCallsCommand extends TradingCommand {
  private resolved: string | undefined;

  constructor(
    private readonly calls: readonly CallDraw[],
    private readonly startsMs: readonly number[],
    private readonly latencies: readonly RequestLatency[],
  ) {
    super();
  }

  check(model: Readonly<TradingModel>): boolean {
    const places = this.places(model);
    if (places === undefined) return false;
    const open = model.orders('truth').filter(isOpen);
    for (const place of places) {
      // Never against one of our own (self-trade prevention is a later slice), and only what the
      // adapter's own view covers (as PlaceLimitCommand).
      const crossesOurs = open.some((order) => order.symbol === place.market.symbol && order.side !== place.side && (place.side === 'buy' ? dec(order.price).lte(place.price) : dec(order.price).gte(place.price)));
      if (crossesOurs) return false;
      const reserve = reserveOf(place.market, place.side, { price: place.price, amount: place.amount });
      const venueFree = dec(model.balances('truth')[reserve.asset]?.free ?? '0');
      const knownFree = dec(model.balances('known')[reserve.asset]?.free ?? '0');
      if (!venueFree.lt(reserve.amount) && knownFree.lt(reserve.amount)) return false;
    }
    return this.effectiveCalls(model, places.length).length >= 2;
  }

  /** The step's places resolved on the run's markets; undefined when one would break a filter. */
  private places(model: Readonly<TradingModel>): PlannedPlace[] | undefined {
    const planned: PlannedPlace[] = [];
    for (const call of this.calls) {
      if (call.kind !== 'place') continue;
      const place = planPlace(marketOf(model.markets, call.market), call);
      if (brokenFilter(place.market, place) !== undefined) return undefined;
      planned.push(place);
    }
    return planned;
  }

  /** The calls that have something to act on: a target of each cancel and fetch, a first place for each retry. */
  private effectiveCalls(model: Readonly<TradingModel>, places: number): CallDraw[] {
    const earlier = model.orders('truth').filter((order) => order.status !== 'rejected').length;
    return this.calls.filter((call) => {
      if (call.kind === 'place-again') return places > 0;
      if (call.kind === 'cancel' || call.kind === 'fetch') return places > 0 || earlier > 0;
      return true;
    });
  }

  protected async apply(model: TradingModel, world: TradingWorld): Promise<void> {
    const places = this.places(model);
    if (places === undefined) throw new RangeError('concurrent calls ran with a place that breaks a filter');
    const placements = places.map((place): OrderPlacement => ({ clientOrderId: world.nextClientOrderId(), symbol: place.market.symbol, side: place.side, price: place.price.toFixed(), amount: place.amount.toFixed() }));
    const history = new CallHistory(world);
    const resolved = this.resolve(model, placements, history);
    this.resolved = resolved.map((call, index) => `${call.text}${(this.startsMs[index] ?? 0) > 0 ? ` +${this.startsMs[index] ?? 0}ms` : ''}`).join(' | ');

    world.latency.load(this.latencies);
    const outcomes = await world.drive(Promise.all(resolved.map((call, index) => this.runCall(world, history, call, index))));
    const { given } = world.latency.unload();
    this.resolved += ` ; latencies ${given.map(({ request, response }) => `${request}/${response}`).join(' ') || 'none'}`;

    this.judgeVenueArrivals(model, world, history, placements, resolved, outcomes);
    const unexpected = outcomes.find((outcome): outcome is { unexpected: unknown } => 'unexpected' in outcome);
    if (unexpected !== undefined) throw new InvariantViolationError('O1', `a concurrent call failed with ${describeFailure(unexpected.unexpected)}`);

    const judged = history.history();
    world.interleavedSteps.push(describeOverlap(judged));
    const verdict = checkLinearizability(orderLifecycleSpec(), judged);
    if (verdict.ok === false) throw new InvariantViolationError('X1', `the calls' answers are not linearizable: ${verdict.explanation}`);
    if (verdict.ok === 'unknown') throw new RangeError(`the linearizability check of a step of ${resolved.length} calls ran out of steps: ${verdict.explanation}`);

    // What the adapter must know now: every order a call answered about, everything after a
    // reconcile, learned together (syncOrders): the venue may have released one order's funds
    // before another of the step's orders reserved them.
    // A reconcile is the one call the history cannot judge (no input of the order lifecycle).
    const reconciled = resolved.some((call, index) => call.input === undefined && isAnswered(outcomes[index]));
    if (reconciled) {
      world.reconciledAtStep = world.trace.length + 1;
      model.syncAll();
      return;
    }
    const learned = new Set(resolved.flatMap((call, index) => {
      const outcome = outcomes[index];
      return call.orderId !== undefined && outcome !== undefined && 'learned' in outcome && outcome.learned && model.hasOrder(call.orderId) ? [call.orderId] : [];
    }));
    model.syncOrders([...learned]);
  }

  private async runCall(world: TradingWorld, history: CallHistory, call: ResolvedCall, index: number): Promise<CallOutcome> {
    const start = this.startsMs[index] ?? 0;
    if (start > 0) await world.clock.sleep(start);
    const invocation: Invocation | undefined = call.input === undefined ? undefined : history.invoke(index, call.input);
    const outcome = await call.invoke(world);
    if (invocation !== undefined) {
      if ('pending' in outcome) history.leavePending(invocation);
      else if ('output' in outcome && outcome.output !== 'none') history.complete(invocation, outcome.output);
    }
    return outcome;
  }

  private resolve(model: TradingModel, placements: readonly OrderPlacement[], history: CallHistory): ResolvedCall[] {
    const targetOf = (target: CallTarget): OrderPlacement | OrderView | undefined => {
      if (target.kind === 'placed-now') return placements[target.slot % Math.max(1, placements.length)] ?? pickOrder(model, target.slot, () => true);
      return pickOrder(model, target.index, target.openOnly ? isOpen : () => true) ?? pickOrder(model, target.index, () => true) ?? placements[0];
    };
    const described = new Set<string>();
    const calls: ResolvedCall[] = [];
    let slot = 0;
    for (const draw of this.calls) {
      if (draw.kind === 'place') {
        const placement = placements[slot];
        slot += 1;
        if (placement !== undefined) calls.push(placeCall(placement, false));
      } else if (draw.kind === 'place-again') {
        const placement = placements.length === 0 ? undefined : placements[draw.slot % placements.length];
        if (placement !== undefined) calls.push(placeCall(placement, true));
      } else if (draw.kind === 'reconcile') {
        calls.push(reconcileCall());
      } else {
        const target = targetOf(draw.target);
        if (target === undefined) continue;
        // An order placed before the step starts its history where the venue has it now.
        const before = model.order(target.clientOrderId, 'truth');
        if (before !== undefined && !described.has(target.clientOrderId)) {
          described.add(target.clientOrderId);
          history.before(before);
        }
        calls.push(draw.kind === 'cancel' ? cancelCall(target) : fetchCall(target));
      }
    }
    // A retried intent is sent by two callers at once: the history cannot say which was first.
    const retried = new Set(calls.filter((call) => call.input?.op === 'place' && call.input.retry === true).map((call) => call.orderId));
    return calls.map((call) => (call.input?.op === 'place' && retried.has(call.orderId) ? { ...call, input: { ...call.input, retry: true } } : call));
  }

  /**
   * O4 from the venue's own record: each of the step's intents reached the venue at most once
   * (accepted or refused there); a place that failed for good while the venue holds its order
   * would have its caller place it again. Then the model follows what the venue did.
   */
  private judgeVenueArrivals(model: TradingModel, world: TradingWorld, history: CallHistory, placements: readonly OrderPlacement[], calls: readonly ResolvedCall[], outcomes: readonly CallOutcome[]): void {
    const events = world.takeNewEvents();
    // Each intent's arrivals at the venue, in order: accepted (true) or refused there (false).
    const arrivals = new Map<string, boolean[]>();
    for (const event of events) {
      const accepted = event.type === 'order_accepted' && event.order.account === TRADER ? event.order.clientOrderId : undefined;
      const refused = event.type === 'order_rejected' && event.account === TRADER ? event.clientOrderId : undefined;
      const id = accepted ?? refused;
      if (id !== undefined) arrivals.set(id, [...(arrivals.get(id) ?? []), accepted !== undefined]);
    }
    for (const [id, outcomes] of arrivals) {
      const orders = outcomes.filter(Boolean).length;
      if (orders > 1) throw new InvariantViolationError('O4', `intent ${id} became ${orders} venue orders`);
      // Callers sending one intent together share one request: once the venue holds the order,
      // another POST of it is a second placement that only the venue's duplicate check stopped.
      // (An intent the venue refused may be sent again: it placed nothing.)
      if (outcomes[0] === true && outcomes.length > 1 && placesOverlapped(history, id)) {
        throw new InvariantViolationError('O4', `intent ${id}, sent by callers at once, reached the venue ${outcomes.length} times after the venue had accepted it`);
      }
    }
    const byId = new Map(placements.map((placement) => [placement.clientOrderId, placement]));
    const placeOutcomes = (id: string): CallOutcome[] => calls.flatMap((call, index) => (call.input?.op === 'place' && call.orderId === id ? [outcomes[index]] : [])).filter((outcome): outcome is CallOutcome => outcome !== undefined);
    const accepted = new Set<string>();
    absorbVenueEvents(
      model,
      world,
      (order) => {
        const placement = byId.get(order.clientOrderId);
        if (placement === undefined) throw new InvariantViolationError('O4', `the venue accepted order ${order.clientOrderId} that no call of this step placed`);
        accepted.add(order.clientOrderId);
        world.rememberVenueOrder(order.orderId, order.clientOrderId);
        // Known to the adapter only once the step's answers are synced below, all at once (a
        // cancel's release may be what paid for this order).
        model.acceptUnknown({ ...placement, amount: order.quantity, venueOrderId: order.orderId });
      },
      events,
    );
    for (const placement of placements) {
      const id = placement.clientOrderId;
      const results = placeOutcomes(id).map((outcome) => ('output' in outcome && outcome.output !== 'none' && outcome.output.op === 'place' ? outcome.output.result : 'pending'));
      if (accepted.has(id)) {
        // A caller may be refused before the order exists (funds a cancel frees a moment later)
        // and a later caller's place of the intent then succeed. A refusal tells its caller to
        // place again what is already placed when it is answered once the venue holds the order,
        // or while another caller's place of the intent is still in flight.
        if (refusedWhilePlaced(history, id)) throw new InvariantViolationError('O4', `a place of ${id} failed for good while the venue held the order or another caller was placing it`);
      } else {
        if (results.includes('accepted')) throw new InvariantViolationError('O4', `a place of ${id} reported success, but the venue holds no such order`);
        // Refused by the venue, or by the adapter for want of funds its own view shows.
        if (results.includes('rejected')) model.reject(placement);
      }
    }
  }

  toString(): string {
    return `concurrently(${this.resolved ?? this.calls.map((call) => call.kind).join(', ')})`;
  }
}

/** How the step's calls overlapped: the evidence that a run interleaved something. */
function describeOverlap(history: History<OrderLifecycleInput, OrderLifecycleOutput>): InterleavedStep {
  const calls = history.filter((operation) => typeof operation.client === 'number');
  const overlap = (a: (typeof calls)[number], b: (typeof calls)[number]): boolean => a.call < (b.return ?? Infinity) && b.call < (a.return ?? Infinity);
  const spec = orderLifecycleSpec();
  const text = history.map((operation) => `${String(operation.client)} [${operation.call}, ${operation.return ?? '...'}] ${spec.describeOperation(operation.input, operation.output)}`).join('\n');
  return {
    history: text,
    calls: calls.length,
    answeredOutOfOrder: calls.some((a) => calls.some((b) => a.call < b.call && a.return !== undefined && b.return !== undefined && a.return > b.return)),
    sameOrderOverlapped: calls.some((a, i) => calls.some((b, j) => i < j && a.input.clientOrderId === b.input.clientOrderId && overlap(a, b))),
  };
}

/** The step's calls that placed `id`, in the order they started. */
function placesOf(history: CallHistory, id: string): OrderOperation[] {
  return history.history().filter((operation) => operation.client !== 'before' && operation.input.op === 'place' && operation.input.clientOrderId === id);
}

/** Whether a place of `id` was refused after the venue accepted its order, or while another place of it was in flight. */
function refusedWhilePlaced(history: CallHistory, id: string): boolean {
  const acceptedAt = history.acceptedAt(id) ?? 0;
  const places = placesOf(history, id);
  const refused = (operation: (typeof places)[number]): boolean => operation.output?.op === 'place' && operation.output.result === 'rejected';
  return places.some((operation) => {
    const answeredAt = operation.return;
    if (!refused(operation) || answeredAt === undefined) return false;
    return answeredAt > acceptedAt || places.some((other) => other !== operation && !refused(other) && other.call < answeredAt && (other.return === undefined || other.return > answeredAt));
  });
}

/** Whether one place of `id` started before another had answered. */
function placesOverlapped(history: CallHistory, id: string): boolean {
  const places = placesOf(history, id);
  return places.some((operation, index) => index > 0 && places.slice(0, index).some((earlier) => earlier.return === undefined || earlier.return > operation.call));
}

function isAnswered(outcome: CallOutcome | undefined): boolean {
  return outcome !== undefined && 'output' in outcome;
}

/** The smallest amount the market's filters allow at `price`, plus `extraSteps` steps. */
function planPlace(market: Market, draw: PlaceDraw): PlannedPlace {
  const tick = dec(market.priceFilter.tickSize);
  const step = dec(market.lotSize.stepSize);
  const away = tick.times(draw.ticksAway + 1);
  const price = draw.side === 'buy' ? referencePrice(market).minus(away) : referencePrice(market).plus(away);
  const forNotional = dec(market.notional.minNotional).div(price).div(step).ceil().times(step);
  const least = DecimalClass.max(dec(market.lotSize.minQty), forNotional);
  const rounded = roundOrder(market, draw.side, price, least.plus(step.times(draw.extraSteps)));
  return { market, side: draw.side, price: rounded.price, amount: rounded.amount };
}

function placeCall(placement: OrderPlacement, again: boolean): ResolvedCall {
  const intent: LimitOrderIntent = { type: 'limit', clientOrderId: placement.clientOrderId, symbol: placement.symbol, side: placement.side, price: placement.price, amount: placement.amount };
  return {
    text: `${again ? 'again ' : ''}place(${placement.clientOrderId} ${placement.symbol} ${placement.side} ${placement.amount} @ ${placement.price})`,
    input: { op: 'place', clientOrderId: placement.clientOrderId, amount: placement.amount, retry: again },
    orderId: placement.clientOrderId,
    invoke: (world) =>
      answer(world.adapter.place(intent), (view) => ({ output: { op: 'place', result: view.clientOrderId === placement.clientOrderId ? 'accepted' : 'rejected' }, learned: true }), (error) => {
        if (error.code === 'DUPLICATE_ORDER') return { output: { op: 'place', result: 'duplicate' }, learned: false };
        if (error.code === 'INSUFFICIENT_FUNDS' || error.code === 'ORDER_REJECTED') return { output: { op: 'place', result: 'rejected' }, learned: false };
        return undefined;
      }),
  };
}

function cancelCall(target: OrderPlacement | OrderView): ResolvedCall {
  return {
    text: `cancel(${target.clientOrderId})`,
    input: { op: 'cancel', clientOrderId: target.clientOrderId },
    orderId: target.clientOrderId,
    invoke: (world) =>
      answer(world.adapter.cancel(target.symbol, target.clientOrderId), (view) => ({ output: { op: 'cancel', result: view.status === 'canceled' ? 'canceled' : 'refused' }, learned: true }), (error) =>
        // -2011: the order is settled, or not at the venue yet. Whatever the adapter learned on
        // the way is judged by O1 like any view; nothing here says it must have.
        error.code === 'ORDER_NOT_FOUND' ? { output: { op: 'cancel', result: 'unknown_order' }, learned: false } : undefined,
      ),
  };
}

function fetchCall(target: OrderPlacement | OrderView): ResolvedCall {
  return {
    text: `fetch(${target.clientOrderId})`,
    input: { op: 'fetch', clientOrderId: target.clientOrderId },
    orderId: target.clientOrderId,
    invoke: (world) =>
      answer(
        world.adapter.fetchOrder(target.symbol, target.clientOrderId),
        (view) => (view.status === 'rejected' ? { unexpected: new RangeError(`fetch of ${target.clientOrderId} answered a rejected order`) } : { output: { op: 'fetch', found: true, status: view.status, filled: view.filled }, learned: true }),
        (error) => (error.code === 'ORDER_NOT_FOUND' ? { output: { op: 'fetch', found: false }, learned: false } : undefined),
      ),
  };
}

function reconcileCall(): ResolvedCall {
  return {
    text: 'reconcile()',
    input: undefined,
    orderId: undefined,
    // Its drift report is not judged here: with calls in flight the ledger is legitimately between two answers.
    invoke: (world) => answer(world.adapter.reconcile(), () => ({ output: 'none', learned: true }), () => undefined),
  };
}

/**
 * A call's outcome: its answer, a typed error the call may give (`expected`), a retryable error
 * (outcome unknown: pending in the history), or anything else, which the step reports.
 */
async function answer<T>(work: Promise<T>, onValue: (value: T) => CallOutcome, expected: (error: TradepropError) => CallOutcome | undefined): Promise<CallOutcome> {
  try {
    return onValue(await work);
  } catch (error) {
    if (!(error instanceof TradepropError)) return { unexpected: error };
    const known = expected(error);
    if (known !== undefined) return known;
    return error.retryable ? { pending: true } : { unexpected: error };
  }
}

// Earlier open orders most: a cancel of one beside a reconcile or a fetch is where answers race.
const targetArbitrary: fc.Arbitrary<CallTarget> = fc.oneof(
  { weight: 2, arbitrary: fc.nat(3).map((slot): CallTarget => ({ kind: 'placed-now', slot })) },
  { weight: 3, arbitrary: fc.nat(20).map((index): CallTarget => ({ kind: 'earlier', index, openOnly: true })) },
  { weight: 1, arbitrary: fc.nat(20).map((index): CallTarget => ({ kind: 'earlier', index, openOnly: false })) },
);

const placeArbitrary: fc.Arbitrary<CallDraw> = fc.record({ market: fc.nat(11), side: fc.constantFrom<Side>('buy', 'sell'), ticksAway: fc.nat(20), extraSteps: fc.nat(5) }).map((draw): CallDraw => ({ kind: 'place', ...draw }));

const callArbitrary: fc.Arbitrary<CallDraw> = fc.oneof(
  { weight: 3, arbitrary: placeArbitrary },
  { weight: 1, arbitrary: fc.nat(3).map((slot): CallDraw => ({ kind: 'place-again', slot })) },
  { weight: 3, arbitrary: targetArbitrary.map((target): CallDraw => ({ kind: 'cancel', target })) },
  { weight: 2, arbitrary: targetArbitrary.map((target): CallDraw => ({ kind: 'fetch', target })) },
  { weight: 2, arbitrary: fc.constant<CallDraw>({ kind: 'reconcile' }) },
);

/**
 * The races real adapters lose, each as often as a free mix of calls: one intent sent by two
 * callers, a cancel beside a reconcile, a cancel beside a fetch of the same order (each with
 * another call or two around them).
 */
const callsArbitrary: fc.Arbitrary<CallDraw[]> = fc.oneof(
  fc.tuple(placeArbitrary, fc.array(callArbitrary, { maxLength: 2 })).map(([place, rest]): CallDraw[] => [place, { kind: 'place-again', slot: 0 }, ...rest]),
  fc.tuple(targetArbitrary, fc.array(callArbitrary, { maxLength: 1 })).map(([target, rest]): CallDraw[] => [{ kind: 'cancel', target }, { kind: 'reconcile' }, ...rest]),
  fc.tuple(targetArbitrary, fc.array(callArbitrary, { maxLength: 1 })).map(([target, rest]): CallDraw[] => [{ kind: 'cancel', target }, { kind: 'fetch', target }, ...rest]),
  fc.array(callArbitrary, { minLength: 2, maxLength: 4 }),
);

// Races need one request slower than another by more than a whole round trip (1 ms in-process):
// none, a little, or a lot, rather than uniform.
const latencyArbitrary = fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 5 }), fc.integer({ min: 10, max: MAX_LATENCY_MS }));

export const concurrentCallsArbitrary = fc
  .record({
    calls: callsArbitrary,
    startsMs: fc.array(fc.nat(MAX_START_MS), { minLength: 4, maxLength: 4 }),
    latencies: fc.array(fc.record({ request: latencyArbitrary, response: latencyArbitrary }), { maxLength: 12 }),
  })
  .map(({ calls, startsMs, latencies }) => new ConcurrentCallsCommand(calls, startsMs, latencies));
