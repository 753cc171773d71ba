import { Decimal, ZERO, formatBinance } from '../../domain/decimal';
import type { Trade } from '../engine/trade';

/** The 24hr ticker's window: "24 hour rolling window price change statistics". */
export const TICKER_WINDOW_MS = 24 * 60 * 60 * 1000;
const MINUTE_MS = 60_000;

/** What the trades of one symbol in [openTime, closeTime] add up to (both ends inclusive). */
export interface WindowStatistics {
  readonly openTime: number;
  readonly closeTime: number;
  /** The last trade of the symbol at all (in the window or before it); undefined before any. */
  readonly lastTrade: Trade | undefined;
  /** The last trade before the window: its price is Binance's prevClosePrice. */
  readonly beforeWindow: Trade | undefined;
  readonly inWindow: readonly Trade[];
  readonly open: Decimal;
  readonly high: Decimal;
  readonly low: Decimal;
  readonly last: Decimal;
  readonly volume: Decimal;
  readonly quoteVolume: Decimal;
}

/**
 * The rolling statistics of a symbol's trades (oldest first) over the window ending at
 * `closeTime`. Without trades in the window, open, high and low are the last price (so the
 * change is zero), and everything is zero before the symbol's first trade.
 */
export function rollingStatistics(trades: readonly Trade[], closeTime: number, windowMs: number): WindowStatistics {
  const openTime = closeTime - windowMs;
  const inWindow = trades.filter((trade) => trade.at >= openTime && trade.at <= closeTime);
  const beforeWindow = trades.filter((trade) => trade.at < openTime).at(-1);
  const lastTrade = trades.at(-1);
  const last = lastTrade?.price ?? ZERO;
  const prices = inWindow.map((trade) => trade.price);
  let volume = ZERO;
  let quoteVolume = ZERO;
  for (const trade of inWindow) {
    volume = volume.plus(trade.quantity);
    quoteVolume = quoteVolume.plus(trade.quoteQuantity);
  }
  return {
    openTime,
    closeTime,
    lastTrade,
    beforeWindow,
    inWindow,
    open: inWindow[0]?.price ?? last,
    high: prices.length === 0 ? last : Decimal.max(...prices),
    low: prices.length === 0 ? last : Decimal.min(...prices),
    last,
    volume,
    quoteVolume,
  };
}

/** quoteVolume / volume, Binance's weightedAvgPrice (8 decimals); zero without volume. */
export function weightedAverage(stats: Pick<WindowStatistics, 'volume' | 'quoteVolume'>): string {
  return stats.volume.isZero() ? ZERO.toFixed(8) : stats.quoteVolume.dividedBy(stats.volume).toFixed(8);
}

/** (last - open) / open in percent with 3 decimals, as Binance's priceChangePercent ("-95.960"). */
export function changePercent(open: Decimal, last: Decimal): string {
  if (open.isZero()) return ZERO.toFixed(3);
  const percent = last.minus(open).dividedBy(open).times(100).toDecimalPlaces(3);
  // decimal.js keeps the sign of a value rounded to zero ("-0.000"); Binance does not.
  return (percent.isZero() ? ZERO : percent).toFixed(3);
}

/**
 * GET /api/v3/avgPrice: the volume-weighted average price over the last `mins` minutes, 8
 * decimals; with no trade in that window (or `mins` 0, which Binance's filters read as "the last
 * price is used") the last trade price; zero before any trade. `closeTime` is the last trade's
 * time, or `now` before any trade.
 */
export function averagePrice(trades: readonly Trade[], now: number, mins: number): { price: string; closeTime: number } {
  const lastTrade = trades.at(-1);
  if (lastTrade === undefined) return { price: ZERO.toFixed(8), closeTime: now };
  const stats = rollingStatistics(trades, now, mins * MINUTE_MS);
  const price = mins === 0 || stats.volume.isZero() ? formatBinance(lastTrade.price) : weightedAverage(stats);
  return { price, closeTime: lastTrade.at };
}
