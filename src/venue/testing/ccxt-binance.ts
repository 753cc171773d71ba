import ccxt from 'ccxt';
import type { Clock } from '../../clock/clock';
import { BINANCE_ORIGIN, createBinanceClient } from '../../exchange/binance-client';
import type { Credentials } from '../../exchange/contract';
import type { Venue } from '../types';

export type BinanceClient = InstanceType<typeof ccxt.binance>;

export interface ClientOptions {
  /** Shifts the client's timestamps against the venue clock (clock skew). */
  skewMs?: number;
}

/**
 * The real, unmodified ccxt.binance on the venue's in-process transport, configured exactly as
 * the reference adapter configures it (src/exchange/binance-client.ts), optionally with its
 * timestamps shifted against the venue clock.
 */
export function binanceClient(venue: Venue, credentials: Credentials, clock: Clock, options: ClientOptions = {}): BinanceClient {
  const skew = options.skewMs ?? 0;
  const skewed: Clock = { now: () => clock.now() + skew, sleep: (ms) => clock.sleep(ms) };
  return createBinanceClient({ environment: 'sim', clock: skewed, credentials, baseUrl: BINANCE_ORIGIN, fetch: venue.fetch });
}

export { ccxt };

/**
 * createOrder with decimal strings: ccxt accepts them and rounds them with its string-based
 * precision code (ccxt note, "Exact decimals"), but its typings say number.
 */
export function createLimitOrder(exchange: BinanceClient, symbol: string, side: 'buy' | 'sell', amount: string, price: string, params: Record<string, string> = {}) {
  // Still the string at run time: only the type changes.
  const ccxtDecimal = (value: string): number => value as unknown as number;
  return exchange.createOrder(symbol, 'limit', side, ccxtDecimal(amount), ccxtDecimal(price), params);
}
