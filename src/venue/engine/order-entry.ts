import { ZERO, type Decimal } from '../../domain/decimal';
import type { Market } from '../../domain/market';
import type { Side } from '../../domain/order';
import type { OrderBook } from './book';
import { marketStepOf, violatedFilter, violatedMarketFilter } from './filters';
import { crosses, planMatch, type MatchPlan } from './matching';
import { reservedAsset, type NewOrderFields, type OrderType, type TimeInForce } from './order';
import type { RejectReason } from './rejections';
import type { SelfTradePreventionMode } from './self-trade-prevention';

/** A new order as the API hands it to the engine; which fields are set depends on `type`. */
export interface OrderInput {
  account: string;
  market: Market;
  side: Side;
  clientOrderId: string;
  type: OrderType;
  /** LIMIT only; GTC when absent. */
  timeInForce?: TimeInForce | undefined;
  /** LIMIT and LIMIT_MAKER. */
  price?: Decimal | undefined;
  /** Every type but a MARKET order by quoteOrderQty. */
  quantity?: Decimal | undefined;
  /** MARKET only, instead of quantity. */
  quoteOrderQty?: Decimal | undefined;
  selfTradePreventionMode: SelfTradePreventionMode;
}

/** What the engine knows that admission depends on. */
export interface EntryContext {
  book: OrderBook;
  free: (asset: string) => Decimal;
  lastTradePrice: Decimal | undefined;
  /** The account already has an open order with this client order id. */
  duplicateClientOrderId: boolean;
}

export type Admission =
  | { ok: false; reason: RejectReason }
  | { ok: true; fields: Omit<NewOrderFields, 'orderId' | 'at'>; plan: MatchPlan; fillOrKillFails: boolean };

/**
 * Binance's checks for a new order, in its order: filters (PRICE_FILTER, LOT_SIZE,
 * MARKET_LOT_SIZE, NOTIONAL, MAX_NUM_ORDERS), a duplicate open client order id, a LIMIT_MAKER
 * that would take, then the balance. Pure: it plans the match and the reserve, changes nothing.
 *
 * Reserve rules (what moves free -> locked on acceptance; conservation stays exact because every
 * fill spends exactly what it pays out of locked and the rest is released when the order ends):
 * - LIMIT (any time in force) and LIMIT_MAKER: a buy locks quantity x limit price, a sell the
 *   quantity; a buy filled below its limit gets the difference back fill by fill.
 * - MARKET buy (by quantity or quoteOrderQty): locks exactly what the planned fills cost; the
 *   account must have that free (-2010 otherwise). Matching is atomic, so the plan is the truth.
 * - MARKET sell by quantity: locks the whole quantity (free must cover it); the unfilled rest is
 *   released when it expires. MARKET sell by quoteOrderQty: locks the base the planned fills sell.
 */
export function admitOrder(input: OrderInput, context: EntryContext): Admission {
  const { market, side } = input;
  const refused = refusalOf(input, context);
  if (refused !== undefined) return { ok: false, reason: refused };
  const isMarket = input.type === 'MARKET';
  const plan = planMatch(context.book, {
    takerAccount: input.account,
    takerSide: side,
    selfTradePreventionMode: input.selfTradePreventionMode,
    limitPrice: isMarket ? undefined : input.price,
    quantity: input.quantity,
    quoteBudget: isMarket && input.quantity === undefined ? input.quoteOrderQty : undefined,
    step: marketStepOf(market),
  });
  const price = isMarket ? ZERO : (input.price ?? ZERO);
  // Binance reports the quantity a quoteOrderQty order came to as its origQty.
  const quantity = input.quantity ?? plan.filled;
  const reserved = reserveOf(input, plan, price, quantity);
  if (context.free(reservedAsset(market, side)).lt(reserved)) return { ok: false, reason: 'INSUFFICIENT_BALANCE' };
  const timeInForce = input.type === 'LIMIT' ? (input.timeInForce ?? 'GTC') : 'GTC';
  return {
    ok: true,
    plan,
    fillOrKillFails: timeInForce === 'FOK' && plan.filled.lt(quantity),
    fields: {
      clientOrderId: input.clientOrderId,
      account: input.account,
      market,
      side,
      type: input.type,
      timeInForce,
      price,
      quantity,
      quoteOrderQty: input.quantity === undefined ? (input.quoteOrderQty ?? ZERO) : ZERO,
      selfTradePreventionMode: input.selfTradePreventionMode,
      reserved,
      reservesAtLimit: !isMarket,
    },
  };
}

function refusalOf(input: OrderInput, context: EntryContext): RejectReason | undefined {
  const { market, side } = input;
  const filter =
    input.type === 'MARKET'
      ? violatedMarketFilter(market, { quantity: input.quantity, quoteOrderQty: input.quoteOrderQty, referencePrice: context.lastTradePrice ?? bestOpposite(context.book, side) })
      : violatedFilter(market, input.price, input.quantity ?? ZERO);
  if (filter !== undefined) return filter;
  // MAX_NUM_ORDERS counts the account's open orders on the symbol: exactly its resting ones.
  if (context.book.openOrdersOf(input.account) >= market.maxNumOrders) return 'MAX_NUM_ORDERS';
  if (context.duplicateClientOrderId) return 'DUPLICATE_ORDER';
  const best = bestOpposite(context.book, side);
  if (input.type === 'LIMIT_MAKER' && input.price !== undefined && best !== undefined && crosses(side, input.price, best)) return 'WOULD_TAKE';
  return undefined;
}

function reserveOf(input: OrderInput, plan: MatchPlan, price: Decimal, quantity: Decimal): Decimal {
  if (input.type !== 'MARKET') return input.side === 'buy' ? quantity.times(price) : quantity;
  if (input.side === 'buy') return plan.quote;
  return input.quantity ?? plan.filled;
}

function bestOpposite(book: OrderBook, side: Side): Decimal | undefined {
  return book.opposite(side)[0]?.price;
}
