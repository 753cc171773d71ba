import type { VenueEvent } from '../types';

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** An event before the log stamps it with its sequence number and the venue time. */
export type VenueEventBody = DistributiveOmit<VenueEvent, 'seq' | 'at'>;

/**
 * Told of each event as it is appended, synchronously, before `append` returns: the venue's
 * state is then exactly as the event left it (the user-data stream reads balances at that
 * moment). A listener must not throw or append: it runs inside the engine's operation.
 */
export type EventLogListener = (event: VenueEvent) => void;

/**
 * The append-only ground truth of a run. Sequence numbers start at 1; `at` is the venue clock,
 * so the log is byte-identical for the same seed and the same requests.
 */
export class EventLog {
  private readonly entries: VenueEvent[] = [];
  /** Replaced, never mutated, so a listener that unsubscribes while told leaves the loop intact. */
  private listeners: readonly EventLogListener[] = [];

  constructor(private readonly now: () => number) {}

  append(body: VenueEventBody): VenueEvent {
    const event = { seq: this.entries.length + 1, at: this.now(), ...body } as VenueEvent;
    this.entries.push(event);
    for (const listener of this.listeners) listener(event);
    return event;
  }

  /** Calls `listener` with every later event; the returned function stops it. */
  subscribe(listener: EventLogListener): () => void {
    this.listeners = [...this.listeners, listener];
    return () => {
      this.listeners = this.listeners.filter((candidate) => candidate !== listener);
    };
  }

  all(): readonly VenueEvent[] {
    return this.entries;
  }

  /** One JSON object a line; key order is construction order, which is deterministic. */
  toJsonLines(): string {
    return this.entries.map((event) => `${JSON.stringify(event)}\n`).join('');
  }
}
