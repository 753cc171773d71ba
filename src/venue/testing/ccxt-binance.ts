import ccxt from 'ccxt';
import type { Clock } from '../../clock/clock';
import type { Credentials } from '../../exchange/contract';
import type { Venue } from '../types';

export type BinanceClient = InstanceType<typeof ccxt.binance>;

export interface ClientOptions {
  /** Shifts the client's timestamps against the venue clock (clock skew). */
  skewMs?: number;
}

/**
 * The real, unmodified ccxt.binance pointed at the venue's in-process transport, configured as
 * the ccxt note says: spot only, one GET /api/v3/exchangeInfo in loadMarkets, no throttle (it
 * sleeps on the real clock), timestamps from the venue's clock, decimals as strings.
 */
export function binanceClient(venue: Venue, credentials: Credentials, clock: Clock, options: ClientOptions = {}): BinanceClient {
  const exchange = new ccxt.binance({
    apiKey: credentials.apiKey,
    secret: credentials.secret,
    fetchImplementation: venue.fetch,
    enableRateLimit: false,
    options: {
      defaultType: 'spot',
      fetchMarkets: { types: ['spot'] },
      fetchCurrencies: false,
      fetchMargins: false,
      adjustForTimeDifference: false,
      fetchOpenOrders: { warnWithoutSymbol: false },
    },
  });
  const skew = options.skewMs ?? 0;
  exchange.milliseconds = () => clock.now() + skew;
  // Exchange.js: `this.number = Number; // or String`; typed as Number, so set through unknown.
  (exchange as unknown as { number: (value: string) => string }).number = String;
  return exchange;
}

export { ccxt };

/**
 * createOrder with decimal strings: ccxt accepts them and rounds them with its string-based
 * precision code (ccxt note, "Exact decimals"), but its typings say number.
 */
export function createLimitOrder(exchange: BinanceClient, symbol: string, side: 'buy' | 'sell', amount: string, price: string, params: Record<string, string> = {}) {
  const asNumber = (value: string): number => value as unknown as number;
  return exchange.createOrder(symbol, 'limit', side, asNumber(amount), asNumber(price), params);
}
