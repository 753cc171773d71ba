import fc from 'fast-check';
import { InvariantViolationError } from '../../src/domain/errors';
import type { LimitOrderIntent, OrderView, Side } from '../../src/domain/order';
import type { ExchangeAdapter } from '../../src/exchange/contract';
import { InMemoryStateStore } from '../../src/exchange/state-store';
import type { AcceptedOrder, TradingModel } from '../../models/trading-model';
import { balancesDifference, orderDifference, ordersDifference } from '../invariants/compare-views';
import { eachInstanceKnowsOnlyItsOwn } from '../invariants/two-instances';
import { amountDrawArbitrary } from '../markets/amount-draw';
import { marketChoiceArbitrary } from '../markets/market-choice';
import { priceDrawArbitrary } from '../markets/price-draw';
import { TRADER, type TradingWorld } from '../world';
import { absorbVenueEvents } from './absorb-venue-events';
import { isOpen, pickOrder } from './pick-order';
import { describeLimit, planLimit, type LimitDraw } from './plan-limit';
import { TradingCommand, expectSuccess } from './trading-command';

/**
 * Which of two instances of the adapter under test on one account acts (X2): `first` is the
 * run's adapter (the model's `known` view is its view), `second` another process of the firm,
 * started on first use with the run's environment and a store of its own. The model tracks the
 * second's orders as foreign (TradingModel.acceptForeign): the first never adopts them.
 */
export type Instance = 'first' | 'second';

const instanceArbitrary = fc.constantFrom<Instance>('first', 'second');

async function adapterOf(world: TradingWorld, instance: Instance): Promise<ExchangeAdapter> {
  if (instance === 'first') return world.adapter;
  if (world.peer !== undefined) return world.peer;
  const origin = world.origin;
  if (origin === undefined) throw new RangeError('the world has no adapter module to start a second instance from');
  const peer = await expectSuccess(world.drive(origin.createAdapter({ ...origin.environment, store: new InMemoryStateStore() })), 'X2', 'starting a second instance');
  world.peer = peer;
  await expectSuccess(world.drive(peer.loadMarkets()), 'X2', "the second instance's loadMarkets");
  return peer;
}

/** Whether `instance` placed this order: the model knows the second's as foreign. */
function placedBy(model: Readonly<TradingModel>, instance: Instance, clientOrderId: string): boolean {
  return model.isForeign(clientOrderId) === (instance === 'second');
}

/** One instance places a GTC limit the venue accepts; its answer must be the venue's truth of it. */
export class PlaceThroughCommand extends TradingCommand {
  private resolved = '';

  constructor(
    private readonly instance: Instance,
    private readonly draw: LimitDraw,
  ) {
    super();
  }

  check(model: Readonly<TradingModel>): boolean {
    const plan = planLimit(model, this.draw);
    if (plan === undefined) return false;
    // The first instance's ledger is the model's known one: it must cover the reserve too.
    return this.instance === 'second' || model.canAfford('known', { symbol: plan.symbol, side: plan.side, ...plan.rounded });
  }

  protected async apply(model: TradingModel, world: TradingWorld): Promise<void> {
    const plan = planLimit(model, this.draw);
    if (plan === undefined) throw new RangeError('place ran with an order its check refused');
    const adapter = await adapterOf(world, this.instance);
    const intent: LimitOrderIntent = { clientOrderId: world.nextClientOrderId(), type: 'limit', symbol: plan.symbol, side: plan.side, price: plan.price, amount: plan.amount };
    this.resolved = `${intent.clientOrderId} ${describeLimit(plan, this.draw)}`;
    const view = await expectSuccess(world.drive(adapter.place(intent)), 'O1', `${this.instance} instance's place ${intent.clientOrderId}`);
    absorbVenueEvents(model, world, (order) => {
      if (order.clientOrderId !== intent.clientOrderId) throw new InvariantViolationError('O4', `placing ${intent.clientOrderId} created venue order ${order.clientOrderId}`);
      world.rememberVenueOrder(order.orderId, order.clientOrderId);
      const accepted: AcceptedOrder = { clientOrderId: order.clientOrderId, symbol: plan.symbol, side: plan.side, ...plan.rounded, amount: order.quantity, venueOrderId: order.orderId };
      if (this.instance === 'first') model.accept(accepted);
      else model.acceptForeign(accepted);
    });
    if (this.instance === 'first') model.syncOrder(intent.clientOrderId);
    const truth = model.order(intent.clientOrderId, 'truth');
    if (truth === undefined) throw new InvariantViolationError('O4', `place ${intent.clientOrderId} succeeded but the venue holds no such order`);
    const difference = orderDifference(view, truth);
    if (difference !== undefined) throw new InvariantViolationError('O1', `the ${this.instance} instance's place returned ${difference}`);
  }

