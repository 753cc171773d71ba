import { dec, formatBinance } from '../../domain/decimal';
import type { Market } from '../../domain/market';

/** Binance's default spot rate limits, listed as GET /api/v3/exchangeInfo lists them. */
export const RATE_LIMITS = [
  { rateLimitType: 'REQUEST_WEIGHT', interval: 'MINUTE', intervalNum: 1, limit: 6000 },
  { rateLimitType: 'ORDERS', interval: 'SECOND', intervalNum: 10, limit: 100 },
  { rateLimitType: 'ORDERS', interval: 'DAY', intervalNum: 1, limit: 200000 },
  { rateLimitType: 'RAW_REQUESTS', interval: 'MINUTE', intervalNum: 5, limit: 61000 },
] as const;

/**
 * GET /api/v3/exchangeInfo in Binance's shape. ccxt's binance.parseMarket reads symbol,
 * baseAsset, quoteAsset, status, permissions, the filters (PRICE_FILTER.tickSize and
 * LOT_SIZE.stepSize become its precision) and, in createOrder, orderTypes.
 */
export function exchangeInfoBody(markets: readonly Market[], serverTime: number): unknown {
  return {
    timezone: 'UTC',
    serverTime,
    rateLimits: RATE_LIMITS,
    exchangeFilters: [],
    symbols: markets.map(symbolInfo),
  };
}

function symbolInfo(market: Market): unknown {
  const b = (value: string): string => formatBinance(dec(value));
  return {
    symbol: market.id,
    status: 'TRADING',
    baseAsset: market.base,
    baseAssetPrecision: 8,
    quoteAsset: market.quote,
    quotePrecision: 8,
    quoteAssetPrecision: 8,
    baseCommissionPrecision: 8,
    quoteCommissionPrecision: 8,
    orderTypes: market.orderTypes,
    icebergAllowed: false,
    ocoAllowed: false,
    otoAllowed: false,
    quoteOrderQtyMarketAllowed: true,
    allowTrailingStop: false,
    cancelReplaceAllowed: false,
    amendAllowed: false,
    isSpotTradingAllowed: true,
    isMarginTradingAllowed: false,
    filters: [
      { filterType: 'PRICE_FILTER', minPrice: b(market.priceFilter.minPrice), maxPrice: b(market.priceFilter.maxPrice), tickSize: b(market.priceFilter.tickSize) },
      { filterType: 'LOT_SIZE', minQty: b(market.lotSize.minQty), maxQty: b(market.lotSize.maxQty), stepSize: b(market.lotSize.stepSize) },
      {
        filterType: 'NOTIONAL',
        minNotional: b(market.notional.minNotional),
        applyMinToMarket: true,
        maxNotional: b(market.notional.maxNotional),
        applyMaxToMarket: false,
        avgPriceMins: 5,
      },
    ],
    permissions: [],
    permissionSets: [['SPOT']],
    defaultSelfTradePreventionMode: 'NONE',
    allowedSelfTradePreventionModes: ['NONE'],
  };
}
