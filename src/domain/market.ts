import { z } from 'zod';
import { DECIMAL_PATTERN } from './decimal';

const decimalString = z.string().regex(DECIMAL_PATTERN, 'a plain decimal string such as "0.01"');
const asset = z.string().regex(/^[A-Z0-9]{2,10}$/, 'an upper-case asset code such as "BTC"');

/**
 * A spot market as tradeprop sees it: Binance's PRICE_FILTER, LOT_SIZE and NOTIONAL filters,
 * decimals as strings. The venue lists these in exchangeInfo; the adapter reads them back.
 */
export const MarketSchema = z.object({
  symbol: z.string().regex(/^[A-Z0-9]+\/[A-Z0-9]+$/, 'a unified symbol such as "BTC/USDT"'),
  id: z.string().regex(/^[A-Z0-9]+$/, 'a Binance symbol id such as "BTCUSDT"'),
  base: asset,
  quote: asset,
  priceFilter: z.object({ minPrice: decimalString, maxPrice: decimalString, tickSize: decimalString }),
  lotSize: z.object({ minQty: decimalString, maxQty: decimalString, stepSize: decimalString }),
  notional: z.object({ minNotional: decimalString, maxNotional: decimalString }),
  orderTypes: z.array(z.enum(['LIMIT', 'LIMIT_MAKER', 'MARKET', 'STOP_LOSS_LIMIT', 'TAKE_PROFIT_LIMIT'])).min(1),
});
export type Market = z.infer<typeof MarketSchema>;

export const DEFAULT_MARKETS: readonly Market[] = [
  {
    symbol: 'BTC/USDT', id: 'BTCUSDT', base: 'BTC', quote: 'USDT',
    priceFilter: { minPrice: '0.01', maxPrice: '1000000', tickSize: '0.01' },
    lotSize: { minQty: '0.00001', maxQty: '9000', stepSize: '0.00001' },
    notional: { minNotional: '5', maxNotional: '9000000' },
    orderTypes: ['LIMIT', 'LIMIT_MAKER', 'MARKET'],
  },
  {
    symbol: 'ETH/USDT', id: 'ETHUSDT', base: 'ETH', quote: 'USDT',
    priceFilter: { minPrice: '0.01', maxPrice: '1000000', tickSize: '0.01' },
    lotSize: { minQty: '0.0001', maxQty: '9000', stepSize: '0.0001' },
    notional: { minNotional: '5', maxNotional: '9000000' },
    orderTypes: ['LIMIT', 'LIMIT_MAKER', 'MARKET'],
  },
  {
    symbol: 'ETH/BTC', id: 'ETHBTC', base: 'ETH', quote: 'BTC',
    priceFilter: { minPrice: '0.00001', maxPrice: '922327', tickSize: '0.00001' },
    lotSize: { minQty: '0.0001', maxQty: '100000', stepSize: '0.0001' },
    notional: { minNotional: '0.0001', maxNotional: '9000000' },
    orderTypes: ['LIMIT', 'LIMIT_MAKER', 'MARKET'],
  },
];
