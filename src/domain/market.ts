import { z } from 'zod';
import { DECIMAL_PATTERN } from './decimal';

const decimalString = z.string().regex(DECIMAL_PATTERN, 'a plain decimal string such as "0.01"');
const asset = z.string().regex(/^[A-Z0-9]{2,10}$/, 'an upper-case asset code such as "BTC"');

/** Binance's MAX_NUM_ORDERS on most spot symbols: open orders per account and symbol. */
export const DEFAULT_MAX_NUM_ORDERS = 200;

/**
 * A spot market as tradeprop sees it: Binance's PRICE_FILTER, LOT_SIZE, MARKET_LOT_SIZE,
 * NOTIONAL and MAX_NUM_ORDERS filters, decimals as strings. The venue lists these in
 * exchangeInfo; the adapter reads them back. The filters added after the first slice have
 * defaults, so older configurations stay valid: MARKET_LOT_SIZE all zero (Binance: "0 disables
 * that rule", as on BTCUSDT), NOTIONAL applied to MARKET orders for the minimum only over a
 * 5-minute average price (Binance's usual `applyMinToMarket: true, applyMaxToMarket: false,
 * avgPriceMins: 5`), MAX_NUM_ORDERS 200.
 */
export const MarketSchema = z.object({
  symbol: z.string().regex(/^[A-Z0-9]+\/[A-Z0-9]+$/, 'a unified symbol such as "BTC/USDT"'),
  id: z.string().regex(/^[A-Z0-9]+$/, 'a Binance symbol id such as "BTCUSDT"'),
  base: asset,
  quote: asset,
  priceFilter: z.object({ minPrice: decimalString, maxPrice: decimalString, tickSize: decimalString }),
  lotSize: z.object({ minQty: decimalString, maxQty: decimalString, stepSize: decimalString }),
  marketLotSize: z.object({ minQty: decimalString, maxQty: decimalString, stepSize: decimalString }).default({ minQty: '0', maxQty: '0', stepSize: '0' }),
  notional: z.object({
    minNotional: decimalString,
    maxNotional: decimalString,
    applyMinToMarket: z.boolean().default(true),
    applyMaxToMarket: z.boolean().default(false),
    avgPriceMins: z.number().int().nonnegative().default(5),
  }),
  maxNumOrders: z.number().int().positive().default(DEFAULT_MAX_NUM_ORDERS),
  orderTypes: z.array(z.enum(['LIMIT', 'LIMIT_MAKER', 'MARKET', 'STOP_LOSS_LIMIT', 'TAKE_PROFIT_LIMIT'])).min(1),
});
export type Market = z.infer<typeof MarketSchema>;

// The schema's defaults, spelled out so DEFAULT_MARKETS equals what parsing a bare market gives.
const NO_MARKET_LOT_SIZE = { minQty: '0', maxQty: '0', stepSize: '0' };
const NOTIONAL_FOR_MARKET = { applyMinToMarket: true, applyMaxToMarket: false, avgPriceMins: 5 };

export const DEFAULT_MARKETS: readonly Market[] = [
  {
    symbol: 'BTC/USDT', id: 'BTCUSDT', base: 'BTC', quote: 'USDT',
    priceFilter: { minPrice: '0.01', maxPrice: '1000000', tickSize: '0.01' },
    lotSize: { minQty: '0.00001', maxQty: '9000', stepSize: '0.00001' },
    marketLotSize: NO_MARKET_LOT_SIZE,
    notional: { minNotional: '5', maxNotional: '9000000', ...NOTIONAL_FOR_MARKET },
    maxNumOrders: DEFAULT_MAX_NUM_ORDERS,
    orderTypes: ['LIMIT', 'LIMIT_MAKER', 'MARKET'],
  },
  {
    symbol: 'ETH/USDT', id: 'ETHUSDT', base: 'ETH', quote: 'USDT',
    priceFilter: { minPrice: '0.01', maxPrice: '1000000', tickSize: '0.01' },
    lotSize: { minQty: '0.0001', maxQty: '9000', stepSize: '0.0001' },
    marketLotSize: NO_MARKET_LOT_SIZE,
    notional: { minNotional: '5', maxNotional: '9000000', ...NOTIONAL_FOR_MARKET },
    maxNumOrders: DEFAULT_MAX_NUM_ORDERS,
    orderTypes: ['LIMIT', 'LIMIT_MAKER', 'MARKET'],
  },
  {
    symbol: 'ETH/BTC', id: 'ETHBTC', base: 'ETH', quote: 'BTC',
    priceFilter: { minPrice: '0.00001', maxPrice: '922327', tickSize: '0.00001' },
    lotSize: { minQty: '0.0001', maxQty: '100000', stepSize: '0.0001' },
    marketLotSize: NO_MARKET_LOT_SIZE,
    notional: { minNotional: '0.0001', maxNotional: '9000000', ...NOTIONAL_FOR_MARKET },
    maxNumOrders: DEFAULT_MAX_NUM_ORDERS,
    orderTypes: ['LIMIT', 'LIMIT_MAKER', 'MARKET'],
  },
];
