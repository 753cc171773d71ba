import fc from 'fast-check';
import { type Decimal, ZERO, dec } from '../../src/domain/decimal';
import { InvariantViolationError } from '../../src/domain/errors';
import type { Market } from '../../src/domain/market';
import type { OrderIntent, OrderStatus, Side } from '../../src/domain/order';
import type { VenueEvent, VenueOrderSnapshot } from '../../src/venue/types';
import type { OrderKind, TradingModel } from '../../models/trading-model';
import { brokenMarketCostFilter, brokenMarketQuantityFilter, marketNotionalRefused, marketStepOf, roundMarketCost, roundMarketQuantity } from '../../models/order-rules';
import { takeFromBook } from '../../models/taker-rules';
import { TRADER, type TradingWorld } from '../world';
import { marketReferencePrice, oppositeLevels } from './book-truth';
import { amountDrawArbitrary, describeAmountDraw, resolveAmount, type AmountDraw } from '../markets/amount-draw';
import { describeMarketChoice, marketChoiceArbitrary, marketOf, type MarketChoice } from '../markets/market-choice';
import { referencePrice } from '../markets/reference-price';
import { placeAndJudge, sentAnOrder, type ExpectedRefusal } from './place-and-judge';
import { TradingCommand, expectFailure } from './trading-command';

/** By base quantity (`amount`) or by quote quantity (`cost`, Binance quoteOrderQty). */
export type MarketSize = { by: 'amount'; amount: string } | { by: 'cost'; cost: string };

/**
 * A MARKET order's size drawn apart from the market: an amount draw (resolved at the reference
 * price; never "all-free"), or a cost of `times` minimum notionals plus `ticks` of a tick; or an
 * exact cost another command chose from the book (sweep-book.ts).
 */
export type MarketSizeDraw = { by: 'amount'; amount: Exclude<AmountDraw, 'all-free'> } | { by: 'cost'; times: CostTimes; ticks: CostTicks } | { by: 'exact-cost'; cost: string };

const COST_TIMES = ['0.5', '1', '1.3', '7', '40', '400'] as const;
const COST_TICKS = ['0', '0.3', '0.99999999'] as const;
type CostTimes = (typeof COST_TIMES)[number];
type CostTicks = (typeof COST_TICKS)[number];

/** The size a draw names on `market`: pure, so check and apply agree. */
function resolveSize(market: Market, draw: MarketSizeDraw): MarketSize {
  if (draw.by === 'exact-cost') return { by: 'cost', cost: draw.cost };
  if (draw.by === 'cost') return { by: 'cost', cost: dec(market.notional.minNotional).times(dec(draw.times)).plus(dec(market.priceFilter.tickSize).times(dec(draw.ticks))).toFixed() };
  const amount = resolveAmount(market, referencePrice(market).toFixed(), draw.amount);
  // Only "all-free" resolves to "all-free", and the draw excludes it.
  return { by: 'amount', amount: amount === 'all-free' ? '0' : amount };
}

/**
 * Places a MARKET order. The model predicts from the venue's truth before it is sent: refused
 * locally when the rounded quantity breaks LOT_SIZE / MARKET_LOT_SIZE or the rounded cost is
 * under NOTIONAL (nothing sent, D1); refused by the venue as ORDER_REJECTED when a quantity's
 * notional at the venue's reference price is too small, or for want of funds (D3); otherwise it
 * takes the book best price first (by quantity up to it, by cost as far as the budget buys whole
 * steps), fees per the model's rule, and ends filled or expired with nothing reserved (O1, L1).
 * What reached the venue is the policy's rounding and never more than asked (D1, D3).
 */
export class PlaceMarketCommand extends TradingCommand {
  /** What the last run resolved the draws to, for the counterexample. */
  private resolved: string | undefined;

  constructor(
    private readonly marketChoice: MarketChoice,
    private readonly side: Side,
    private readonly sizeDraw: MarketSizeDraw,
  ) {
    super();
  }

  check(model: Readonly<TradingModel>): boolean {
    const market = marketOf(model.markets, this.marketChoice);
    // The adapter spends from what its own ledger holds: wait until it has heard of every change
    // to the asset this order pays with.
    const spends = this.side === 'buy' ? market.quote : market.base;
    if (!dec(model.balances('truth')[spends]?.free ?? '0').eq(dec(model.balances('known')[spends]?.free ?? '0'))) return false;
    // Self-trade prevention is a later slice: a MARKET order crosses every open order of ours on the other side.
    return !model.openOrders(market.symbol).some((order) => order.side !== this.side);
  }

  /** Places this order as the act of another command, which checks and records the step. */
  placeWithin(model: TradingModel, world: TradingWorld): Promise<void> {
    return this.apply(model, world);
  }

  protected async apply(model: TradingModel, world: TradingWorld): Promise<void> {
    const market = marketOf(model.markets, this.marketChoice);
    const size = resolveSize(market, this.sizeDraw);
    this.resolved = `${market.symbol} ${this.side} ${size.by === 'amount' ? size.amount : `cost ${size.cost}`}`;
    await this.placeOn(model, world, market, size);
  }

