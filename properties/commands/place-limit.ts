import fc from 'fast-check';
import { type Decimal, dec, floorToStep } from '../../src/domain/decimal';
import { InvariantViolationError, TradepropError } from '../../src/domain/errors';
import type { Market } from '../../src/domain/market';
import type { OrderIntent, Side } from '../../src/domain/order';
import type { TradingModel } from '../../models/trading-model';
import { brokenFilter, reserveOf, roundOrder, type FilterName, type RoundedOrder } from '../../models/order-rules';
import { orderDifference } from '../invariants/compare-views';
import type { TradingWorld } from '../world';
import { absorbVenueEvents } from './absorb-venue-events';
import { amountArbitrary, priceArbitrary, type AmountSpec } from './hard-decimals';
import { TradingCommand, describeFailure, expectFailure } from './trading-command';

/**
 * Places a limit order from an intent. The model predicts the whole outcome from the
 * precision policy and the venue's truth: refused locally for a broken filter (nothing may be
 * sent, D1), refused by the venue for want of funds (D3), or accepted with exactly the rounded
 * price and quantity (D1, D3) and the fills it takes on arrival (O1).
 */
export class PlaceLimitCommand extends TradingCommand {
  private sentAmount: string | undefined;

  constructor(
    private readonly market: Market,
    private readonly side: Side,
    private readonly price: string,
    private readonly amount: AmountSpec,
  ) {
    super();
  }

  check(model: Readonly<TradingModel>): boolean {
    const { rounded, broken, reserve } = this.plan(model);
    // What the venue has credited but the adapter has not yet been told of (fills since its
    // last sync) cannot be in its ledger, so the adapter could not reserve against it: a
    // trading system places only what its own view covers.
    const affordableToVenue = !dec(model.balances('truth')[reserve.asset]?.free ?? '0').lt(reserve.amount);
    const affordableToAdapter = !dec(model.balances('known')[reserve.asset]?.free ?? '0').lt(reserve.amount);
    if (broken === undefined && affordableToVenue && !affordableToAdapter) return false;
    // Self-trade prevention is a later slice: never let our order cross one of our own.
    return !model.orders('truth').some(
      (order) =>
        order.symbol === this.market.symbol &&
        order.side !== this.side &&
        (order.status === 'open' || order.status === 'partially_filled') &&
        (this.side === 'buy' ? dec(order.price).lte(rounded.price) : dec(order.price).gte(rounded.price)),
    );
  }

  /** The amount to send and what the policy makes of it: pure, so check and apply agree. */
  private plan(model: Readonly<TradingModel>): { amount: string; rounded: RoundedOrder; broken: FilterName | undefined; reserve: { asset: string; amount: Decimal } } {
    const amount = this.amount === 'all-free' ? this.allFree(model) : this.amount;
    const rounded = roundOrder(this.market, this.side, dec(this.price), dec(amount));
    return { amount, rounded, broken: brokenFilter(this.market, rounded), reserve: reserveOf(this.market, this.side, rounded) };
  }

  protected async apply(model: TradingModel, world: TradingWorld): Promise<void> {
    const { amount, rounded, broken, reserve } = this.plan(model);
    this.sentAmount = amount;
    const intent: OrderIntent = {
      clientOrderId: world.nextClientOrderId(),
      symbol: this.market.symbol,
      side: this.side,
      type: 'limit',
      price: this.price,
      amount,
    };
    const free = dec(model.balances('truth')[reserve.asset]?.free ?? '0');

    if (broken !== undefined) {
      await expectFailure(world.drive(world.adapter.place(intent)), 'FILTER_VIOLATION', 'D1', `${intent.clientOrderId} breaks ${broken}`);
      if (world.takeNewEvents().some((event) => event.type === 'request' && event.path === '/api/v3/order')) {
        throw new InvariantViolationError('D1', `${intent.clientOrderId} breaks ${broken} but an order request reached the venue`);
      }
      return;
    }
    // Settled before judging: with faults the outcome is judged against what the venue did.
    const outcome = await world.drive(world.adapter.place(intent)).then(
      (view) => ({ view, error: undefined }),
      (error: unknown) => ({ view: undefined, error }),
    );
    const events = world.takeNewEvents();
    const faulted = events.some((event) => event.type === 'fault');
    let accepted = 0;
    absorbVenueEvents(
      model,
      world,
      (order) => {
        if (order.clientOrderId !== intent.clientOrderId) {
          throw new InvariantViolationError('O4', `placing ${intent.clientOrderId} created venue order ${order.clientOrderId}`);
        }
        accepted += 1;
        if (accepted > 1) throw new InvariantViolationError('O4', `placing ${intent.clientOrderId} created a second venue order (${order.orderId}) for the one intent`);
        assertSentAsRounded(intent, rounded, order.price, order.quantity);
        world.rememberVenueOrder(order.orderId, order.clientOrderId);
        const placed = { ...intent, venueOrderId: order.orderId, price: rounded.price.toFixed(), amount: rounded.amount.toFixed() };
        if (outcome.view === undefined) model.acceptUnknown(placed);
        else model.accept(placed);
      },
      events,
    );
    const refused = free.lt(reserve.amount);
    if (outcome.view === undefined) {
      judgeFailedPlacement(outcome.error, { id: intent.clientOrderId, accepted: accepted > 0, faulted, refused, need: `${reserve.amount.toFixed()} ${reserve.asset}, ${free.toFixed()} free` });
      if (refused && accepted === 0) model.reject({ ...intent, price: rounded.price.toFixed(), amount: rounded.amount.toFixed() });
      return;
    }
    if (refused) throw new InvariantViolationError('D3', `${intent.clientOrderId} needs ${reserve.amount.toFixed()} ${reserve.asset}, ${free.toFixed()} free: expected INSUFFICIENT_FUNDS, but it succeeded`);
    const view = outcome.view;
    const expected = model.order(intent.clientOrderId, 'truth');
    if (expected === undefined) throw new InvariantViolationError('O4', `placing ${intent.clientOrderId} reported success but the venue holds no such order`);
    model.syncOrder(intent.clientOrderId);
    const difference = orderDifference(view, expected);
    if (difference !== undefined) throw new InvariantViolationError('O1', `place returned ${difference}`);
  }

