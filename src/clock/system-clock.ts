import type { Clock } from './clock';

/** Wall-clock time: only for the standalone venue and live use, never in a seeded run. */
export class SystemClock implements Clock {
  now(): number {
    return Date.now();
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      if (signal?.aborted === true) return resolve();
      const timer = setTimeout(() => {
        signal?.removeEventListener('abort', cancel);
        resolve();
      }, ms);
      const cancel = (): void => {
        clearTimeout(timer);
        resolve();
      };
      signal?.addEventListener('abort', cancel, { once: true });
    });
  }
}