  toString(): string {
    return `${this.instance}.place(${this.resolved || describeLimit(undefined, this.draw)})`;
  }
}

/** One instance cancels one of its own open orders. */
export class CancelThroughCommand extends TradingCommand {
  private target = '?';

  constructor(
    private readonly instance: Instance,
    private readonly index: number,
  ) {
    super();
  }

  private pick(model: Readonly<TradingModel>): OrderView | undefined {
    return pickOrder(model, this.index, (order) => isOpen(order) && placedBy(model, this.instance, order.clientOrderId));
  }

  check(model: Readonly<TradingModel>): boolean {
    return this.pick(model) !== undefined;
  }

  protected async apply(model: TradingModel, world: TradingWorld): Promise<void> {
    const order = this.pick(model);
    if (order === undefined) throw new RangeError('cancel ran without an open order of its instance');
    this.target = order.clientOrderId;
    const adapter = await adapterOf(world, this.instance);
    const view = await expectSuccess(world.drive(adapter.cancel(order.symbol, order.clientOrderId)), 'O1', `${this.instance} instance's cancel ${order.clientOrderId}`);
    absorbVenueEvents(model, world);
    if (this.instance === 'first') model.syncOrder(order.clientOrderId);
    const truth = model.order(order.clientOrderId, 'truth');
    if (truth?.status !== 'canceled') throw new InvariantViolationError('O1', `cancel of ${order.clientOrderId} succeeded but the venue did not cancel it`);
    const difference = orderDifference(view, truth);
    if (difference !== undefined) throw new InvariantViolationError('O1', `the ${this.instance} instance's cancel returned ${difference}`);
  }

  toString(): string {
    return `${this.instance}.cancel(${this.target})`;
  }
}

/**
 * X2: one instance reconciles. After it, its orders are exactly the ones placed through it, each
 * as the venue holds it, and its balances are the venue's (shared truth: the other instance's
 * reserves and fills included). Its drift report is not judged: the other instance's moves are
 * drift it could not have known.
 */
export class ReconcileThroughCommand extends TradingCommand {
  constructor(private readonly instance: Instance) {
    super();
  }

  check(): boolean {
    return true;
  }

  protected async apply(model: TradingModel, world: TradingWorld): Promise<void> {
    const adapter = await adapterOf(world, this.instance);
    await expectSuccess(world.drive(adapter.reconcile()), 'X2', `the ${this.instance} instance's reconcile`);
    absorbVenueEvents(model, world);
    // The first's expected view is the model's known one; the second's, the truth of its own orders.
    if (this.instance === 'first') model.syncAll();
    const expected = this.instance === 'first' ? model.orders('known') : model.orders('truth').filter((order) => model.isForeign(order.clientOrderId));
    const difference =
      eachInstanceKnowsOnlyItsOwn.check(model, world) ??
      ordersDifference(adapter.orders(), expected) ??
      balancesDifference(adapter.balances(), world.venue.control.balances(TRADER), `the ${this.instance} instance`, 'the venue');
    if (difference !== undefined) throw new InvariantViolationError('X2', `after the ${this.instance} instance's reconcile ${difference}`);
  }

  toString(): string {
    return `${this.instance}.reconcile()`;
  }
}

export const placeThroughArbitrary = fc
  .record({ instance: instanceArbitrary, market: marketChoiceArbitrary, side: fc.constantFrom<Side>('buy', 'sell'), price: priceDrawArbitrary, amount: amountDrawArbitrary })
  .map(({ instance, ...draw }) => new PlaceThroughCommand(instance, draw));

export const cancelThroughArbitrary = fc.record({ instance: instanceArbitrary, index: fc.nat(20) }).map(({ instance, index }) => new CancelThroughCommand(instance, index));

export const reconcileThroughArbitrary = instanceArbitrary.map((instance) => new ReconcileThroughCommand(instance));
