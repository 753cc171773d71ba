import type { InvariantCheck } from './invariant-check';

/** Binance's rate-limit answers: 429 "too many requests", 418 "IP banned" (LIMITS doc). */
const RATE_LIMIT_STATUSES: ReadonlySet<number> = new Set([429, 418]);

/**
 * R1, from the venue's own records: with the adapter's limiter on and nobody else using the IP,
 * the venue never had to answer a request with 429 or 418. The venue's 'request' events are the
 * truth, not the adapter's metrics, so a limiter that counts wrong cannot vouch for itself.
 */
export const venueNeverAnswersRateLimited: InvariantCheck = {
  invariant: 'R1',
  check(_model, world) {
    for (const event of world.venue.control.events()) {
      if (event.type === 'request' && RATE_LIMIT_STATUSES.has(event.status)) {
        return `the venue answered ${event.method} ${event.path} with ${event.status} (code ${event.code ?? 'none'}) at ${event.at}`;
      }
    }
    return undefined;
  },
};
