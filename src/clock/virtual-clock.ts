import { createClock } from '@sinonjs/fake-timers';
import { CallNeverSettledError } from '../domain/errors';
import type { Clock } from './clock';

/** 2024-01-01T00:00:00Z: a fixed start so event logs are byte-identical between runs. */
export const VIRTUAL_EPOCH_MS = 1_704_067_200_000;

/** How long driven work may stay pending in virtual time by default: ten minutes (P1). */
export const DEFAULT_CALL_LIMIT_MS = 600_000;

/**
 * Event-loop turns with nothing pending (no virtual timer, no I/O in flight) before work that
 * has not settled is declared stuck: first plain turns (a promise chain may hop through a few
 * macrotasks before it queues the next timer or request), then turns that each wait out a
 * real 1 ms timer, because libraries yield on real timers of their own that this clock cannot
 * see (ccxt's close() awaits a real sleep(0)). Nothing measures real time: a genuine hang is
 * declared whatever the machine's speed, only some milliseconds later. Ten such turns were too
 * few: one adapter placing and canceling 2,500 orders in one driven call was declared stuck
 * somewhere between its 1,559th and 1,639th pair (a different one each time, with no real timer
 * or I/O active at that moment), and completes with 100; a genuine hang costs about 0.1 s to
 * declare.
 */
const IDLE_TURNS_BEFORE_STUCK = 20;
const IDLE_TIMER_TURNS_BEFORE_STUCK = 100;

export interface RunOptions {
  /** Virtual ms the work may stay pending; default DEFAULT_CALL_LIMIT_MS. */
  limitMs?: number | undefined;
}

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

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      if (signal?.aborted === true) return resolve();
      const timer = this.timers.setTimeout(() => {
        signal?.removeEventListener('abort', cancel);
        resolve();
      }, Math.max(0, ms));
      const cancel = (): void => {
        this.timers.clearTimeout(timer);
        resolve();
      };
      signal?.addEventListener('abort', cancel, { once: true });
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
   *
   * On this clock a hang is decidable: work that has not settled while no timer is pending and
   * no I/O is in flight can never settle, and is rejected with CallNeverSettledError at once;
   * so is work still pending `limitMs` of virtual time after it started. (Work that blocks the
   * event loop cannot be stopped from here: the CLI's watchdog kills the worker.)
   */
  async run<T>(work: Promise<T>, options: RunOptions = {}): Promise<T> {
    const limitMs = options.limitMs ?? DEFAULT_CALL_LIMIT_MS;
    const startedAt = this.now();
    let idleTurns = 0;
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
      if (this.inFlight > 0) {
        idleTurns = 0;
        continue;
      }
      if (this.timers.countTimers() === 0) {
        idleTurns += 1;
        if (idleTurns > IDLE_TURNS_BEFORE_STUCK) await yieldToRealTimers();
        if (idleTurns >= IDLE_TURNS_BEFORE_STUCK + IDLE_TIMER_TURNS_BEFORE_STUCK) {
          await yieldToEventLoop();
          if (settled) break;
          throw new CallNeverSettledError('nothing pending could settle it (no timer, no request in flight)');
        }
        continue;
      }
      idleTurns = 0;
      // fake-timers does not say when its next timer is due without firing it: the limit is
      // judged once time has moved there.
      await this.timers.nextAsync();
      if (this.now() - startedAt > limitMs) {
        await yieldToEventLoop();
        if (settled) break;
        throw new CallNeverSettledError(`still pending after ${limitMs} ms of virtual time, the limit of one call`);
      }
    }
    return observed;
  }
}

/** A turn long enough for a library's real setTimeout(0) to fire (Node waits at least 1 ms). */
function yieldToRealTimers(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 1));
}

/**
 * One macrotask turn: every promise job queued before it has run when it resolves. Code that
 * must yield to other tasks without waiting on time (ccxt's sleep(0)) yields this way on either
 * clock: no timer for driven work to wait out.
 */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
