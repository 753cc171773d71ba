import { BINANCE_RATE_LIMITS, type RateLimitRule } from '../../src/venue';
import { intervalLabel } from '../../src/venue/limits/limits-config';
import type { VenueEvent } from '../../src/venue/types';
import type { InvariantCheck } from './invariant-check';
import { arrivalsOf } from './venue-arrivals';

/** A time the client must stay silent until, and what imposed it. */
interface Hold {
  from: number;
  until: number;
  why: string;
}

/**
 * R3 over a stretch of the venue's event log: after a 429 (or a storm's 418) carrying
 * Retry-After, no request arrives before it has elapsed; after an IP ban (418), none before the
 * ban ends. A request
 * arriving at the very millisecond of the 429 was in flight with it (the client had not seen
 * the answer yet), so only later ones count. Returns the first violation, in words.
 */
export function retryAfterViolation(events: readonly VenueEvent[]): string | undefined {
  let hold: Hold | undefined;
  const arrivals = arrivalsOf(events);
  let next = 0;
  for (const event of events) {
    // Arrivals and bans interleave by sequence number: walk both in log order.
    while (next < arrivals.length && (arrivals[next]?.seq ?? Infinity) <= event.seq) {
      const arrival = arrivals[next];
      next += 1;
      if (arrival === undefined) continue;
      if (hold !== undefined && arrival.at > hold.from && arrival.at < hold.until) {
        return `${arrival.method} ${arrival.path} reached the venue at ${arrival.at}, ${hold.until - arrival.at} ms before ${hold.why} (from ${hold.from}) ran out`;
      }
      if (arrival.outcome === 'throttled' && arrival.retryAfterSeconds !== undefined) {
        hold = longer(hold, { from: arrival.at, until: arrival.at + arrival.retryAfterSeconds * 1000, why: `the ${arrival.status ?? 429}'s Retry-After of ${arrival.retryAfterSeconds} s` });
      }
    }
    if (event.type === 'ip_banned') hold = longer(hold, { from: event.at, until: event.until, why: `the IP ban (418, ban ${event.bans})` });
  }
  return undefined;
}

function longer(current: Hold | undefined, candidate: Hold): Hold {
  return current === undefined || candidate.until > current.until ? candidate : current;
}

export const requestsWaitOutRetryAfter: InvariantCheck = {
  invariant: 'R3',
  check: (_model, world) => retryAfterViolation(world.venue.control.events()),
};

/**
 * R2 from the venue's counters: every window of every rate limiter it counted (REQUEST_WEIGHT and
 * RAW_REQUESTS per IP, ORDERS per account) stayed within that limiter's limit. The world's venue
 * runs Binance's production limits.
 */
export function windowOverLimit(windows: ReadonlyArray<{ rateLimitType: string; interval: string; subject: string; start: number; count: number }>, rules: readonly RateLimitRule[] = BINANCE_RATE_LIMITS): string | undefined {
  for (const window of windows) {
    const rule = rules.find((candidate) => candidate.rateLimitType === window.rateLimitType && intervalLabel(candidate) === window.interval);
    if (rule !== undefined && window.count > rule.limit) {
      return `${window.rateLimitType} ${window.interval} window from ${window.start} for ${window.subject} counted ${window.count}, over its limit of ${rule.limit}`;
    }
  }
  return undefined;
}

export const everyWindowWithinItsLimit: InvariantCheck = {
  invariant: 'R2',
  check: (_model, world) => windowOverLimit(world.venue.control.limitWindows()),
};
