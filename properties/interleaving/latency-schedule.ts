import type { Clock } from '../../src/clock/clock';
import type { FetchLike } from '../../src/exchange/contract';

/** How long one request takes to reach the venue, and its answer to come back, in virtual ms. */
export interface RequestLatency {
  request: number;
  response: number;
}

/**
 * The scheduler of interleaved runs: the adapter's transport with a latency per request, drawn
 * by the run (and shrunk, and replayed) rather than left to the machine. Requests in flight
 * together reach the venue, and their answers reach the adapter, in the order these latencies
 * make on the virtual clock, so one seed gives one interleaving of every await that waits on
 * the venue. Outside a step that loads a schedule every request goes straight through, and the
 * run is the plain sequential one.
 */
export class LatencySchedule {
  private queue: RequestLatency[] = [];
  /** The latencies the current schedule gave, in request order, for the counterexample. */
  private given: RequestLatency[] = [];

  /** The next requests take these latencies, one each in the order they are sent; later ones none. */
  load(latencies: readonly RequestLatency[]): void {
    this.queue = [...latencies];
    this.given = [];
  }

  /** Ends the schedule: what it gave, and the latencies no request used. */
  unload(): { given: RequestLatency[]; unused: number } {
    const result = { given: this.given, unused: this.queue.length };
    this.queue = [];
    this.given = [];
    return result;
  }

  wrap(fetch: FetchLike, clock: Clock): FetchLike {
    return async (url, init) => {
      const latency = this.queue.shift();
      if (latency === undefined) return fetch(url, init);
      this.given.push(latency);
      if (latency.request > 0) await clock.sleep(latency.request);
      const response = await fetch(url, init);
      if (latency.response > 0) await clock.sleep(latency.response);
      return response;
    };
  }
}
