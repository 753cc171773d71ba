import { dec, formatBinance } from '../../domain/decimal';
import type { Market } from '../../domain/market';
import { DEFAULT_SELF_TRADE_PREVENTION_MODE, SELF_TRADE_PREVENTION_MODES } from '../engine/self-trade-prevention';
import type { RateLimitRule } from '../limits/limits-config';

/**
 * GET /api/v3/exchangeInfo in Binance's shape. ccxt's binance.parseMarket reads symbol,
 * baseAsset, quoteAsset, status, permissions, the filters (PRICE_FILTER.tickSize and
 * LOT_SIZE.stepSize become its precision) and, in createOrder, orderTypes.
 */
export function exchangeInfoBody(markets: readonly Market[], serverTime: number, rateLimits: readonly RateLimitRule[]): unknown {
  return {
    timezone: 'UTC',
    serverTime,
    // The limits the venue enforces (src/venue/limits), as configured.
    rateLimits,
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
      // Binance's listing order: PRICE_FILTER, LOT_SIZE, MARKET_LOT_SIZE, NOTIONAL, MAX_NUM_ORDERS.
      { filterType: 'MARKET_LOT_SIZE', minQty: b(market.marketLotSize.minQty), maxQty: b(market.marketLotSize.maxQty), stepSize: b(market.marketLotSize.stepSize) },
      {
        filterType: 'NOTIONAL',
        minNotional: b(market.notional.minNotional),
        applyMinToMarket: market.notional.applyMinToMarket,
        maxNotional: b(market.notional.maxNotional),
        applyMaxToMarket: market.notional.applyMaxToMarket,
        avgPriceMins: market.notional.avgPriceMins,
      },
      { filterType: 'MAX_NUM_ORDERS', maxNumOrders: market.maxNumOrders },
    ],
    permissions: [],
    permissionSets: [['SPOT']],
    defaultSelfTradePreventionMode: DEFAULT_SELF_TRADE_PREVENTION_MODE,
    allowedSelfTradePreventionModes: SELF_TRADE_PREVENTION_MODES,
  };
}
