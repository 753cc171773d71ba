import { HeartbeatReader, type Heartbeat } from '../verifier/progress';

/**
 * The wall-clock guard of a run. Work that blocks a worker's event loop (a spinning adapter)
 * cannot be stopped from inside the worker, and the virtual clock cannot see it; so the CLI
 * watches the heartbeat each worker writes before every command, and kills a worker whose
 * command has not let it write another within `callTimeoutMs`. The killed worker's property is
 * then reported with the property, the seed and the command (run-command.ts).
 */
export interface StuckCommand extends Heartbeat {
  waitedMs: number;
}

export interface Watchdog {
  /** One look at the heartbeats now (the interval does this on its own). */
  check(): void;
  /** Stops watching; returns the commands whose workers were killed. */
  stop(): StuckCommand[];
}

export interface WatchdogOptions {
  progressFile: string;
  callTimeoutMs: number;
  /** The CLI is the edge that reads real time; tests pass their own. */
  now?: () => number;
  kill?: (pid: number) => void;
  /** Called once, at the first kill: the run stops starting properties (each would block too). */
  onFirstKill?: (() => void) | undefined;
  intervalMs?: number;
}

export function startWatchdog(options: WatchdogOptions): Watchdog {
  const now = options.now ?? Date.now;
  const kill = options.kill ?? ((pid: number) => process.kill(pid, 'SIGKILL'));
  const reader = new HeartbeatReader(options.progressFile);
  const since = new Map<number, number>();
  const stuck: StuckCommand[] = [];
  const check = (): void => {
    const { fresh, busy } = reader.poll();
    const at = now();
    for (const beat of fresh) since.set(beat.pid, at);
    for (const beat of busy) {
      const waitedMs = at - (since.get(beat.pid) ?? at);
      if (waitedMs <= options.callTimeoutMs || stuck.some((entry) => entry.pid === beat.pid)) continue;
      try {
        kill(beat.pid);
      } catch {
        // Already gone: it ended (or crashed, which vitest reports) between the heartbeat and now.
        since.delete(beat.pid);
        continue;
      }
      stuck.push({ ...beat, waitedMs });
      if (stuck.length === 1) options.onFirstKill?.();
    }
  };
  const timer = setInterval(check, options.intervalMs ?? 1_000);
  timer.unref();
  return {
    check,
    stop() {
      clearInterval(timer);
      return stuck;
    },
  };
}
