import { createClock } from '@sinonjs/fake-timers';
import type { Clock } from './clock';

/** 2024-01-01T00:00:00Z: a fixed start so event logs are byte-identical between runs. */
export const VIRTUAL_EPOCH_MS = 1_704_067_200_000;

/**
 * Time that moves only when told to. Built on a @sinonjs/fake-timers clock created without
 * touching the globals (ccxt's own request timer must stay on real time, see the ccxt note).
 */
export class VirtualClock implements Clock {
  private readonly timers;
  private inFlight = 0;

  constructor(startMs: number = VIRTUAL_EPOCH_MS) {
    this.timers = createClock(startMs);
  }

  now(): number {
    return this.timers.now;
  }

  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      this.timers.setTimeout(() => resolve(), Math.max(0, ms));
    });
  }

  /** Moves time forward by `ms`, firing every timer due on the way in deadline order. */
  async advance(ms: number): Promise<void> {
    await this.timers.tickAsync(Math.max(0, ms));
  }

  pendingTimers(): number {
    return this.timers.countTimers();
  }

  /**
   * Marks real I/O (a loopback request) as in flight: while any is, `run` never jumps time,
   * because the task is not waiting on a timer.
   */
  async whileInFlight<T>(io: Promise<T>): Promise<T> {
    this.inFlight += 1;
    try {
      return await io;
    } finally {
      this.inFlight -= 1;
    }
  }

  /**
   * Drives `work` to completion: whenever every pending task waits on a timer (promises
   * flushed, no I/O in flight), time jumps to the next deadline. A five-minute backoff so costs
   * microseconds and fires in the same order on every replay.
   */
  async run<T>(work: Promise<T>): Promise<T> {
    let settled = false;
    const observed = work.then(
      (value) => {
        settled = true;
        return value;
      },
      (error: unknown) => {
        settled = true;
        throw error;
      },
    );
    // Keep the rejection handled while we spin; it is rethrown by `await observed` below.
    observed.catch(() => undefined);
    for (;;) {
      await yieldToEventLoop();
      if (settled) break;
      if (this.inFlight === 0 && this.timers.countTimers() > 0) {
        await this.timers.nextAsync();
      }
    }
    return observed;
  }
}

/** One macrotask turn: every promise job queued before it has run when it resolves. */
function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
