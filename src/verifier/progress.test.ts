import { appendFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ProgressReader, finishedProperties, reportFinished, reportProgress } from './progress';
import { ENV } from './protocol';

let dir: string;
let file: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'tradeprop-progress-'));
  file = join(dir, 'progress.jsonl');
});
afterEach(() => {
  delete process.env[ENV.progress];
  rmSync(dir, { recursive: true, force: true });
});

describe('the progress channel', () => {
  it('does nothing when the CLI did not ask for progress', () => {
    reportProgress({ property: 'quiet', runs: 1, commands: 5, failures: 0 });
    expect(new ProgressReader(file).poll()).toMatchObject({ runs: 0, commands: 0, failures: 0, properties: 0 });
  });

  it('sums the latest update of each property, writing every tenth update and every new failure', () => {
    process.env[ENV.progress] = file;
    writeFileSync(file, '');
    const reader = new ProgressReader(file);
    for (let runs = 1; runs <= 25; runs += 1) reportProgress({ property: 'a', runs, commands: runs * 10, failures: 0 });
    // The first update, then every tenth: runs 1, 11 and 21 were written.
    expect(reader.poll()).toMatchObject({ runs: 21, commands: 210, failures: 0, properties: 1 });
    reportProgress({ property: 'a', runs: 26, commands: 260, failures: 1 });
    reportProgress({ property: 'b', runs: 3, commands: 30, failures: 0 });
    expect(reader.poll()).toMatchObject({ runs: 29, commands: 290, failures: 1, properties: 2 });
  });

  it('waits for a half-written line and skips lines it cannot read', () => {
    writeFileSync(file, '{"property":"a","runs":1,"commands":2,"failures":0}\nnot json\n{"property":"b","ru');
    const reader = new ProgressReader(file);
    expect(reader.poll()).toMatchObject({ runs: 1, properties: 1 });
    appendFileSync(file, 'ns":4,"commands":8,"failures":0}\n');
    expect(reader.poll()).toMatchObject({ runs: 5, commands: 10, failures: 0, properties: 2 });
  });

  it('counts the properties that finished, each once and never the one asking, and the reader skips those lines', () => {
    expect(finishedProperties('a')).toBe(0);
    process.env[ENV.progress] = file;
    expect(finishedProperties('a')).toBe(0);
    writeFileSync(file, '');
    reportProgress({ property: 'first-of-its-name', runs: 1, commands: 2, failures: 0 });
    reportFinished('b');
    reportFinished('b');
    reportFinished('a');
    appendFileSync(file, '{"finished":"c"');
    expect(finishedProperties('a')).toBe(1);
    expect(finishedProperties('z')).toBe(2);
    expect(new ProgressReader(file).poll()).toMatchObject({ runs: 1, commands: 2, failures: 0, properties: 1 });
  });

  it('names the properties running now and each first failure once, when it arrives', () => {
    writeFileSync(file, '');
    const reader = new ProgressReader(file);
    const beat = (pid: number, property: string): string => `${JSON.stringify({ heartbeat: { property, seed: 1, command: 'place(x)', pid } })}\n`;
    appendFileSync(file, beat(1, 'a') + beat(2, 'b') + '{"property":"a","runs":3,"commands":9,"failures":0}\n');
    expect(reader.poll()).toMatchObject({ running: ['a', 'b'], newlyFailed: [] });
    appendFileSync(file, '{"property":"a","runs":4,"commands":12,"failures":1}\n{"finished":"b"}\n');
    expect(reader.poll()).toMatchObject({ running: ['a'], newlyFailed: ['a'] });
    appendFileSync(file, '{"property":"a","runs":5,"commands":15,"failures":1}\n');
    expect(reader.poll()).toMatchObject({ newlyFailed: [] });
  });
});

