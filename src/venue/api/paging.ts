import { apiErrors } from './errors';

/** Binance's page size for allOrders and myTrades: default 500, max 1000. */
export const DEFAULT_PAGE_LIMIT = 500;
export const MAX_PAGE_LIMIT = 1000;
/** Binance: "The time between startTime and endTime can't be longer than 24 hours." */
export const MAX_TIME_WINDOW_MS = 24 * 60 * 60 * 1000;

export function pageLimit(limit: number | undefined): number {
  const value = limit ?? DEFAULT_PAGE_LIMIT;
  if (value < 1 || value > MAX_PAGE_LIMIT) throw apiErrors.invalidParameter('limit');
  return value;
}

export function checkTimeWindow(startTime: number | undefined, endTime: number | undefined): void {
  if (startTime !== undefined && endTime !== undefined && (endTime < startTime || endTime - startTime > MAX_TIME_WINDOW_MS)) throw apiErrors.moreThan24Hours();
}
