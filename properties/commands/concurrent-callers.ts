import fc from 'fast-check';
import { InvariantViolationError } from '../../src/domain/errors';
import type { LimitOrderIntent, OrderView } from '../../src/domain/order';
import type { TradingModel } from '../../models/trading-model';
import { orderDifference } from '../invariants/compare-views';
import { PROMPT_CALL_MS, callDeadlineMs, type ConcurrentCallKind } from '../performance/call-deadline';
import type { TradingWorld } from '../world';
import { absorbVenueEvents } from './absorb-venue-events';
import { farOrder, feasible, type FarOrder } from './burst-place-and-cancel';
import { DEFAULT_ADAPTER_SETTINGS } from './default-adapter-settings';
import { isOpen } from './pick-order';
import { TradingCommand, describeFailure } from './trading-command';

/** Binance's REQUEST_WEIGHT window (1 minute, fixed): the burst starts at the beginning of one. */
const WEIGHT_WINDOW_MS = 60_000;
/** Where fetchBalances goes (binance.js fetchBalance, spot): the request the venue answers slowly. */
const ACCOUNT = { method: 'GET', path: '/api/v3/account' } as const;

/** One call of the burst, resolved against the run: what it aims at, when it started and settled. */
interface ResolvedCall {
  caller: number;
  kind: ConcurrentCallKind;
  /** The order a cancel or fetchOrder aims at. */
  target?: string | undefined;
  /** What a place sends: the far order planned, then its intent once ids are drawn. */
  far?: FarOrder | undefined;
  intent?: LimitOrderIntent | undefined;
  symbol: string;
  startedAt?: number | undefined;
  settledAt?: number | undefined;
  /** The order a place, cancel or fetchOrder answered with (other calls answer no order). */
  outcome?: { status: 'fulfilled'; view: OrderView | undefined } | { status: 'rejected'; reason: unknown } | undefined;
}

/**
 * P1 under load within the venue's limits: several callers at once, each awaiting its own calls
 * one after another (places of far orders, cancels, fetches, balances), started together at the
 * beginning of a fresh weight window, far under the 6,000 weight a minute and 100 orders a 10 s
 * the venue allows, so no request need wait for the limiter. With `slowMs`, the venue holds each
 * answer to fetchBalances (GET /api/v3/account) that long, below the 10 s request timeout. Each
 * call's start and settle are taken on the virtual clock, and each must settle
 * - within its deadline from the adapter's settings (call-deadline.ts), and
 * - within the venue's delay on its own answers plus N x PROMPT_CALL_MS, N the calls of the burst:
 *   no caller waits behind another's slow answer (a cancel not behind a slow read or a place).
 * Every answer must then equal the model (O1): calls in flight together aim at different orders.
 */
export class ConcurrentCallersCommand extends TradingCommand {
  private described = '';

  constructor(
    private readonly callers: readonly (readonly ConcurrentCallKind[])[],
    private readonly slowMs: number,
    /** Which far order to place and which orders to aim at (indices survive shrinking). */
    private readonly choice: number,
  ) {
    super();
  }

  check(model: Readonly<TradingModel>): boolean {
    return this.plan(model) !== undefined;
  }

  protected async apply(model: TradingModel, world: TradingWorld): Promise<void> {
    const plan = this.plan(model);
    if (plan === undefined) throw new RangeError('concurrentCallers ran without a feasible plan');
    await world.clock.advance(WEIGHT_WINDOW_MS - (world.clock.now() % WEIGHT_WINDOW_MS));
    const calls = plan.map((call) => (call.far === undefined ? call : { ...call, intent: intentOf(call.far, world.nextClientOrderId()) }));
    const slowAnswers = calls.filter((call) => call.kind === 'fetchBalances').length;
    if (this.slowMs > 0 && slowAnswers > 0) world.venue.nemesis.schedule({ kind: 'delay', ms: this.slowMs, phase: 'response' }, { matching: ACCOUNT, count: slowAnswers });
    this.described = describe(calls, this.slowMs);

    const chains = this.callers.map(async (_, caller) => {
      for (const call of calls.filter((candidate) => candidate.caller === caller)) {
        call.startedAt = world.clock.now();
        try {
          call.outcome = { status: 'fulfilled', view: await issue(world, call) };
        } catch (reason) {
          call.outcome = { status: 'rejected', reason };
        }
        call.settledAt = world.clock.now();
      }
    });
    await world.drive(Promise.all(chains));
    world.venue.nemesis.heal();
    judgeTimes(calls, this.slowMs);
    judgeAnswers(model, world, calls);
  }

