import { appendFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startWatchdog } from './watchdog';

let dir: string;
let file: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'tradeprop-watchdog-'));
  file = join(dir, 'progress.jsonl');
  writeFileSync(file, '');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const beat = (pid: number, command: string, property = 'p'): string => `${JSON.stringify({ heartbeat: { property, seed: 7, command, pid } })}\n`;

describe('the watchdog', () => {
  it('kills a worker whose command has not written another heartbeat within the timeout, once, and stops the run at the first kill', () => {
    let now = 0;
    const killed: number[] = [];
    let stops = 0;
    const watchdog = startWatchdog({ progressFile: file, callTimeoutMs: 1_000, now: () => now, kill: (pid) => void killed.push(pid), onFirstKill: () => (stops += 1), intervalMs: 3_600_000 });
    appendFileSync(file, beat(11, 'place(a)') + beat(12, 'cancel(b)'));
    watchdog.check();
    now = 900;
    appendFileSync(file, beat(12, 'fetchOrder(c)'));
    watchdog.check();
    expect(killed).toEqual([]);
    now = 1_500;
    watchdog.check();
    expect(killed).toEqual([11]);
    now = 5_000;
    watchdog.check();
    const stuck = watchdog.stop();
    expect(killed).toEqual([11, 12]);
    expect(stops).toBe(1);
    expect(stuck.map((entry) => [entry.pid, entry.command, entry.seed])).toEqual([
      [11, 'place(a)', 7],
      [12, 'fetchOrder(c)', 7],
    ]);
  });

  it('stops watching a worker whose property finished, and ignores one that is already gone', () => {
    let now = 0;
    const watchdog = startWatchdog({
      progressFile: file,
      callTimeoutMs: 1_000,
      now: () => now,
      kill: (pid) => {
        if (pid === 22) throw new Error('ESRCH');
      },
      // Looked at by hand below: the test never waits on real time.
      intervalMs: 3_600_000,
    });
    appendFileSync(file, beat(21, 'place(a)', 'done-one') + beat(22, 'place(b)', 'crashed-one') + `${JSON.stringify({ finished: 'done-one' })}\n`);
    watchdog.check();
    now = 10_000;
    watchdog.check();
    expect(watchdog.stop()).toEqual([]);
  });
});
