/**
 * The set of operations linearized so far, as a bitset with a hash kept up to date on every
 * add and remove (Zobrist hashing: each operation owns two fixed 32-bit words, and the set's
 * hash is the XOR of its members' words). Porcupine rehashes its bitset on every cache lookup;
 * keeping the hash incremental makes a lookup cost one map probe until two sets collide.
 */
export class LinearizedSet {
  private readonly words: Uint32Array;
  private low = 0;
  private high = 0;

  constructor(readonly size: number) {
    this.words = new Uint32Array(Math.ceil(size / 32));
  }

  add(index: number): void {
    this.flip(index);
  }

  remove(index: number): void {
    this.flip(index);
  }

  /** 53 bits of the two hash words: a safe integer, so it can key a Map directly. */
  hash(): number {
    return (this.low >>> 0) * 0x200000 + ((this.high >>> 0) & 0x1fffff);
  }

  snapshot(): Uint32Array {
    return this.words.slice();
  }

  equals(snapshot: Uint32Array): boolean {
    for (let i = 0; i < this.words.length; i += 1) if (this.words[i] !== snapshot[i]) return false;
    return true;
  }

  private flip(index: number): void {
    const word = index >>> 5;
    this.words[word] = (this.words[word] ?? 0) ^ (1 << (index & 31));
    this.low ^= mix(index, 0x9e3779b9);
    this.high ^= mix(index, 0x85ebca6b);
  }
}

/** murmur3's 32-bit finalizer over the index and a salt: fixed, well-spread words per operation. */
function mix(index: number, salt: number): number {
  let h = Math.imul(index + 1, salt) ^ salt;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h;
}
