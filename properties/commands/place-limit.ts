import fc from 'fast-check';
import { type Decimal, ZERO, dec, floorToStep } from '../../src/domain/decimal';
import { InvariantViolationError } from '../../src/domain/errors';
import type { Market } from '../../src/domain/market';
import type { LimitOrderIntent, OrderStatus, Side, TimeInForce } from '../../src/domain/order';
import type { VenueOrderSnapshot } from '../../src/venue/types';
import type { TradingModel } from '../../models/trading-model';
import { brokenFilter, reserveOf, roundOrder, type FilterName, type RoundedOrder } from '../../models/order-rules';
import { crossesLimit, takeFromBook } from '../../models/taker-rules';
import type { TradingWorld } from '../world';
import { oppositeLevels } from './book-truth';
import { amountDrawArbitrary, describeAmountDraw, resolveAmount, type AmountDraw } from '../markets/amount-draw';
import { describeMarketChoice, marketChoiceArbitrary, marketOf, type MarketChoice } from '../markets/market-choice';
import { describePriceDraw, priceDrawArbitrary, resolvePrice, type PriceDraw } from '../markets/price-draw';
import { placeAndJudge, sentAnOrder, type ExpectedRefusal } from './place-and-judge';
import { TradingCommand, expectFailure } from './trading-command';

/** LIMIT by time in force, or LIMIT_MAKER (post-only). */
export type LimitVariant = TimeInForce | 'MAKER';

/**
 * Places a limit order from an intent: GTC, IOC, FOK or LIMIT_MAKER. The model predicts the
 * whole outcome from the precision policy and the venue's truth (its book before the order):
 * refused locally for a broken filter (nothing may be sent, D1); refused by the venue as
 * ORDER_REJECTED for a LIMIT_MAKER that would take (Binance -2010, no order), or for want of
 * funds (D3); or accepted with exactly the rounded price and quantity (D1, D3), taking what
 * crosses at arrival: GTC rests the rest, IOC expires it, FOK fills entirely or expires with
 * nothing (O1), fees per the model's rule.
 */
export class PlaceLimitCommand extends TradingCommand {
  /** What the last run resolved the draws to, for the counterexample. */
  private resolved: string | undefined;

  constructor(
    private readonly marketChoice: MarketChoice,
    private readonly side: Side,
    private readonly priceDraw: PriceDraw,
    private readonly amountDraw: AmountDraw,
    private readonly variant: LimitVariant = 'GTC',
  ) {
    super();
  }

  check(model: Readonly<TradingModel>): boolean {
    const { market, rounded, broken, reserve } = this.plan(model);
    // What the venue has credited but the adapter has not yet been told of (fills since its
    // last sync) cannot be in its ledger, so the adapter could not reserve against it: a
    // trading system places only what its own view covers.
    const affordableToVenue = !dec(model.balances('truth')[reserve.asset]?.free ?? '0').lt(reserve.amount);
    const affordableToAdapter = !dec(model.balances('known')[reserve.asset]?.free ?? '0').lt(reserve.amount);
    if (broken === undefined && affordableToVenue && !affordableToAdapter) return false;
    // Self-trade prevention is a later slice: never let our order cross one of our own.
    return !model.orders('truth').some(
      (order) =>
        order.symbol === market.symbol &&
        order.side !== this.side &&
        (order.status === 'open' || order.status === 'partially_filled') &&
        (this.side === 'buy' ? dec(order.price).lte(rounded.price) : dec(order.price).gte(rounded.price)),
    );
  }

  /**
   * The run's market, the price and amount the draws name on it, and what the policy makes of
   * them: pure, so check and apply agree.
   */
  private plan(model: Readonly<TradingModel>): { market: Market; price: string; amount: string; all: boolean; rounded: RoundedOrder; broken: FilterName | undefined; reserve: { asset: string; amount: Decimal } } {
    const market = marketOf(model.markets, this.marketChoice);
    const price = resolvePrice(market, this.side, this.priceDraw);
    const spec = resolveAmount(market, price, this.amountDraw);
    const amount = spec === 'all-free' ? allFree(model, market, this.side, price) : spec;
    const rounded = roundOrder(market, this.side, dec(price), dec(amount));
    return { market, price, amount, all: spec === 'all-free', rounded, broken: brokenFilter(market, rounded), reserve: reserveOf(market, this.side, rounded) };
  }

  /** Places this order as the act of another command, which checks and records the step. */
  placeWithin(model: TradingModel, world: TradingWorld): Promise<void> {
    return this.apply(model, world);
  }

