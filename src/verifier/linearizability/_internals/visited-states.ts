import type { LinearizedSet } from './linearized-set';

/**
 * The search's memo: every (linearized set, state) pair it has reached. Reaching one again means
 * the same future with the same operations left to place, already explored, so the search
 * backs off (Lowe 2017, "Testing for linearizability"; Porcupine's cache). States
 * are compared by their specification key, sets by their bits: the hash only picks the bucket.
 */
export class VisitedStates {
  private readonly byState = new Map<string, Map<number, Uint32Array[]>>();
  private count = 0;

  /** Records the pair and says true, or says false when it was already there. */
  addIfAbsent(linearized: LinearizedSet, stateKey: string): boolean {
    let byHash = this.byState.get(stateKey);
    if (byHash === undefined) {
      byHash = new Map();
      this.byState.set(stateKey, byHash);
    }
    const hash = linearized.hash();
    const bucket = byHash.get(hash);
    if (bucket === undefined) {
      byHash.set(hash, [linearized.snapshot()]);
    } else {
      if (bucket.some((snapshot) => linearized.equals(snapshot))) return false;
      bucket.push(linearized.snapshot());
    }
    this.count += 1;
    return true;
  }

  get size(): number {
    return this.count;
  }
}
