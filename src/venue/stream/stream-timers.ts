import type { Clock } from '../../clock/clock';

export interface StreamTimer {
  /** The task will not run; cancelling twice, or after it ran, does nothing. */
  cancel(): void;
}

interface Scheduled {
  at: number;
  order: number;
  task: () => void;
  cancelled: boolean;
}

/**
 * The stream's timers (pings, pong deadlines, listenKey expiry, the 24-hour limit) on the
 * venue's clock. It keeps its own deadlines and holds one sleep for the earliest of them (a
 * later-armed earlier one may briefly overlap). A cancelled task never runs; when the last task
 * is cancelled every armed sleep is withdrawn, so once every connection is closed the clock holds
 * nothing of the stream (invariant F2). Tasks due at the same time run in the order they were
 * scheduled.
 */
export class StreamTimers {
  private queue: Scheduled[] = [];
  private scheduled = 0;
  /** Sleeps armed and not yet fired, by deadline; aborting one withdraws it from the clock. */
  private readonly armed = new Map<number, AbortController>();

  constructor(private readonly clock: Clock) {}

  /** Runs `task` once the clock reaches `at` (at once on the next wake-up if `at` is past). */
  at(at: number, task: () => void): StreamTimer {
    const entry: Scheduled = { at, order: this.scheduled, task, cancelled: false };
    this.scheduled += 1;
    this.queue.push(entry);
    this.queue.sort((a, b) => a.at - b.at || a.order - b.order);
    this.arm();
    return {
      cancel: () => {
        entry.cancelled = true;
        this.queue = this.queue.filter((candidate) => candidate !== entry);
        if (this.queue.length > 0) return;
        for (const sleep of this.armed.values()) sleep.abort();
        this.armed.clear();
      },
    };
  }

  /** Tasks waiting to run. */
  pending(): number {
    return this.queue.length;
  }

  private arm(): void {
    const next = this.queue[0];
    if (next === undefined) return;
    for (const deadline of this.armed.keys()) if (deadline <= next.at) return;
    const sleep = new AbortController();
    this.armed.set(next.at, sleep);
    void this.clock.sleep(next.at - this.clock.now(), sleep.signal).then(() => {
      if (sleep.signal.aborted) return;
      this.armed.delete(next.at);
      this.runDue();
    });
  }

  private runDue(): void {
    for (;;) {
      const head = this.queue[0];
      if (head === undefined || head.at > this.clock.now()) break;
      this.queue.shift();
      if (!head.cancelled) head.task();
    }
    this.arm();
  }
}
