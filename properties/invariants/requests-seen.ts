import type { VenueEvent } from '../../src/venue/types';

/**
 * One request as the adapter must have seen it, from the venue's event log: the venue's 'request'
 * events, with what the nemesis did to them. A fault that ended a request before the venue
 * (reset, a 5XX or corrupted answer in its place, maintenance, a 429 storm) adds a request the
 * venue never handled; one that changed the answer after (lost, 5XX, read lag, corruption of a
 * refusal stays as it was) changes the status the adapter saw. `status` "none": no answer came.
 */
export interface RequestSeen {
  endpoint: string;
  status: string;
}

/** Faults that answer in the venue's place: the request never reached it. */
const ANSWERED_BEFORE_VENUE: ReadonlySet<string> = new Set(['connection_reset', 'maintenance', 'rate_limit_storm']);

export function requestsSeenByClient(events: readonly VenueEvent[]): RequestSeen[] {
  const seen: RequestSeen[] = [];
  for (const event of events) {
    if (event.type === 'request') {
      seen.push({ endpoint: `${event.method} ${event.path}`, status: String(event.status) });
      continue;
    }
    if (event.type !== 'fault') continue;
    const endpoint = `${event.method} ${event.path}`;
    const applied = event.detail['applied'] === true;
    const status = event.kind === 'connection_reset' || event.kind === 'response_lost' ? 'none' : String(event.detail['status'] ?? '');
    if (ANSWERED_BEFORE_VENUE.has(event.kind) || ((event.kind === 'server_error' || event.kind === 'corrupt_response') && !applied)) {
      seen.push({ endpoint, status });
    } else if (event.kind === 'response_lost' || event.kind === 'server_error' || event.kind === 'read_lag') {
      // Logged right after the venue's own 'request' event for the same request.
      const last = seen.findLast((request) => request.endpoint === endpoint);
      if (last !== undefined) last.status = status;
    }
  }
  return seen;
}

/** Counts per "endpoint status" key. */
export function countRequests(requests: readonly RequestSeen[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const { endpoint, status } of requests) counts.set(`${endpoint} ${status}`, (counts.get(`${endpoint} ${status}`) ?? 0) + 1);
  return counts;
}

/** The first key whose count differs, in words; undefined when equal. */
export function countsDifference(actual: ReadonlyMap<string, number>, expected: ReadonlyMap<string, number>, actualName: string): string | undefined {
  for (const key of [...new Set([...actual.keys(), ...expected.keys()])].sort()) {
    const got = actual.get(key) ?? 0;
    const want = expected.get(key) ?? 0;
    if (got !== want) return `${key}: ${actualName} ${got}, the venue saw ${want}`;
  }
  return undefined;
}
