import fc from 'fast-check';
import { InvariantViolationError } from '../../src/domain/errors';
import type { LimitOrderIntent, Side } from '../../src/domain/order';
import type { ExchangeAdapter } from '../../src/exchange/contract';
import type { TradingModel } from '../../models/trading-model';
import { balancesDifference, ordersDifference } from '../invariants/compare-views';
import { amountDrawArbitrary } from '../markets/amount-draw';
import { marketChoiceArbitrary } from '../markets/market-choice';
import { priceDrawArbitrary } from '../markets/price-draw';
import type { TradingWorld } from '../world';
import { absorbVenueEvents } from './absorb-venue-events';
import { POST_ORDER } from './fault-command';
import { describeLimit, planLimit, type LimitDraw } from './plan-limit';
import { describeFailure, TradingCommand } from './trading-command';

/**
 * A GTC limit order the process is placing when it dies. Its POST travels `delay.ms` on the
 * venue clock before the venue sees it (`request`) or is applied at once and answered after
 * `delay.ms` (`response`); the process dies `crashAfterMs` after it called `place`: before the
 * POST left, with it on the wire, between the venue's applying it and the answer, or after.
 */
export interface PlaceInFlight extends LimitDraw {
  delay: { phase: 'request' | 'response'; ms: number };
  crashAfterMs: number;
}

/**
 * X3: the process running the adapter dies at any point, possibly with a `place` in flight, and
 * a new one builds the adapter on the same environment and the same store. The dead process
 * writes nothing more to the store (ProcessStore) and its `close()` only stands for the
 * resources the OS takes back; what it had on the wire still lands at the venue. After the new
 * adapter's first call (`loadMarkets`), its view must be the truth (TradingModel.restart): no
 * order the venue holds lost, none placed twice (O4, from the venue's log), no fill booked twice,
 * the ledger the venue's.
 */
export class RestartCommand extends TradingCommand {
  private resolved = '';

  constructor(private readonly inFlight: PlaceInFlight | undefined) {
    super();
  }

  check(model: Readonly<TradingModel>): boolean {
    return this.inFlight === undefined || planLimit(model, this.inFlight) !== undefined;
  }

  protected async apply(model: TradingModel, world: TradingWorld): Promise<void> {
    const origin = world.origin;
    if (origin === undefined) throw new RangeError('the world has no adapter module to restart from');
    const inFlight = this.inFlight === undefined ? undefined : await this.startPlacing(model, world, this.inFlight);

    // The process dies: its store handle first, so nothing it does from here on is remembered.
    const store = origin.store.successor();
    const dead = world.adapter;
    await world.clock.run(settled(dead.close()));
    if (inFlight !== undefined) {
      // Its packets on the wire land; what the dead adapter makes of the answers is lost with it.
      await world.clock.run(settled(inFlight.call));
      absorbVenueEvents(model, world, (order) => {
        if (order.clientOrderId !== inFlight.intent.clientOrderId) throw new InvariantViolationError('O4', `the dying process placed ${inFlight.intent.clientOrderId}, the venue accepted ${order.clientOrderId}`);
        world.rememberVenueOrder(order.orderId, order.clientOrderId);
        model.acceptUnknown({ clientOrderId: order.clientOrderId, symbol: inFlight.intent.symbol, side: inFlight.intent.side, ...inFlight.rounded, amount: order.quantity, venueOrderId: order.orderId });
      });
    } else {
      absorbVenueEvents(model, world);
    }

    const next = await this.startAgain(world, origin.createAdapter({ ...origin.environment, store }));
    world.replaceAdapter(next, store);
    try {
      await world.drive(next.loadMarkets());
    } catch (error) {
      throw new InvariantViolationError('X3', `the restarted adapter's loadMarkets failed: ${describeFailure(error)}`);
    }
    // Its catch-up only reads: an order accepted now was placed a second time (O4).
    absorbVenueEvents(model, world);
    model.restart();
    const difference = ordersDifference(next.orders(), model.orders('known')) ?? balancesDifference(next.balances(), model.balances('known'), 'restarted adapter', 'model');
    if (difference !== undefined) throw new InvariantViolationError('X3', `after the restart ${difference}`);
  }

  /** Starts the in-flight place and lets the clock run until the process dies (or the call settles first). */
  private async startPlacing(model: TradingModel, world: TradingWorld, inFlight: PlaceInFlight): Promise<{ call: Promise<unknown>; intent: LimitOrderIntent; rounded: { price: string; amount: string } }> {
    const plan = planLimit(model, inFlight);
    if (plan === undefined) throw new RangeError('restart ran with an order its check refused');
    const intent: LimitOrderIntent = { clientOrderId: world.nextClientOrderId(), type: 'limit', symbol: plan.symbol, side: inFlight.side, price: plan.price, amount: plan.amount };
    this.resolved = `${intent.clientOrderId} ${describeLimit(plan, inFlight)}`;
    world.venue.nemesis.schedule({ kind: 'delay', ms: inFlight.delay.ms, phase: inFlight.delay.phase }, { matching: POST_ORDER });
    const call = settled(world.adapter.place(intent));
    // The death's timer is dropped when the call settles first, so no stray timer moves the clock later.
    const death = new AbortController();
    await world.clock.run(Promise.race([call.then(() => death.abort()), world.clock.sleep(inFlight.crashAfterMs, death.signal)]));
    return { call, intent, rounded: plan.rounded };
  }

  private async startAgain(world: TradingWorld, creating: Promise<ExchangeAdapter>): Promise<ExchangeAdapter> {
    try {
      return await world.drive(creating);
    } catch (error) {
      throw new InvariantViolationError('X3', `the adapter could not be created again on its store: ${describeFailure(error)}`);
    }
  }

  toString(): string {
    const inFlight = this.inFlight;
    if (inFlight === undefined) return 'restart()';
    const order = this.resolved || describeLimit(undefined, inFlight);
    return `restart(during place ${order}, POST ${inFlight.delay.phase} delayed ${inFlight.delay.ms} ms, dies after ${inFlight.crashAfterMs} ms)`;
  }
}

/** Resolves when `work` settles, either way: a dead process's calls have no caller left. */
function settled(work: Promise<unknown>): Promise<void> {
  return work.then(
    () => undefined,
    () => undefined,
  );
}

/** A restart with nothing in flight. */
export const restartArbitrary = fc.constant(null).map(() => new RestartCommand(undefined));

/** A restart while a place is in flight, its POST and answer delayed so the death can fall anywhere around them. */
export const restartDuringPlaceArbitrary = fc
  .record({
    market: marketChoiceArbitrary,
    side: fc.constantFrom<Side>('buy', 'sell'),
    price: priceDrawArbitrary,
    amount: amountDrawArbitrary,
    delay: fc.record({ phase: fc.constantFrom<'request' | 'response'>('response', 'request'), ms: fc.integer({ min: 1, max: 2_000 }) }),
    crashAfterMs: fc.integer({ min: 0, max: 3_000 }),
  })
  .map((inFlight) => new RestartCommand(inFlight));
