import type { VenueEvent } from '../../src/venue/types';

/**
 * One request of the adapter as the venue side saw it arrive: answered by the venue (a
 * 'request' event), or ended by the nemesis before it reached the venue (a 'fault' event with
 * `applied: false`: maintenance, reset, storm, unapplied 5xx).
 * - `answered`: the venue's own answer reached the client, whatever its status;
 * - `failed`: the client saw a venue failure (5xx, reset, lost answer), what a breaker counts;
 * - `throttled`: a 429 (or a 418 ban) of a rate-limit storm, with the Retry-After it carried.
 */
export interface Arrival {
  seq: number;
  at: number;
  method: string;
  path: string;
  outcome: 'answered' | 'failed' | 'throttled';
  /** HTTP status the client got (undefined: a reset or a lost answer, no status at all). */
  status: number | undefined;
  /** Binance error code of the venue's answer, if any. */
  code: number | undefined;
  retryAfterSeconds: number | undefined;
}

/** Faults that end a request before the venue: nothing applied, the client sees a failure. */
const FAILED_BEFORE_VENUE: ReadonlySet<string> = new Set(['maintenance', 'connection_reset', 'server_error']);
/** Faults that turn an applied request's answer into a failure (logged right after its 'request' event). */
const FAILED_AFTER_VENUE: ReadonlySet<string> = new Set(['response_lost', 'server_error']);

/** Every request that reached the venue or its nemesis, in arrival order. */
export function arrivalsOf(events: readonly VenueEvent[]): Arrival[] {
  const arrivals: Arrival[] = [];
  for (const event of events) {
    if (event.type === 'request') {
      arrivals.push({ seq: event.seq, at: event.at, method: event.method, path: event.path, outcome: 'answered', status: event.status, code: event.code, retryAfterSeconds: undefined });
      continue;
    }
    if (event.type !== 'fault') continue;
    const applied = event.detail['applied'];
    const status = numberOf(event.detail['status']);
    if (applied === false && event.kind === 'rate_limit_storm') {
      arrivals.push({ seq: event.seq, at: event.at, method: event.method, path: event.path, outcome: 'throttled', status, code: numberOf(event.detail['code']), retryAfterSeconds: numberOf(event.detail['retryAfterSeconds']) });
    } else if (applied === false && FAILED_BEFORE_VENUE.has(event.kind)) {
      arrivals.push({ seq: event.seq, at: event.at, method: event.method, path: event.path, outcome: 'failed', status, code: numberOf(event.detail['code']), retryAfterSeconds: undefined });
    } else if (applied === true && FAILED_AFTER_VENUE.has(event.kind)) {
      const answered = lastAnswered(arrivals, event.method, event.path);
      if (answered !== undefined) {
        answered.outcome = 'failed';
        // A lost answer's detail holds the venue's status, which the client never saw.
        answered.status = event.kind === 'response_lost' ? undefined : status;
        answered.code = numberOf(event.detail['code']);
      }
    }
  }
  return arrivals;
}

function lastAnswered(arrivals: Arrival[], method: string, path: string): Arrival | undefined {
  for (let index = arrivals.length - 1; index >= 0; index -= 1) {
    const arrival = arrivals[index];
    if (arrival !== undefined && arrival.outcome === 'answered' && arrival.method === method && arrival.path === path) return arrival;
  }
  return undefined;
}

function numberOf(value: unknown): number | undefined {
  return typeof value === 'number' ? value : undefined;
}
