import { dec, floorToStep, formatDecimal, ZERO, type Decimal } from '../../domain/decimal';
import type { Market } from '../../domain/market';
import type { ApiKeyRegistry } from '../api/api-keys';
import type { VenueHttpRequest } from '../api/http-message';
import { readParams } from '../api/params';
import type { MatchingEngine } from '../engine/engine';
import { isOpen, remainingOf, type VenueOrder } from '../engine/order';
import type { ExternalResult, ExternalTakeInput, VenueFaultDetail } from '../types';
import type { CancelRace } from './nemesis';

export interface CancelRaceDeps {
  engine: MatchingEngine;
  keys: ApiKeyRegistry;
  markets: readonly Market[];
  /** The control API's external taker (`control.takeExternal`): the race's fills are ordinary external trades. */
  takeExternal: (input: ExternalTakeInput) => ExternalResult;
}

/**
 * The venue side of a cancel race: before the DELETE is handled, another trader takes exactly
 * the liquidity ahead of the named order plus the part of it the fault asks for, at the order's
 * limit price. 'all' leaves the order FILLED, so the cancel is answered -2011 "Unknown order
 * sent." (ccxt OrderNotFound); 'part' fills about half the rest (floored to the lot step; all of
 * it when that half would be below the lot minimum) and the cancel then succeeds, reporting the
 * fill in executedQty. A cancel of an order that is not open, or that cannot be found, races
 * nothing (`raced: false`).
 */
export function createCancelRace(deps: CancelRaceDeps): CancelRace {
  return (request, fill): VenueFaultDetail => {
    const target = targetOf(deps, request);
    if (target === undefined) return { raced: false, reason: 'no open order matches the cancel' };
    const { order, market } = target;
    let quantity = fill === 'all' ? remainingOf(order) : floorToStep(remainingOf(order).div(2), dec(market.lotSize.stepSize));
    const filledAll = fill === 'all' || quantity.lt(dec(market.lotSize.minQty));
    if (filledAll) quantity = remainingOf(order);
    deps.takeExternal({
      symbol: market.symbol,
      side: order.side === 'buy' ? 'sell' : 'buy',
      quantity: formatDecimal(quantityAhead(deps.engine, market, order).plus(quantity)),
      limitPrice: formatDecimal(order.price),
      // What rests ahead plus the order can pass one order's maxQty; a remainder can be below minQty.
      severalTakers: true,
    });
    return { raced: true, orderId: order.orderId, fill: filledAll ? 'all' : 'part', filledQty: formatDecimal(quantity), status: order.status };
  };
}

function targetOf(deps: CancelRaceDeps, request: VenueHttpRequest): { order: VenueOrder; market: Market } | undefined {
  const caller = deps.keys.lookup(request.headers['x-mbx-apikey'] ?? '');
  const params = readParams(request.query, request.body);
  const market = deps.markets.find((candidate) => candidate.id === params['symbol']);
  if (caller === undefined || market === undefined) return undefined;
  const orderId = params['orderId'];
  const ref = { orderId: orderId !== undefined && /^[0-9]{1,15}$/.test(orderId) ? Number(orderId) : undefined, clientOrderId: params['origClientOrderId'] };
  if (ref.orderId === undefined && ref.clientOrderId === undefined) return undefined;
  const order = deps.engine.findOrder(caller.account, market, ref);
  return order !== undefined && isOpen(order) ? { order, market } : undefined;
}

/** What rests ahead of `order` in price-time priority: a taker meets all of it first. */
function quantityAhead(engine: MatchingEngine, market: Market, order: VenueOrder): Decimal {
  let ahead = ZERO;
  for (const resting of engine.bookOf(market).side(order.side)) {
    if (resting === order) break;
    ahead = ahead.plus(remainingOf(resting));
  }
  return ahead;
}
