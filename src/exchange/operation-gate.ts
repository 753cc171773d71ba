/**
 * Calls that may run beside each other, and the one that may not: a reconcile adopts the venue's
 * balances whole, so an answer another call applies while the reconcile's snapshot is on its way
 * would either be lost (the snapshot is older, a place's reserve vanishes) or counted twice (the
 * snapshot is newer, a cancel's release lands on top of it). A reconcile therefore waits for the
 * calls in flight and holds new ones until it is done; other calls share the gate freely.
 *
 * First come, first served: a call arriving while a reconcile waits queues behind it, so a
 * stream of calls cannot keep a reconcile out forever, nor a reconcile the calls behind it.
 */
export class OperationGate {
  private shared = 0;
  private exclusive = false;
  private readonly queue: Array<{ exclusive: boolean; start: () => void }> = [];

  /** Runs `work` beside other shared work, once no exclusive work holds or awaits the gate. */
  share<T>(work: () => Promise<T>): Promise<T> {
    return this.enter(false, work);
  }

  /** Runs `work` alone: after every call in flight, before every call that arrives after it. */
  hold<T>(work: () => Promise<T>): Promise<T> {
    return this.enter(true, work);
  }

  private async enter<T>(exclusive: boolean, work: () => Promise<T>): Promise<T> {
    if (this.queue.length > 0 || !this.mayStart(exclusive)) {
      await new Promise<void>((resolve) => this.queue.push({ exclusive, start: resolve }));
    } else {
      this.take(exclusive);
    }
    try {
      return await work();
    } finally {
      if (exclusive) this.exclusive = false;
      else this.shared -= 1;
      this.admit();
    }
  }

  private mayStart(exclusive: boolean): boolean {
    return exclusive ? !this.exclusive && this.shared === 0 : !this.exclusive;
  }

  private take(exclusive: boolean): void {
    if (exclusive) this.exclusive = true;
    else this.shared += 1;
  }

  /** Starts the queue's head while it may start: one exclusive, or every shared up to the next exclusive. */
  private admit(): void {
    for (let head = this.queue[0]; head !== undefined && this.mayStart(head.exclusive); head = this.queue[0]) {
      this.queue.shift();
      this.take(head.exclusive);
      head.start();
    }
  }
}
