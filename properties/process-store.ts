import type { StateStore } from '../src/exchange/contract';

/**
 * One process's handle on the adapter's store (AdapterEnvironment.store): reads and writes go
 * to the store behind it until the process is killed (`kill`), after which its writes are lost,
 * as a killed process writes nothing more, whatever calls it still had in flight. `successor`
 * kills this handle and opens a new one on the same store: the restarted process's.
 */
export class ProcessStore implements StateStore {
  private alive = true;

  constructor(private readonly disk: StateStore) {}

  get(key: string): string | undefined {
    return this.disk.get(key);
  }

  set(key: string, value: string): void {
    if (this.alive) this.disk.set(key, value);
  }

  delete(key: string): void {
    if (this.alive) this.disk.delete(key);
  }

  keys(prefix?: string): string[] {
    return this.disk.keys(prefix);
  }

  /** The process is killed: nothing it writes from now on reaches the store. */
  kill(): void {
    this.alive = false;
  }

  /** Kills this process's handle and gives the next process its own on the same store. */
  successor(): ProcessStore {
    this.kill();
    return new ProcessStore(this.disk);
  }
}