  private async placeOn(model: TradingModel, world: TradingWorld, market: Market, size: MarketSize): Promise<void> {
    const id = world.nextClientOrderId();
    const base = { clientOrderId: id, symbol: market.symbol, side: this.side };
    const intent: OrderIntent = size.by === 'amount' ? { ...base, type: 'market', amount: size.amount } : { ...base, type: 'market_cost', cost: size.cost };
    const quantity = size.by === 'amount' ? roundMarketQuantity(market, dec(size.amount)) : undefined;
    const cost = size.by === 'cost' ? roundMarketCost(market, dec(size.cost)) : undefined;
    const broken = quantity !== undefined ? brokenMarketQuantityFilter(market, quantity) : cost !== undefined ? brokenMarketCostFilter(market, cost) : undefined;
    if (broken !== undefined) {
      await expectFailure(world.drive(world.adapter.place(intent)), 'FILTER_VIOLATION', 'D1', `${id} breaks ${broken}`);
      if (sentAnOrder(world.takeNewEvents())) throw new InvariantViolationError('D1', `${id} breaks ${broken} but an order request reached the venue`);
      return;
    }
    const reference = marketReferencePrice(world, market.symbol, this.side);
    const taken = takeFromBook(oppositeLevels(world, market.symbol, this.side), { side: this.side, quantity, quoteBudget: cost, step: marketStepOf(market) });
    const kind: OrderKind = cost === undefined ? 'market' : 'market_cost';
    await placeAndJudge(model, world, intent, {
      refusal: this.refusal(model, market, quantity, taken, reference),
      placement: { ...base, price: '0', amount: (quantity ?? ZERO).toFixed(), kind },
      outcome: { filled: taken.filled, status: this.expectedStatus(quantity, taken) },
      assertSent: (order) => this.assertSent(world, market, size, id, quantity, cost, order),
      reserveOf: (order, events) => costOfFills(order, events).toFixed(),
    });
  }

  /** The venue's checks, in its order: NOTIONAL of a quantity, then the balance. */
  private refusal(model: TradingModel, market: Market, quantity: Decimal | undefined, taken: { filled: Decimal; quote: Decimal }, reference: Decimal | undefined): ExpectedRefusal | undefined {
    if (quantity !== undefined && marketNotionalRefused(market, quantity, reference)) {
      return { code: 'ORDER_REJECTED', invariant: 'O1', why: `has notional ${reference?.times(quantity).toFixed() ?? '?'} at the venue's reference price, under ${market.notional.minNotional}` };
    }
    const asset = this.side === 'buy' ? market.quote : market.base;
    // A buy locks what its planned fills cost; a sell by quantity its quantity, by cost what it sells.
    const need = this.side === 'buy' ? taken.quote : (quantity ?? taken.filled);
    const free = dec(model.balances('truth')[asset]?.free ?? '0');
    return free.lt(need) ? { code: 'INSUFFICIENT_FUNDS', invariant: 'D3', why: `needs ${need.toFixed()} ${asset}, ${free.toFixed()} free` } : undefined;
  }

  /**
   * By quantity: filled when the book had it all, else the rest expired. By cost the amount is
   * what it executed: expired when nothing was or the budget outlived the book, else filled.
   */
  private expectedStatus(quantity: Decimal | undefined, taken: { filled: Decimal; budgetOutlivedBook: boolean }): OrderStatus {
    if (quantity !== undefined) return taken.filled.eq(quantity) ? 'filled' : 'expired';
    return taken.filled.isZero() || taken.budgetOutlivedBook ? 'expired' : 'filled';
  }

  /** D1 and D3: the quantity sent is the policy's; what a cost order spent or sold for is within it. */
  private assertSent(world: TradingWorld, market: Market, size: MarketSize, id: string, quantity: Decimal | undefined, cost: Decimal | undefined, order: VenueOrderSnapshot): void {
    if (quantity !== undefined && !dec(order.quantity).eq(quantity)) {
      const asked = size.by === 'amount' ? size.amount : '?';
      throw new InvariantViolationError(dec(order.quantity).gt(quantity) ? 'D3' : 'D1', `${id} asked ${asked} at market, sent quantity ${order.quantity}, the policy gives ${quantity.toFixed()}`);
    }
    const final = world.venue.control.order(TRADER, market.symbol, id);
    if (cost !== undefined && final !== undefined && dec(final.cumulativeQuoteQty).gt(cost)) {
      throw new InvariantViolationError('D3', `${id} asked for ${size.by === 'cost' ? size.cost : '?'} of quote, the venue executed ${final.cumulativeQuoteQty}`);
    }
  }

  toString(): string {
    if (this.resolved !== undefined) return `placeMarket(${this.resolved})`;
    const market = describeMarketChoice(this.marketChoice);
    const draw = this.sizeDraw;
    const size = draw.by === 'amount' ? describeAmountDraw(draw.amount) : draw.by === 'cost' ? `cost ${draw.times}xminNotional+${draw.ticks}t` : `cost ${draw.cost}`;
    return `placeMarket(${market} ${this.side} ${size})`;
  }
}

/** What the venue locked for a MARKET buy: the quote its own fills (as taker) cost. */
function costOfFills(order: VenueOrderSnapshot, events: readonly VenueEvent[]): Decimal {
  let cost = ZERO;
  for (const event of events) {
    if (event.type === 'trade' && event.fill.takerOrderId === order.orderId) cost = cost.plus(dec(event.fill.quantity).times(dec(event.fill.price)));
  }
  return cost;
}

/** A MARKET order on any of a run's markets: by amount, or by a cost around NOTIONAL's minimum and well above it, on and off the tick. */
export const placeMarketArbitrary: fc.Arbitrary<PlaceMarketCommand> = fc
  .record({
    market: marketChoiceArbitrary,
    side: fc.constantFrom<Side>('buy', 'sell'),
    size: fc.oneof(
      amountDrawArbitrary.filter((amount): amount is Exclude<AmountDraw, 'all-free'> => amount !== 'all-free').map((amount): MarketSizeDraw => ({ by: 'amount', amount })),
      fc.record({ times: fc.constantFrom(...COST_TIMES), ticks: fc.constantFrom(...COST_TICKS) }).map(({ times, ticks }): MarketSizeDraw => ({ by: 'cost', times, ticks })),
    ),
  })
  .map(({ market, side, size }) => new PlaceMarketCommand(market, side, size));
