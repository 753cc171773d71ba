import seedrandom from 'seedrandom';

/**
 * One seeded source handing out independent named streams: adding a draw to one stream
 * (say, retry jitter) never shifts the values another stream (say, venue ids) produces.
 */
export class RandomSource {
  constructor(readonly seed: string) {}

  stream(name: string): RandomStream {
    return new RandomStream(seedrandom(`${this.seed}/${name}`));
  }
}

export class RandomStream {
  constructor(private readonly prng: seedrandom.PRNG) {}

  /** Uniform in [0, 1). */
  next(): number {
    return this.prng.quick();
  }

  /** Uniform integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  pick<T>(items: readonly T[]): T {
    const item = items[this.int(0, items.length - 1)];
    if (item === undefined) throw new RangeError('pick from an empty list');
    return item;
  }

  /** `length` characters from [0-9a-z]: ids, keys and secrets that are reproducible. */
  token(length: number): string {
    const alphabet = '0123456789abcdefghijklmnopqrstuvwxyz';
    let out = '';
    for (let i = 0; i < length; i += 1) out += alphabet[this.int(0, alphabet.length - 1)];
    return out;
  }
}
