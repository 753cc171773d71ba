/**
 * The history as one doubly linked list of call and return entries in time order, the data
 * structure of Wing & Gong's search as Lowe and Porcupine implement it. Linearizing an
 * operation lifts its call and return out of the list; backtracking puts them back exactly
 * where they were (dancing links: a lifted entry keeps its own links, and undoing in reverse
 * order restores its neighbours'). Indices in typed arrays, not objects: the search walks this
 * list millions of times and arrays keep it out of the garbage collector's way.
 */
export const NO_ENTRY = -1;

export class EntryList {
  /** The sentinel before the first entry; `next[head]` is the first entry still in the list. */
  readonly head: number;
  readonly next: Int32Array;
  readonly prev: Int32Array;
  /** The operation (its index in the part) each entry belongs to. */
  readonly operationOf: Int32Array;
  /** For a call entry, its return entry, or NO_ENTRY for a pending operation; for a return entry, itself. */
  readonly returnOf: Int32Array;

  /** `returns[i]` undefined: operation i is pending and has no return entry. */
  constructor(calls: readonly number[], returns: readonly (number | undefined)[]) {
    const entries: { time: number; isReturn: boolean; operation: number }[] = [];
    calls.forEach((time, operation) => {
      entries.push({ time, isReturn: false, operation });
      const returned = returns[operation];
      if (returned !== undefined) entries.push({ time: returned, isReturn: true, operation });
    });
    // At equal times calls come first, so touching intervals overlap (see history.ts).
    entries.sort((a, b) => a.time - b.time || Number(a.isReturn) - Number(b.isReturn) || a.operation - b.operation);
    const total = entries.length;
    this.head = total;
    this.next = new Int32Array(total + 1);
    this.prev = new Int32Array(total + 1);
    this.operationOf = new Int32Array(total);
    this.returnOf = new Int32Array(total).fill(NO_ENTRY);
    const callEntryOf = new Int32Array(calls.length);
    entries.forEach((entry, index) => {
      this.operationOf[index] = entry.operation;
      this.next[index] = index + 1 < total ? index + 1 : NO_ENTRY;
      this.prev[index] = index === 0 ? this.head : index - 1;
      if (entry.isReturn) {
        this.returnOf[index] = index;
        this.returnOf[callEntryOf[entry.operation] ?? 0] = index;
      } else {
        callEntryOf[entry.operation] = index;
      }
    });
    this.next[this.head] = total > 0 ? 0 : NO_ENTRY;
    this.prev[this.head] = NO_ENTRY;
  }

  isReturn(entry: number): boolean {
    return this.returnOf[entry] === entry;
  }

  /** Takes a call entry and its return entry, if any, out of the list. */
  lift(call: number): void {
    this.unlink(call);
    const returned = this.returnOf[call] ?? NO_ENTRY;
    if (returned !== NO_ENTRY) this.unlink(returned);
  }

  /** Puts back what the matching `lift` took out; must undo lifts in reverse order. */
  unlift(call: number): void {
    const returned = this.returnOf[call] ?? NO_ENTRY;
    if (returned !== NO_ENTRY) this.relink(returned);
    this.relink(call);
  }

  private unlink(entry: number): void {
    const before = this.prev[entry] ?? NO_ENTRY;
    const after = this.next[entry] ?? NO_ENTRY;
    this.next[before] = after;
    if (after !== NO_ENTRY) this.prev[after] = before;
  }

  private relink(entry: number): void {
    const before = this.prev[entry] ?? NO_ENTRY;
    const after = this.next[entry] ?? NO_ENTRY;
    this.next[before] = entry;
    if (after !== NO_ENTRY) this.prev[after] = entry;
  }
}
