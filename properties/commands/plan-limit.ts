import { dec } from '../../src/domain/decimal';
import type { Side } from '../../src/domain/order';
import type { TradingModel } from '../../models/trading-model';
import { brokenFilter, reserveOf, roundOrder } from '../../models/order-rules';
import { describeAmountDraw, resolveAmount, type AmountDraw } from '../markets/amount-draw';
import { describeMarketChoice, marketOf, type MarketChoice } from '../markets/market-choice';
import { describePriceDraw, resolvePrice, type PriceDraw } from '../markets/price-draw';

/** A GTC limit order as drawn: resolved against a run's markets by `planLimit`. */
export interface LimitDraw {
  market: MarketChoice;
  side: Side;
  price: PriceDraw;
  amount: AmountDraw;
}

export interface PlannedLimit {
  symbol: string;
  side: Side;
  /** As the caller asks (the intent's strings). */
  price: string;
  amount: string;
  /** As the precision policy sends it: what the model records. */
  rounded: { price: string; amount: string };
}

/**
 * A GTC limit the venue must accept: on its filters once rounded, affordable from the account's
 * truth, and crossing no open order of ours (self-trade prevention is a later slice). Undefined
 * when the draw gives no such order on this run: the step's check then refuses it. For steps
 * that place beside their main act (a restart's in-flight place, another instance's place),
 * where refusals are not what they judge.
 */
export function planLimit(model: Readonly<TradingModel>, draw: LimitDraw): PlannedLimit | undefined {
  const market = marketOf(model.markets, draw.market);
  const price = resolvePrice(market, draw.side, draw.price);
  const amount = resolveAmount(market, price, draw.amount);
  if (amount === 'all-free') return undefined;
  const rounded = roundOrder(market, draw.side, dec(price), dec(amount));
  if (brokenFilter(market, rounded) !== undefined) return undefined;
  const reserve = reserveOf(market, draw.side, rounded);
  if (dec(model.balances('truth')[reserve.asset]?.free ?? '0').lt(reserve.amount)) return undefined;
  const crossesOurs = model.orders('truth').some(
    (order) =>
      order.symbol === market.symbol &&
      order.side !== draw.side &&
      (order.status === 'open' || order.status === 'partially_filled') &&
      (draw.side === 'buy' ? dec(order.price).lte(rounded.price) : dec(order.price).gte(rounded.price)),
  );
  if (crossesOurs) return undefined;
  return { symbol: market.symbol, side: draw.side, price, amount, rounded: { price: rounded.price.toFixed(), amount: rounded.amount.toFixed() } };
}

export function describeLimit(planned: PlannedLimit | undefined, draw: LimitDraw): string {
  if (planned !== undefined) return `${planned.symbol} ${planned.side} ${planned.amount} @ ${planned.price}`;
  return `${describeMarketChoice(draw.market)} ${draw.side} ${describeAmountDraw(draw.amount)} @ ${describePriceDraw(draw.price)}`;
}