  /**
   * The burst against the model as it stands: a cancel aims at an open order and a fetchOrder at
   * any order, each at a different one; a call with nothing left to aim at is left out. Undefined
   * when fewer than two callers would call, or the places would not all be affordable.
   */
  private plan(model: Readonly<TradingModel>): ResolvedCall[] | undefined {
    const orders = model.orders('truth');
    const taken = new Set<string>();
    const aim = (filter: (order: OrderView) => boolean, offset: number): OrderView | undefined => {
      const candidates = orders.filter((order) => !taken.has(order.clientOrderId) && filter(order));
      const picked = candidates[(this.choice + offset) % Math.max(1, candidates.length)];
      if (picked !== undefined) taken.add(picked.clientOrderId);
      return picked;
    };
    const places = this.callers.flat().filter((kind) => kind === 'place').length;
    const far = places === 0 ? undefined : this.farOrder(model, places);
    if (places > 0 && far === undefined) return undefined;
    const symbol = far?.market.symbol ?? model.markets[this.choice % model.markets.length]?.symbol ?? '';
    const calls: ResolvedCall[] = [];
    this.callers.forEach((kinds, caller) =>
      kinds.forEach((kind, offset) => {
        if (kind === 'cancel' || kind === 'fetchOrder') {
          const order = aim(kind === 'cancel' ? isOpen : () => true, offset);
          if (order !== undefined) calls.push({ caller, kind, target: order.clientOrderId, symbol: order.symbol });
        } else {
          calls.push({ caller, kind, symbol, far: kind === 'place' ? far : undefined });
        }
      }),
    );
    return new Set(calls.map((call) => call.caller)).size < 2 ? undefined : calls;
  }

  private farOrder(model: Readonly<TradingModel>, count: number): FarOrder | undefined {
    const candidates = model.markets.flatMap((market) => (['sell', 'buy'] as const).map((side) => farOrder(market, side)));
    for (let offset = 0; offset < candidates.length; offset += 1) {
      const order = candidates[(this.choice + offset) % candidates.length];
      if (order !== undefined && feasible(model, order, count)) return order;
    }
    return undefined;
  }

  toString(): string {
    return `concurrentCallers(${this.described || `${this.callers.map((kinds) => kinds.join(' ')).join('; ')}${this.slowMs > 0 ? `; account answers ${this.slowMs} ms late` : ''}`})`;
  }
}

function intentOf(far: FarOrder, clientOrderId: string): LimitOrderIntent {
  return { type: 'limit', clientOrderId, symbol: far.market.symbol, side: far.side, price: far.price.toFixed(), amount: far.amount.toFixed() };
}

/** Makes the call; the order it answered with, for those that answer one. */
async function issue(world: TradingWorld, call: ResolvedCall): Promise<OrderView | undefined> {
  const { adapter } = world;
  switch (call.kind) {
    case 'place':
      if (call.intent === undefined) throw new RangeError('a place without its intent');
      return adapter.place(call.intent);
    case 'cancel':
      return adapter.cancel(call.symbol, call.target ?? '');
    case 'fetchOrder':
      return adapter.fetchOrder(call.symbol, call.target ?? '');
    case 'fetchOpenOrders':
      await adapter.fetchOpenOrders(call.symbol);
      return undefined;
    case 'fetchMyTrades':
      await adapter.fetchMyTrades(call.symbol);
      return undefined;
    case 'fetchBalances':
      await adapter.fetchBalances();
      return undefined;
  }
}

/** `cancel tp-3`, `place tp-7`, `fetchBalances`: the call and the order it is about. */
function label(call: ResolvedCall): string {
  const order = call.target ?? call.intent?.clientOrderId;
  return order === undefined ? call.kind : `${call.kind} ${order}`;
}

