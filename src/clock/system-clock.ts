import type { Clock } from './clock';

/** Wall-clock time: only for the standalone venue and live use, never in a seeded run. */
export class SystemClock implements Clock {
  now(): number {
    return Date.now();
  }

  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => setTimeout(resolve, ms));
  }
}
