import { formatBinance, type Decimal } from '../../domain/decimal';
import type { Trade } from '../engine/trade';
import { marketById, type ApiContext } from './context';
import { apiErrors } from './errors';
import { AggTradesParamsSchema, RecentTradesParamsSchema, parseEndpointParams, type RawParams } from './params';
import { pageLimit } from './paging';

/**
 * Binance's aggregate trade: "Trades that fill at the time, from the same taker order, with the
 * same price will have the quantity aggregated." Ids count from 1 per symbol, in trade order.
 */
export interface AggregateTrade {
  readonly id: number;
  readonly price: Decimal;
  readonly quantity: Decimal;
  readonly first: Trade;
  readonly last: Trade;
}

/**
 * A symbol's trades (oldest first) aggregated. A taker matches once, when it arrives, and its
 * fills at one price are adjacent; so an aggregate is complete as soon as it is readable and
 * its id never changes.
 */
export function aggregateTrades(trades: readonly Trade[]): AggregateTrade[] {
  const aggregates: AggregateTrade[] = [];
  for (const trade of trades) {
    const previous = aggregates.at(-1);
    if (previous !== undefined && previous.last.taker === trade.taker && previous.price.eq(trade.price)) {
      aggregates[aggregates.length - 1] = { ...previous, quantity: previous.quantity.plus(trade.quantity), last: trade };
      continue;
    }
    aggregates.push({ id: aggregates.length + 1, price: trade.price, quantity: trade.quantity, first: trade, last: trade });
  }
  return aggregates;
}

/** GET /api/v3/trades: the most recent `limit` trades of a symbol, oldest first. */
export function recentTrades(ctx: ApiContext, raw: RawParams): unknown {
  const params = parseEndpointParams(RecentTradesParamsSchema, raw);
  const market = marketById(ctx, params.symbol);
  const limit = pageLimit(params.limit);
  return ctx.engine.tradesOf(market).slice(-limit).map(publicTradeBody);
}

/**
 * GET /api/v3/aggTrades. With fromId or startTime the oldest matching `limit` aggregates; with
 * endTime alone or nothing, the most recent. fromId with a time bound is -1128 (ccxt binance.js
 * fetchTrades: "setting both fromId and time window results in error").
 */
export function aggTrades(ctx: ApiContext, raw: RawParams): unknown {
  const params = parseEndpointParams(AggTradesParamsSchema, raw);
  const market = marketById(ctx, params.symbol);
  const limit = pageLimit(params.limit);
  const byTime = params.startTime !== undefined || params.endTime !== undefined;
  if (byTime && params.fromId !== undefined) throw apiErrors.optionalParametersCombination();
  const matching = aggregateTrades(ctx.engine.tradesOf(market))
    .filter((aggregate) => params.fromId === undefined || aggregate.id >= params.fromId)
    .filter((aggregate) => params.startTime === undefined || aggregate.first.at >= params.startTime)
    .filter((aggregate) => params.endTime === undefined || aggregate.first.at <= params.endTime);
  const fromOldest = params.fromId !== undefined || params.startTime !== undefined;
  const page = fromOldest ? matching.slice(0, limit) : matching.slice(-limit);
  return page.map(aggTradeBody);
}

/** A buyer is the maker when the taker sold. Binance marks every spot trade the best price match. */
function buyerIsMaker(trade: Trade): boolean {
  return trade.taker.side === 'sell';
}

function publicTradeBody(trade: Trade): unknown {
  return {
    id: trade.id,
    price: formatBinance(trade.price),
    qty: formatBinance(trade.quantity),
    quoteQty: formatBinance(trade.quoteQuantity),
    time: trade.at,
    isBuyerMaker: buyerIsMaker(trade),
    isBestMatch: true,
  };
}

function aggTradeBody(aggregate: AggregateTrade): unknown {
  return {
    a: aggregate.id,
    p: formatBinance(aggregate.price),
    q: formatBinance(aggregate.quantity),
    f: aggregate.first.id,
    l: aggregate.last.id,
    T: aggregate.first.at,
    m: buyerIsMaker(aggregate.first),
    M: true,
  };
}
