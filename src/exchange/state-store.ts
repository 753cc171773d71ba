import type { StateStore } from './contract';

/**
 * The store of the runs: a map in memory, which outlives the adapters built on it (a restart
 * builds a new adapter on the same store) but not the process. Keys are listed in insertion
 * order, so a restore walks them the same way on every replay.
 */
export class InMemoryStateStore implements StateStore {
  private readonly entries = new Map<string, string>();

  get(key: string): string | undefined {
    return this.entries.get(key);
  }

  set(key: string, value: string): void {
    this.entries.set(key, value);
  }

  delete(key: string): void {
    this.entries.delete(key);
  }

  keys(prefix = ''): string[] {
    return [...this.entries.keys()].filter((key) => key.startsWith(prefix));
  }
}