  protected async apply(model: TradingModel, world: TradingWorld): Promise<void> {
    const { market, price, amount, all, rounded, broken, reserve } = this.plan(model);
    this.resolved = `${market.symbol} ${this.side} ${all ? `all-free(${amount})` : amount} @ ${price}`;
    const common = { clientOrderId: world.nextClientOrderId(), symbol: market.symbol, side: this.side, price, amount };
    const intent: LimitOrderIntent = this.variant === 'MAKER' ? { ...common, type: 'limit_maker' } : { ...common, type: 'limit', ...(this.variant === 'GTC' ? {} : { timeInForce: this.variant }) };

    if (broken !== undefined) {
      await expectFailure(world.drive(world.adapter.place(intent)), 'FILTER_VIOLATION', 'D1', `${intent.clientOrderId} breaks ${broken}`);
      if (sentAnOrder(world.takeNewEvents())) throw new InvariantViolationError('D1', `${intent.clientOrderId} breaks ${broken} but an order request reached the venue`);
      return;
    }
    const levels = oppositeLevels(world, market.symbol, this.side);
    const crossing = takeFromBook(levels, { side: this.side, limitPrice: rounded.price, quantity: rounded.amount, step: dec(market.lotSize.stepSize) });
    const wouldTake = levels[0] !== undefined && crossesLimit(this.side, rounded.price, levels[0].price);
    const free = dec(model.balances('truth')[reserve.asset]?.free ?? '0');
    // Binance checks a LIMIT_MAKER's crossing before the balance.
    let refusal: ExpectedRefusal | undefined;
    if (this.variant === 'MAKER' && wouldTake) refusal = { code: 'ORDER_REJECTED', invariant: 'O1', why: `is a LIMIT_MAKER at ${rounded.price.toFixed()} that would take ${levels[0]?.price.toFixed() ?? ''}` };
    else if (free.lt(reserve.amount)) refusal = { code: 'INSUFFICIENT_FUNDS', invariant: 'D3', why: `needs ${reserve.amount.toFixed()} ${reserve.asset}, ${free.toFixed()} free` };
    await placeAndJudge(model, world, intent, {
      refusal,
      placement: { clientOrderId: intent.clientOrderId, symbol: market.symbol, side: this.side, price: rounded.price.toFixed(), amount: rounded.amount.toFixed() },
      outcome: this.expectedOutcome(crossing.filled, rounded.amount),
      assertSent: (order) => assertSentAsRounded(intent, rounded, order),
    });
  }

  /** What the book allows each time in force to become on arrival. */
  private expectedOutcome(crossing: Decimal, amount: Decimal): { filled: Decimal; status: OrderStatus } {
    const complete = crossing.eq(amount);
    switch (this.variant) {
      case 'MAKER':
        return { filled: ZERO, status: 'open' };
      case 'GTC':
        return { filled: crossing, status: complete ? 'filled' : crossing.isZero() ? 'open' : 'partially_filled' };
      case 'IOC':
        return { filled: crossing, status: complete ? 'filled' : 'expired' };
      case 'FOK':
        return complete ? { filled: amount, status: 'filled' } : { filled: ZERO, status: 'expired' };
    }
  }

  toString(): string {
    const variant = this.variant === 'GTC' ? '' : ` ${this.variant}`;
    const market = describeMarketChoice(this.marketChoice);
    return `place(${this.resolved ?? `${market} ${this.side} ${describeAmountDraw(this.amountDraw)} @ ${describePriceDraw(this.priceDraw)}`}${variant})`;
  }
}

/** Everything the adapter knows is free: the whole base for a sell, what the quote buys for a buy. */
function allFree(model: Readonly<TradingModel>, market: Market, side: Side, priceText: string): string {
  const balances = model.balances('known');
  const step = dec(market.lotSize.stepSize);
  if (side === 'sell') return floorToStep(dec(balances[market.base]?.free ?? '0'), step).toFixed();
  const price = roundOrder(market, 'buy', dec(priceText), step).price;
  if (price.isZero()) return '0';
  return floorToStep(dec(balances[market.quote]?.free ?? '0').div(price), step).toFixed();
}

/** D1 and D3: what reached the venue is the policy's rounding of the intent, never more. */
function assertSentAsRounded(intent: LimitOrderIntent, rounded: RoundedOrder, order: VenueOrderSnapshot): void {
  if (!dec(order.quantity).eq(rounded.amount)) {
    const invariant = dec(order.quantity).gt(dec(intent.amount)) ? 'D3' : 'D1';
    throw new InvariantViolationError(invariant, `${intent.clientOrderId} asked ${intent.amount}, sent quantity ${order.quantity}, the policy gives ${rounded.amount.toFixed()}`);
  }
  if (!dec(order.price).eq(rounded.price)) {
    throw new InvariantViolationError('D1', `${intent.clientOrderId} asked price ${intent.price}, sent ${order.price}, the policy gives ${rounded.price.toFixed()}`);
  }
}

/** A limit order of `variant` on any of a run's markets, at the prices and amounts that break careless code. */
export function limitOrderArbitrary(variant: fc.Arbitrary<LimitVariant>): fc.Arbitrary<PlaceLimitCommand> {
  return fc
    .record({ market: marketChoiceArbitrary, side: fc.constantFrom<Side>('buy', 'sell'), price: priceDrawArbitrary, amount: amountDrawArbitrary, variant })
    .map(({ market, side, price, amount, variant: chosen }) => new PlaceLimitCommand(market, side, price, amount, chosen));
}

export const placeLimitArbitrary: fc.Arbitrary<PlaceLimitCommand> = limitOrderArbitrary(fc.constant<LimitVariant>('GTC'));
