import fc from 'fast-check';
import { type Decimal, dec, floorToStep } from '../../src/domain/decimal';
import { InvariantViolationError } from '../../src/domain/errors';
import type { Market } from '../../src/domain/market';
import type { LimitOrderIntent, OrderView, Side } from '../../src/domain/order';
import type { VenueEvent } from '../../src/venue/types';
import type { TradingModel } from '../../models/trading-model';
import { cancelsFirstFifoProblem } from '../invariants/cancels-first-fifo';
import { orderDifference } from '../invariants/compare-views';
import type { TradingWorld } from '../world';
import { absorbVenueEvents } from './absorb-venue-events';
import { smallestValidQuantity } from './external-order';
import { referencePrice } from '../markets/reference-price';
import { TradingCommand, describeFailure } from './trading-command';

/** What every order of a burst is: the least valid quantity, twice or half the reference price. */
export interface FarOrder {
  market: Market;
  side: Side;
  price: Decimal;
  amount: Decimal;
}

/**
 * Load that R4 is about: `count` new limit orders and, in the same tick, cancels of `cancels` of
 * our open orders (resting ones are placed first where too few are open). Binance's ORDERS limit
 * is 100 per 10 s, so with more than 100 new orders the limiter must hold some for the next
 * window while the cancels are waiting too. The orders rest far from the reference price, at the
 * least quantity the filters allow, so funds suffice; every answer must equal the model (O1), and
 * the venue's log must show the cancels first and the new orders in issue order (R4).
 */
export class BurstPlaceAndCancelCommand extends TradingCommand {
  private described = '';

  constructor(
    private readonly count: number,
    private readonly cancels: number,
    /** Which feasible market and side of the run's to prefer, and which open orders to cancel (indices survive shrinking). */
    private readonly choice: number,
  ) {
    super();
  }

  // Only with a market and side where the burst is affordable and rests far from the book; else skipped.
  check(model: Readonly<TradingModel>): boolean {
    return this.plan(model) !== undefined;
  }

  protected async apply(model: TradingModel, world: TradingWorld): Promise<void> {
    const plan = this.plan(model);
    if (plan === undefined) throw new RangeError('burst ran without a feasible market');
    const { order, seeds } = plan;
    if (seeds > 0) await issueAndJudge(model, world, order, this.intents(world, order, seeds), []);

    const open = model.openOrders(undefined, 'truth');
    const targets = Array.from({ length: this.cancels }, (_, offset) => open[(this.choice + offset) % open.length]).filter((target) => target !== undefined);
    const placements = this.intents(world, order, this.count);
    const resting = seeds > 0 ? `${seeds} resting first, then ` : '';
    this.described = `${resting}${this.count} x ${order.market.symbol} ${order.side} ${order.amount.toFixed()} @ ${order.price.toFixed()}, cancel ${targets.map((target) => target.clientOrderId).join(' ')}`;
    const issuedAt = world.clock.now();
    await issueAndJudge(model, world, order, placements, targets, (events) =>
      cancelsFirstFifoProblem({ issuedAt, placements: placements.map((intent) => intent.clientOrderId), cancels: targets.map((target) => target.clientOrderId) }, events),
    );
  }

  /** The first feasible far order, from the preferred one on, and the resting orders to place first. */
  private plan(model: Readonly<TradingModel>): { order: FarOrder; seeds: number } | undefined {
    const open = model.openOrders(undefined, 'truth');
    const seeds = Math.max(0, this.cancels - open.length);
    const candidates = model.markets.flatMap((market) => (['sell', 'buy'] as const).map((side) => farOrder(market, side)));
    for (let offset = 0; offset < candidates.length; offset += 1) {
      const order = candidates[(this.choice + offset) % candidates.length];
      if (order !== undefined && feasible(model, order, this.count + seeds)) return { order, seeds };
    }
    return undefined;
  }

  /** Client ids drawn now, in issue order: the FIFO half of R4 is judged against it. */
  private intents(world: TradingWorld, order: FarOrder, count: number): LimitOrderIntent[] {
    return Array.from({ length: count }, () => ({
      type: 'limit',
      clientOrderId: world.nextClientOrderId(),
      symbol: order.market.symbol,
      side: order.side,
      price: order.price.toFixed(),
      amount: order.amount.toFixed(),
    }));
  }

