import type { VenueEvent } from '../../src/venue/types';
import type { InvariantCheck } from './invariant-check';
import { arrivalsOf } from './venue-arrivals';

export interface BreakerSettings {
  failureThreshold: number;
  openMs: number;
}

/**
 * C2 over the venue's event log: the breaker the adapter should have, replayed on what reached
 * the venue. `failureThreshold` failures in a row open it; while open nothing arrives; once
 * `openMs` has passed the next arrival is its probe, which closes it (answered) or opens it again
 * (failed). Every answer that is not a venue failure (a rejection, a 429) counts as a success,
 * as the breaker counts it. Cancels (DELETE) are neither held back nor counted, nor the trade
 * reads that complete one (GET /api/v3/myTrades right after it, before any other request: the
 * cancel's answer showed fills the adapter had not seen). Assumes one call in flight at a time,
 * as the trading commands make them.
 */
function replayBreaker(events: readonly VenueEvent[], settings: BreakerSettings): { violation?: string; openedAt?: number | undefined } {
  let failures = 0;
  let openedAt: number | undefined;
  let inCancel = false;
  for (const arrival of arrivalsOf(events)) {
    // Cancels pass the breaker by (venue-calls.ts), with the reads that complete them.
    if (arrival.method === 'DELETE') {
      inCancel = true;
      continue;
    }
    if (inCancel && arrival.method === 'GET' && arrival.path === '/api/v3/myTrades') continue;
    inCancel = false;
    if (openedAt !== undefined) {
      if (arrival.at < openedAt + settings.openMs) {
        return { violation: `${arrival.method} ${arrival.path} reached the venue at ${arrival.at}, while the breaker should be open (opened at ${openedAt} after ${settings.failureThreshold} failures in a row, for ${settings.openMs} ms)` };
      }
      // The probe: it decides alone.
      openedAt = arrival.outcome === 'failed' ? arrival.at : undefined;
      failures = 0;
      continue;
    }
    if (arrival.outcome !== 'failed') {
      failures = 0;
      continue;
    }
    failures += 1;
    if (failures >= settings.failureThreshold) openedAt = arrival.at;
  }
  return { openedAt };
}

export function requestWhileBreakerOpen(events: readonly VenueEvent[], settings: BreakerSettings): string | undefined {
  return replayBreaker(events, settings).violation;
}

/**
 * Whether the breaker replayed on the log is open at `now`, so a call refused unsent with
 * CIRCUIT_OPEN is the right answer: faults on one kind of call (lookups) can open it for all.
 */
export function breakerShouldBeOpen(events: readonly VenueEvent[], settings: BreakerSettings, now: number): boolean {
  const { openedAt } = replayBreaker(events, settings);
  return openedAt !== undefined && now < openedAt + settings.openMs;
}

export function breakerOpensAndProbes(settings: BreakerSettings): InvariantCheck {
  return { invariant: 'C2', check: (_model, world) => requestWhileBreakerOpen(world.venue.control.events(), settings) };
}
