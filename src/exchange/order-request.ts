import { dec } from '../domain/decimal';
import type { Market } from '../domain/market';
import type { LimitOrderIntent, ParsedOrderIntent, Side, TimeInForce } from '../domain/order';
import type { ParsedOrder } from './binance-responses';
import { assertWithinFilters, prepareMarketCostOrder, prepareMarketOrder, type RoundedOrder } from './precision';

/**
 * One intent as it will be sent: on the market's grid, filters checked (D1, D3). Built before
 * anything is sent, so a refusal sends nothing.
 */
export type OrderRequest =
  | { kind: 'limit'; side: Side; timeInForce: TimeInForce; price: string; amount: string }
  | { kind: 'limit_maker'; side: Side; price: string; amount: string }
  | { kind: 'market'; side: Side; amount: string }
  | { kind: 'market_cost'; side: Side; cost: string };

/** `roundLimit` is the adapter's limit rounding (its `roundToMarket` hook). */
export function prepareOrderRequest(market: Market, intent: ParsedOrderIntent, roundLimit: (market: Market, intent: LimitOrderIntent) => RoundedOrder): OrderRequest {
  switch (intent.type) {
    case 'limit':
    case 'limit_maker': {
      const rounded = roundLimit(market, intent);
      assertWithinFilters(market, rounded);
      return intent.type === 'limit' ? { kind: 'limit', side: intent.side, timeInForce: intent.timeInForce, ...rounded } : { kind: 'limit_maker', side: intent.side, ...rounded };
    }
    case 'market':
      return { kind: 'market', side: intent.side, amount: prepareMarketOrder(market, intent.amount) };
    case 'market_cost':
      return { kind: 'market_cost', side: intent.side, cost: prepareMarketCostOrder(market, intent.cost) };
  }
}

export interface CcxtCreateOrderArguments {
  type: 'limit' | 'market';
  side: Side;
  amount: string;
  price: string | undefined;
  params: Record<string, string | boolean>;
}

/**
 * binance.js createOrderRequest: `timeInForce` passes through for LIMIT; `postOnly` turns a spot
 * limit into LIMIT_MAKER; a market order without a price sends `quantity`, and one with
 * `params.quoteOrderQty` sends that instead (truncated to the tick, which the request already is).
 */
export function ccxtArgumentsOf(request: OrderRequest, clientOrderId: string): CcxtCreateOrderArguments {
  switch (request.kind) {
    case 'limit':
      return { type: 'limit', side: request.side, amount: request.amount, price: request.price, params: { clientOrderId, timeInForce: request.timeInForce } };
    case 'limit_maker':
      return { type: 'limit', side: request.side, amount: request.amount, price: request.price, params: { clientOrderId, postOnly: true } };
    case 'market':
      return { type: 'market', side: request.side, amount: request.amount, price: undefined, params: { clientOrderId } };
    case 'market_cost':
      return { type: 'market', side: request.side, amount: request.cost, price: undefined, params: { clientOrderId, quoteOrderQty: request.cost } };
  }
}

/**
 * Whether the venue's order is the one this request asked for. A client order id reused by
 * another intent names a different order, which must never be adopted (O4). Fields the answer
 * does not list are not held against it.
 */
export function answerMatchesRequest(parsed: ParsedOrder, request: OrderRequest): boolean {
  const { state, asked } = parsed;
  if (state.side !== request.side) return false;
  const sameType = (type: string): boolean => asked.type === undefined || asked.type === type;
  switch (request.kind) {
    case 'limit':
      return sameType('LIMIT') && (asked.timeInForce === undefined || asked.timeInForce === request.timeInForce) && samePriceAndAmount(state, request);
    case 'limit_maker':
      return sameType('LIMIT_MAKER') && samePriceAndAmount(state, request);
    case 'market':
      return sameType('MARKET') && dec(state.amount).eq(dec(request.amount));
    case 'market_cost':
      return sameType('MARKET') && (asked.quoteOrderQty === undefined || dec(asked.quoteOrderQty).eq(dec(request.cost)));
  }
}

function samePriceAndAmount(state: { price: string; amount: string }, request: { price: string; amount: string }): boolean {
  return dec(state.price).eq(dec(request.price)) && dec(state.amount).eq(dec(request.amount));
}

/** Words for a refusal message: what the request asked. */
export function describeRequest(request: OrderRequest): string {
  switch (request.kind) {
    case 'limit':
      return `${request.side} ${request.amount} @ ${request.price} ${request.timeInForce}`;
    case 'limit_maker':
      return `${request.side} ${request.amount} @ ${request.price} maker`;
    case 'market':
      return `${request.side} ${request.amount} at market`;
    case 'market_cost':
      return `${request.side} for ${request.cost} at market`;
  }
}
