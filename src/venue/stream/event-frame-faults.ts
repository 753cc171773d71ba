/** What happens to one user-data event frame: sent `copies` times, after `delayMs` when held. */
export interface EventFrameFate {
  copies: 1 | 2;
  delayMs: number | undefined;
}

export const ON_TIME: EventFrameFate = Object.freeze({ copies: 1, delayMs: undefined });

/**
 * The stream_duplicate and stream_late faults armed on one connection for one account, used up
 * frame by frame in injection order. Both may be armed at once: a frame is then held and sent twice.
 */
export class EventFrameFaults {
  private duplicates = 0;
  private late: Array<{ delayMs: number; remaining: number }> = [];

  duplicateNext(count: number): void {
    this.duplicates += count;
  }

  holdNext(count: number, delayMs: number): void {
    this.late.push({ delayMs, remaining: count });
  }

  /** The next event frame's fate; uses up what it applies. */
  next(): EventFrameFate {
    const copies = this.duplicates > 0 ? 2 : 1;
    if (this.duplicates > 0) this.duplicates -= 1;
    const held = this.late[0];
    if (held !== undefined) {
      held.remaining -= 1;
      if (held.remaining === 0) this.late = this.late.slice(1);
    }
    return copies === 1 && held === undefined ? ON_TIME : { copies, delayMs: held?.delayMs };
  }
}
