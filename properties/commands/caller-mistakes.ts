import fc from 'fast-check';
import { InvariantViolationError, TradepropError } from '../../src/domain/errors';
import type { TradingModel } from '../../models/trading-model';
import { orderDifference } from '../invariants/compare-views';
import type { TradingWorld } from '../world';
import { describeMarketChoice, marketChoiceArbitrary, marketOf, type MarketChoice } from '../markets/market-choice';
import { absorbVenueEvents } from './absorb-venue-events';
import { isOpen, pickOrder } from './pick-order';
import type { LimitOrderIntent, OrderView } from '../../src/domain/order';
import { TradingCommand, describeFailure, expectFailure, refusedByOpenBreaker } from './trading-command';

/**
 * What real callers do by mistake or with bad timing, as ordinary commands: the error paths of
 * the order machine are reached without a fault. Each answer is Binance's: -2011 "Unknown order
 * sent." for a cancel of an order that is no longer open or never existed (ORDER_NOT_FOUND),
 * -2013 "Order does not exist." for a query of an id the venue never saw.
 */

/** An id no order of this run carries: the venue never saw it. */
const neverSent = (n: number): string => `never-sent-${n}`;

/**
 * Awaits a call that must fail with ORDER_NOT_FOUND and leave the order where the caller's
 * knowledge put it: the adapter may learn the truth on the way (then the model's known view
 * follows it), but it must never invent a state the venue does not hold.
 */
async function expectOrderNotFound(
  model: TradingModel,
  world: TradingWorld,
  call: { work: () => Promise<unknown>; what: string; isCancel: boolean },
  clientOrderId: string | undefined,
): Promise<void> {
  const { work, what, isCancel } = call;
  const outcome = await world.drive(work()).then(
    (value) => ({ value, error: undefined }),
    (error: unknown) => ({ value: undefined, error }),
  );
  absorbVenueEvents(model, world);
  const error = outcome.error;
  if (error === undefined) throw new InvariantViolationError('O1', `${what}: expected ORDER_NOT_FOUND, but it succeeded`);
  // A read may be refused unsent by a breaker that must be open; a cancel never is (venue-calls.ts).
  const refused = !isCancel && refusedByOpenBreaker(error, world);
  if (!refused && !(error instanceof TradepropError && error.code === 'ORDER_NOT_FOUND')) {
    throw new InvariantViolationError('O1', `${what}: expected ORDER_NOT_FOUND, got ${describeFailure(error)}`);
  }
  if (clientOrderId === undefined) return;
  const local = world.adapter.orders().find((order) => order.clientOrderId === clientOrderId);
  const truth = model.order(clientOrderId, 'truth');
  // Learned the truth on the way (a lookup after the -2011): the known view catches up with it.
  if (local !== undefined && truth !== undefined && orderDifference(local, truth) === undefined) model.syncOrder(clientOrderId);
}

/**
 * Cancels an order that already filled, expired or was canceled at the venue, often one the
 * adapter still believes open (its fills came from other traders it has not heard of): the
 * cancel must fail as ORDER_NOT_FOUND and the order must not be reported canceled.
 */
export class CancelSettledOrderCommand extends TradingCommand {
  private target = '?';

  constructor(private readonly index: number) {
    super();
  }

  // Only orders the venue has settled: cancelling an open one is CancelOrderCommand's.
  check(model: Readonly<TradingModel>): boolean {
    return pickOrder(model, this.index, (order) => !isOpen(order)) !== undefined;
  }

  protected async apply(model: TradingModel, world: TradingWorld): Promise<void> {
    const order = pickOrder(model, this.index, (candidate) => !isOpen(candidate));
    if (order === undefined) throw new RangeError('cancelSettled ran without a settled order');
    this.target = `${order.clientOrderId}, ${order.status} at the venue`;
    const work = (): Promise<unknown> => world.adapter.cancel(order.symbol, order.clientOrderId);
    await expectOrderNotFound(model, world, { work, what: `cancel of ${order.clientOrderId}, already ${order.status}`, isCancel: true }, order.clientOrderId);
    model.cancelRefused(order.clientOrderId);
  }