  /** Everything the adapter knows is free: the whole base for a sell, what the quote buys for a buy. */
  private allFree(model: Readonly<TradingModel>): string {
    const balances = model.balances('known');
    const step = dec(this.market.lotSize.stepSize);
    if (this.side === 'sell') return floorToStep(dec(balances[this.market.base]?.free ?? '0'), step).toFixed();
    const price = roundOrder(this.market, 'buy', dec(this.price), step).price;
    if (price.isZero()) return '0';
    return floorToStep(dec(balances[this.market.quote]?.free ?? '0').div(price), step).toFixed();
  }

  toString(): string {
    const amount = this.amount === 'all-free' ? `all-free(${this.sentAmount ?? '?'})` : this.amount;
    return `place(${this.market.symbol} ${this.side} ${amount} @ ${this.price})`;
  }
}

/**
 * A placement that threw. Without a fault in its step it had to succeed (O1) or, short of funds,
 * be refused as such (D3). Under faults it may also end with a retryable error (outcome unknown
 * or definitely not placed), but never with a final-sounding one while the venue holds the order
 * (O4): the trading system would then place it again. Anything but a typed error is rethrown.
 */
function judgeFailedPlacement(error: unknown, step: { id: string; accepted: boolean; faulted: boolean; refused: boolean; need: string }): void {
  if (!(error instanceof TradepropError)) throw error;
  const got = describeFailure(error);
  if (step.accepted) {
    if (error.retryable && step.faulted) return;
    throw new InvariantViolationError('O4', `place ${step.id} failed with ${got} but the venue holds the order`);
  }
  if (step.faulted && error.retryable) return;
  if (step.refused) {
    if (error.code !== 'INSUFFICIENT_FUNDS') throw new InvariantViolationError('D3', `${step.id} needs ${step.need}: expected INSUFFICIENT_FUNDS, got ${got}`);
    return;
  }
  throw new InvariantViolationError('O1', `place ${step.id}: expected success, got ${got}`);
}

/** D1 and D3: what reached the venue is the policy's rounding of the intent, never more. */
function assertSentAsRounded(intent: OrderIntent, rounded: RoundedOrder, sentPrice: string, sentQuantity: string): void {
  if (!dec(sentQuantity).eq(rounded.amount)) {
    const invariant = dec(sentQuantity).gt(dec(intent.amount)) ? 'D3' : 'D1';
    throw new InvariantViolationError(invariant, `${intent.clientOrderId} asked ${intent.amount}, sent quantity ${sentQuantity}, the policy gives ${rounded.amount.toFixed()}`);
  }
  if (!dec(sentPrice).eq(rounded.price)) {
    throw new InvariantViolationError('D1', `${intent.clientOrderId} asked price ${intent.price}, sent ${sentPrice}, the policy gives ${rounded.price.toFixed()}`);
  }
}

export function placeLimitArbitrary(markets: readonly Market[]): fc.Arbitrary<PlaceLimitCommand> {
  return fc
    .record({ market: fc.constantFrom(...markets), side: fc.constantFrom<Side>('buy', 'sell') })
    .chain(({ market, side }) =>
      priceArbitrary(market).chain((price) => amountArbitrary(market, price).map((amount) => new PlaceLimitCommand(market, side, price, amount))),
    );
}
