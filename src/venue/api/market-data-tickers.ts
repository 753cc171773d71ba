import { ZERO, formatBinance } from '../../domain/decimal';
import type { Market } from '../../domain/market';
import { marketById, type ApiContext } from './context';
import { apiErrors } from './errors';
import { bestBidAsk } from './market-data-book';
import { TICKER_WINDOW_MS, averagePrice, changePercent, rollingStatistics, weightedAverage, type WindowStatistics } from './market-data-statistics';
import { selectSymbols, type SymbolSelection } from './market-data-symbols';
import { AvgPriceParamsSchema, Ticker24hrParamsSchema, TickerParamsSchema, parseEndpointParams, type RawParams } from './params';

type TickerType = 'FULL' | 'MINI';

/**
 * GET /api/v3/ticker/24hr: rolling 24-hour statistics over the venue's trades on its clock,
 * closing now, with the book's best bid and ask. `type` FULL (the default) or MINI.
 */
export function ticker24hr(ctx: ApiContext, raw: RawParams): unknown {
  const params = parseEndpointParams(Ticker24hrParamsSchema, raw);
  const type = tickerType(params.type);
  return perSelection(selectSymbols(ctx, params), (market) => ticker24hrBody(ctx, market, type));
}

/** GET /api/v3/ticker/price: the last trade price, zero before the symbol's first trade. */
export function tickerPrice(ctx: ApiContext, raw: RawParams): unknown {
  const params = parseEndpointParams(TickerParamsSchema, raw);
  return perSelection(selectSymbols(ctx, params), (market) => {
    const last = ctx.engine.tradesOf(market).at(-1);
    return { symbol: market.id, price: formatBinance(last?.price ?? ZERO) };
  });
}

/** GET /api/v3/avgPrice over the symbol's NOTIONAL `avgPriceMins` (exchangeInfo lists the same). */
export function avgPrice(ctx: ApiContext, raw: RawParams): unknown {
  const params = parseEndpointParams(AvgPriceParamsSchema, raw);
  const market = marketById(ctx, params.symbol);
  const mins = market.notional.avgPriceMins;
  return { mins, ...averagePrice(ctx.engine.tradesOf(market), ctx.now(), mins) };
}

function perSelection(selection: SymbolSelection, body: (market: Market) => unknown): unknown {
  return selection.kind === 'one' ? body(selection.market) : selection.markets.map(body);
}

function tickerType(type: string | undefined): TickerType {
  if (type === undefined) return 'FULL';
  if (type === 'FULL' || type === 'MINI') return type;
  throw apiErrors.invalidTickerType();
}

function ticker24hrBody(ctx: ApiContext, market: Market, type: TickerType): unknown {
  const stats = rollingStatistics(ctx.engine.tradesOf(market), ctx.now(), TICKER_WINDOW_MS);
  if (type === 'MINI') {
    return {
      symbol: market.id,
      openPrice: formatBinance(stats.open),
      highPrice: formatBinance(stats.high),
      lowPrice: formatBinance(stats.low),
      lastPrice: formatBinance(stats.last),
      volume: formatBinance(stats.volume),
      quoteVolume: formatBinance(stats.quoteVolume),
      ...windowBounds(stats),
    };
  }
  const { bidPrice, bidQty, askPrice, askQty } = bestBidAsk(ctx, market);
  return {
    symbol: market.id,
    priceChange: formatBinance(stats.last.minus(stats.open)),
    priceChangePercent: changePercent(stats.open, stats.last),
    weightedAvgPrice: weightedAverage(stats),
    prevClosePrice: formatBinance(stats.beforeWindow?.price ?? ZERO),
    lastPrice: formatBinance(stats.last),
    lastQty: formatBinance(stats.lastTrade?.quantity ?? ZERO),
    bidPrice,
    bidQty,
    askPrice,
    askQty,
    openPrice: formatBinance(stats.open),
    highPrice: formatBinance(stats.high),
    lowPrice: formatBinance(stats.low),
    volume: formatBinance(stats.volume),
    quoteVolume: formatBinance(stats.quoteVolume),
    ...windowBounds(stats),
  };
}

/** openTime..count, shared by FULL and MINI. Binance reports firstId and lastId -1 for an empty window. */
function windowBounds(stats: WindowStatistics): { openTime: number; closeTime: number; firstId: number; lastId: number; count: number } {
  return {
    openTime: stats.openTime,
    closeTime: stats.closeTime,
    firstId: stats.inWindow[0]?.id ?? -1,
    lastId: stats.inWindow.at(-1)?.id ?? -1,
    count: stats.inWindow.length,
  };
}