  toString(): string {
    return `burstPlaceAndCancel(${this.described || `${this.count} new, ${this.cancels} cancels, #${this.choice}`})`;
  }
}

/** Twice the reference price for a sell, half for a buy: far from where anyone else trades. */
export function farOrder(market: Market, side: Side): FarOrder {
  const tick = dec(market.priceFilter.tickSize);
  const price = floorToStep(side === 'sell' ? referencePrice(market).times(2) : referencePrice(market).div(2), tick);
  return { market, side, price, amount: smallestValidQuantity(market, price) };
}

/**
 * Whether `count` of `order` can all be placed: both the venue and the adapter's view have the
 * funds (the adapter reserves from its own view), the market's MAX_NUM_ORDERS leaves room, and
 * none would cross one of our own orders (self-trade prevention is not modelled).
 */
export function feasible(model: Readonly<TradingModel>, order: FarOrder, count: number): boolean {
  const { market, side, price, amount } = order;
  const asset = side === 'buy' ? market.quote : market.base;
  const needed = (side === 'buy' ? price.times(amount) : amount).times(count);
  for (const view of ['truth', 'known'] as const) {
    if (dec(model.balances(view)[asset]?.free ?? '0').lt(needed)) return false;
  }
  const ours = model.openOrders(market.symbol, 'truth');
  if (ours.length + count > market.maxNumOrders) return false;
  return !ours.some((open) => open.side !== side && (side === 'sell' ? dec(open.price).gte(price) : dec(open.price).lte(price)));
}

/**
 * Issues every placement, then every cancel, in one tick, and judges the step from the venue's
 * events: the model takes the accepted orders, fills and cancels from them, `judgeLog` reads
 * them (R4), and every answer must then equal the model's view (O1).
 */
async function issueAndJudge(
  model: TradingModel,
  world: TradingWorld,
  order: FarOrder,
  placements: readonly LimitOrderIntent[],
  targets: readonly OrderView[],
  judgeLog?: (events: readonly VenueEvent[]) => string | undefined,
): Promise<void> {
  const placing = placements.map((intent) => world.adapter.place(intent));
  const canceling = targets.map((target) => world.adapter.cancel(target.symbol, target.clientOrderId));
  // Settled, not raced: a failure is judged with the whole burst's effect on the venue known.
  const answers = await world.drive(Promise.allSettled([...placing, ...canceling]));
  const events = world.takeNewEvents();
  const ids = new Set(placements.map((intent) => intent.clientOrderId));
  absorbVenueEvents(model, world, (accepted) => {
    if (!ids.has(accepted.clientOrderId)) throw new InvariantViolationError('O4', `the venue accepted ${accepted.clientOrderId}, which the burst did not place`);
    ids.delete(accepted.clientOrderId);
    world.rememberVenueOrder(accepted.orderId, accepted.clientOrderId);
    model.accept({ clientOrderId: accepted.clientOrderId, symbol: order.market.symbol, side: order.side, price: order.price.toFixed(), amount: accepted.quantity, venueOrderId: accepted.orderId });
  }, events);
  const problem = judgeLog?.(events);
  if (problem !== undefined) throw new InvariantViolationError('R4', problem);

  const asked = [...placements.map((intent) => `place ${intent.clientOrderId}`), ...targets.map((target) => `cancel ${target.clientOrderId}`)];
  answers.forEach((answer, index) => {
    const what = asked[index] ?? '?';
    if (answer.status === 'rejected') throw new InvariantViolationError('O1', `${what} of the burst: expected success, got ${describeFailure(answer.reason)}`);
    const view = answer.value;
    model.syncOrder(view.clientOrderId);
    const expected = model.order(view.clientOrderId, 'truth');
    const difference = expected === undefined ? `the model has no ${view.clientOrderId}` : orderDifference(view, expected);
    if (difference !== undefined) throw new InvariantViolationError('O1', `${what} of the burst returned ${difference}`);
  });
}

/** Just over one ORDERS window (100 per 10 s), so the limiter holds the rest; up to three cancels. */
export const burstPlaceAndCancelArbitrary: fc.Arbitrary<BurstPlaceAndCancelCommand> = fc
  .record({ count: fc.integer({ min: 101, max: 110 }), cancels: fc.integer({ min: 1, max: 3 }), choice: fc.nat(20) })
  .map(({ count, cancels, choice }) => new BurstPlaceAndCancelCommand(count, cancels, choice));
