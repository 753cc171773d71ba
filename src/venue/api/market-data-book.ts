import { ZERO, formatBinance, type Decimal } from '../../domain/decimal';
import type { Market } from '../../domain/market';
import type { Side } from '../../domain/order';
import type { OrderBook } from '../engine/book';
import { remainingOf } from '../engine/order';
import type { VenueEvent } from '../types';
import type { ApiContext } from './context';
import { apiErrors } from './errors';
import { marketWithStatus, selectSymbols } from './market-data-symbols';
import { DepthParamsSchema, TickerParamsSchema, parseEndpointParams, type RawParams } from './params';

/** GET /api/v3/depth "limit: Default: 100; Maximum: 5000. If limit > 5000, only 5000 entries will be returned." */
export const DEFAULT_DEPTH_LIMIT = 100;
const MAX_DEPTH_LIMIT = 5000;

export interface PriceLevel {
  readonly price: Decimal;
  readonly quantity: Decimal;
}

/**
 * The best `limit` price levels of one side of the book, best first: every resting order's
 * remaining quantity (the account's own orders and other traders' alike) summed per price.
 */
export function priceLevels(book: OrderBook, side: Side, limit: number): PriceLevel[] {
  const levels: PriceLevel[] = [];
  for (const order of book.side(side)) {
    const last = levels.at(-1);
    // The side is in price-time order, so the orders of one price are adjacent.
    if (last !== undefined && last.price.eq(order.price)) {
      levels[levels.length - 1] = { price: last.price, quantity: last.quantity.plus(remainingOf(order)) };
      continue;
    }
    if (levels.length === limit) break;
    levels.push({ price: order.price, quantity: remainingOf(order) });
  }
  return levels;
}

/**
 * Binance's `lastUpdateId`: the sequence number of the last event that could have changed this
 * symbol's book (an order accepted, a trade, a cancel, an expiry), 0 before any. It grows with
 * every change of the book and stays put while the book does, as the real id does.
 */
export function bookUpdateId(events: readonly VenueEvent[], market: Market): number {
  for (let index = events.length - 1; index >= 0; index -= 1) {
    const event = events[index];
    if (event !== undefined && bookSymbolOf(event) === market.symbol) return event.seq;
  }
  return 0;
}

function bookSymbolOf(event: VenueEvent): string | undefined {
  switch (event.type) {
    case 'order_accepted':
    case 'order_canceled':
    case 'order_expired':
      return event.order.symbol;
    case 'trade':
      return event.fill.symbol;
    default:
      return undefined;
  }
}

/** GET /api/v3/depth: the order book aggregated per price level. */
export function depth(ctx: ApiContext, raw: RawParams): unknown {
  const params = parseEndpointParams(DepthParamsSchema, raw);
  const market = marketWithStatus(ctx, params.symbol, params.symbolStatus);
  const limit = depthLimit(params.limit);
  const book = ctx.engine.bookOf(market);
  return {
    lastUpdateId: bookUpdateId(ctx.engine.log.all(), market),
    bids: priceLevels(book, 'buy', limit).map(levelBody),
    asks: priceLevels(book, 'sell', limit).map(levelBody),
  };
}

/** GET /api/v3/ticker/bookTicker: best bid and ask with their quantities, one symbol, a list or all. */
export function bookTicker(ctx: ApiContext, raw: RawParams): unknown {
  const params = parseEndpointParams(TickerParamsSchema, raw);
  const selection = selectSymbols(ctx, params);
  if (selection.kind === 'one') return bookTickerBody(ctx, selection.market);
  return selection.markets.map((market) => bookTickerBody(ctx, market));
}

/** The best bid and ask of a symbol, each zero when its side is empty (Binance reports "0.00000000"). */
export function bestBidAsk(ctx: ApiContext, market: Market): { bidPrice: string; bidQty: string; askPrice: string; askQty: string } {
  const book = ctx.engine.bookOf(market);
  const [bid] = priceLevels(book, 'buy', 1);
  const [ask] = priceLevels(book, 'sell', 1);
  return {
    bidPrice: formatBinance(bid?.price ?? ZERO),
    bidQty: formatBinance(bid?.quantity ?? ZERO),
    askPrice: formatBinance(ask?.price ?? ZERO),
    askQty: formatBinance(ask?.quantity ?? ZERO),
  };
}

function bookTickerBody(ctx: ApiContext, market: Market): unknown {
  return { symbol: market.id, ...bestBidAsk(ctx, market) };
}

function depthLimit(limit: number | undefined): number {
  const value = limit ?? DEFAULT_DEPTH_LIMIT;
  if (value < 1) throw apiErrors.invalidParameter('limit');
  return Math.min(value, MAX_DEPTH_LIMIT);
}

function levelBody(level: PriceLevel): [string, string] {
  return [formatBinance(level.price), formatBinance(level.quantity)];
}
