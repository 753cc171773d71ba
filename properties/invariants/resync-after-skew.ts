import type { VenueEvent } from '../../src/venue/types';
import type { InvariantCheck } from './invariant-check';

/** Binance's -1021: the request's timestamp was outside recvWindow of the server's time. */
const TIMESTAMP_OUTSIDE_RECV_WINDOW = -1021;
/** The unsigned endpoints the venue serves (security type NONE); every other one is SIGNED. */
const UNSIGNED_PATHS: ReadonlySet<string> = new Set(['/api/v3/ping', '/api/v3/time', '/api/v3/exchangeInfo']);
const SERVER_TIME = 'GET /api/v3/time';

/**
 * S3 over the venue's event log: skew is cured by time sync, not by blind retries. After a
 * signed request answered -1021, the adapter asks for the server time (GET /api/v3/time, which
 * reaches the venue) before its next signed request reaches the venue: a request re-signed on
 * the same stale offset would only meet -1021 again.
 */
export function blindRetryAfterSkew(events: readonly VenueEvent[]): string | undefined {
  let skewed: { at: number; request: string } | undefined;
  for (const event of events) {
    if (event.type !== 'request') continue;
    const request = `${event.method} ${event.path}`;
    if (request === SERVER_TIME && event.status === 200) {
      skewed = undefined;
      continue;
    }
    if (UNSIGNED_PATHS.has(event.path)) continue;
    if (skewed !== undefined) {
      return `${request} was signed and sent at ${event.at} after ${skewed.request} was answered -1021 at ${skewed.at}, without a GET /api/v3/time in between`;
    }
    if (event.code === TIMESTAMP_OUTSIDE_RECV_WINDOW) skewed = { at: event.at, request };
  }
  return undefined;
}

export const skewCuredByResync: InvariantCheck = {
  invariant: 'S3',
  check: (_model, world) => blindRetryAfterSkew(world.venue.control.events()),
};
