import type { VenueEvent } from '../types';

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** An event before the log stamps it with its sequence number and the venue time. */
export type VenueEventBody = DistributiveOmit<VenueEvent, 'seq' | 'at'>;

/**
 * The append-only ground truth of a run. Sequence numbers start at 1; `at` is the venue clock,
 * so the log is byte-identical for the same seed and the same requests.
 */
export class EventLog {
  private readonly entries: VenueEvent[] = [];

  constructor(private readonly now: () => number) {}

  append(body: VenueEventBody): VenueEvent {
    const event = { seq: this.entries.length + 1, at: this.now(), ...body } as VenueEvent;
    this.entries.push(event);
    return event;
  }

  all(): readonly VenueEvent[] {
    return this.entries;
  }

  /** One JSON object a line; key order is construction order, which is deterministic. */
  toJsonLines(): string {
    return this.entries.map((event) => `${JSON.stringify(event)}\n`).join('');
  }
}