  toString(): string {
    return `cancelSettled(${this.target})`;
  }
}

/** Cancels or fetches an id the venue never saw, on one of the run's markets. */
export class UnknownOrderCommand extends TradingCommand {
  private symbol: string | undefined;

  constructor(
    private readonly call: 'cancel' | 'fetchOrder',
    private readonly marketChoice: MarketChoice,
    private readonly n: number,
  ) {
    super();
  }

  // Always allowed: a typo or another process's id can come at any time.
  check(): boolean {
    return true;
  }

  protected async apply(model: TradingModel, world: TradingWorld): Promise<void> {
    const { symbol } = marketOf(model.markets, this.marketChoice);
    this.symbol = symbol;
    const id = neverSent(this.n);
    const work = this.call === 'cancel' ? () => world.adapter.cancel(symbol, id) : () => world.adapter.fetchOrder(symbol, id);
    await expectOrderNotFound(model, world, { work, what: `${this.call} of ${id}, which the venue never saw`, isCancel: this.call === 'cancel' }, undefined);
    if (world.adapter.orders().some((order) => order.clientOrderId === id)) throw new InvariantViolationError('O1', `${this.call} of ${id} added an order the venue does not have`);
  }

  toString(): string {
    return `${this.call}(${neverSent(this.n)} on ${this.symbol ?? describeMarketChoice(this.marketChoice)}, never sent)`;
  }
}

/**
 * Places a new order under the client order id of one the adapter already placed (a retry
 * loop that reuses its intent's id for a different order, a restart that reuses ids): the
 * adapter must refuse it as DUPLICATE_ORDER and send nothing. Binance alone would refuse the id
 * only while the first order is open, and accept it once that one filled or was canceled:
 * one id, two venue orders (O4).
 */
export class PlaceWithUsedIdCommand extends TradingCommand {
  private target = '?';

  constructor(private readonly index: number) {
    super();
  }

  // Only ids the adapter knows it used: an id whose placement it never heard of is exactly-once's case.
  check(model: Readonly<TradingModel>): boolean {
    return this.pick(model) !== undefined;
  }

  private pick(model: Readonly<TradingModel>): OrderView | undefined {
    const known = new Set(model.orders('known').map((order) => order.clientOrderId));
    return pickOrder(model, this.index, (order) => known.has(order.clientOrderId));
  }

  protected async apply(model: TradingModel, world: TradingWorld): Promise<void> {
    const order = this.pick(model);
    if (order === undefined) throw new RangeError('placeWithUsedId ran without a known order');
    this.target = `${order.clientOrderId}, ${order.status}`;
    const intent: LimitOrderIntent = { type: 'limit', clientOrderId: order.clientOrderId, symbol: order.symbol, side: order.side, price: order.price, amount: order.amount };
    const before = world.venue.control.events().length;
    await expectFailure(world.drive(world.adapter.place(intent)), 'DUPLICATE_ORDER', 'O4', `a new order under ${order.clientOrderId}, already used`);
    const sent = world.venue.control.events().slice(before).some((event) => event.type === 'request' && event.method === 'POST' && event.path === '/api/v3/order');
    absorbVenueEvents(model, world);
    if (sent) throw new InvariantViolationError('O4', `a new order under ${order.clientOrderId}, already used, was sent to the venue`);
  }

  toString(): string {
    return `placeWithUsedId(${this.target})`;
  }
}

export const placeWithUsedIdArbitrary = fc.nat(20).map((index) => new PlaceWithUsedIdCommand(index));

// Only orders the venue has settled are picked; when there is none yet the step is skipped.
export const cancelSettledOrderArbitrary = fc.nat(20).map((index) => new CancelSettledOrderCommand(index));

export const unknownOrderArbitrary = fc
  .record({ call: fc.constantFrom<'cancel' | 'fetchOrder'>('cancel', 'fetchOrder'), market: marketChoiceArbitrary, n: fc.nat(9) })
  .map(({ call, market, n }) => new UnknownOrderCommand(call, market, n));