function describe(calls: readonly ResolvedCall[], slowMs: number): string {
  const callers = [...new Set(calls.map((call) => call.caller))].map((caller) =>
    calls
      .filter((call) => call.caller === caller)
      .map(label)
      .join(', '),
  );
  return `${callers.map((text, index) => `caller ${index + 1}: ${text}`).join('; ')}${slowMs > 0 ? `; account answers ${slowMs} ms late` : ''}`;
}

/** P1: each call within its configured deadline, and within its own slowness plus N prompt calls. */
function judgeTimes(calls: readonly ResolvedCall[], slowMs: number): void {
  const fairness = calls.length * PROMPT_CALL_MS;
  const burstStart = Math.min(...calls.map((call) => call.startedAt ?? Number.POSITIVE_INFINITY));
  const timeline = calls.map((call) => `${label(call)} ${(call.startedAt ?? burstStart) - burstStart}..${call.settledAt === undefined ? 'never' : call.settledAt - burstStart} ms`).join(', ');
  for (const call of calls) {
    if (call.startedAt === undefined || call.settledAt === undefined) throw new InvariantViolationError('P1', `${label(call)} never settled (${timeline})`);
    const took = call.settledAt - call.startedAt;
    const deadline = callDeadlineMs(call.kind, DEFAULT_ADAPTER_SETTINGS);
    if (took > deadline) throw new InvariantViolationError('P1', `${label(call)} took ${took} ms, past its deadline of ${deadline} ms (${timeline})`);
    const own = call.kind === 'fetchBalances' ? slowMs : 0;
    if (took > own + fairness) {
      throw new InvariantViolationError('P1', `${label(call)} took ${took} ms, though the venue held its own answers ${own} ms: more than ${own} + ${calls.length} calls x ${PROMPT_CALL_MS} ms, it waited behind another caller (started..settled from the burst's start: ${timeline})`);
    }
  }
}

/** O1: every call succeeded, and what places, cancels and fetches answered equals the model. */
function judgeAnswers(model: TradingModel, world: TradingWorld, calls: readonly ResolvedCall[]): void {
  const placed = new Map(calls.flatMap((call) => (call.intent === undefined ? [] : [[call.intent.clientOrderId, call.intent] as const])));
  absorbVenueEvents(model, world, (accepted) => {
    const intent = placed.get(accepted.clientOrderId);
    if (intent === undefined) throw new InvariantViolationError('O4', `the venue accepted ${accepted.clientOrderId}, which the burst did not place`);
    placed.delete(accepted.clientOrderId);
    world.rememberVenueOrder(accepted.orderId, accepted.clientOrderId);
    model.accept({ clientOrderId: intent.clientOrderId, symbol: intent.symbol, side: intent.side, price: intent.price, amount: accepted.quantity, venueOrderId: accepted.orderId });
  });
  for (const call of calls) {
    const what = label(call);
    if (call.outcome?.status === 'rejected') throw new InvariantViolationError('O1', `${what} of the burst: expected success, got ${describeFailure(call.outcome.reason)}`);
    const view = call.outcome?.status === 'fulfilled' ? call.outcome.view : undefined;
    if (view === undefined) continue;
    model.syncOrder(view.clientOrderId);
    const expected = model.order(view.clientOrderId, 'truth');
    const difference = expected === undefined ? `the model has no ${view.clientOrderId}` : orderDifference(view, expected);
    if (difference !== undefined) throw new InvariantViolationError('O1', `${what} of the burst returned ${difference}`);
  }
}

const KINDS: readonly ConcurrentCallKind[] = ['place', 'cancel', 'fetchOrder', 'fetchOpenOrders', 'fetchMyTrades', 'fetchBalances'];

/** 2-4 callers of 1-3 calls each (at most 12 in flight), the account's answers on time or 1-8 s late. */
export const concurrentCallersArbitrary: fc.Arbitrary<ConcurrentCallersCommand> = fc
  .record({
    callers: fc.array(fc.array(fc.constantFrom(...KINDS), { minLength: 1, maxLength: 3 }), { minLength: 2, maxLength: 4 }),
    slowMs: fc.constantFrom(0, 1_000, 3_000, 8_000),
    choice: fc.nat(20),
  })
  .map(({ callers, slowMs, choice }) => new ConcurrentCallersCommand(callers, slowMs, choice));
