import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readCorpusEntry } from '../corpus/store';
import { projectRoot } from '../corpus/fingerprint';

/**
 * The bug-fixing loop through the real launcher: a run against a seeded-bug adapter exits 1 and
 * saves a short counterexample; `tradeprop replay` of that file prints the very same output
 * every time. (properties/seeded-bugs.*.test.ts covers every fixture in-process.)
 */
const root = projectRoot();
const corpusDir = mkdtempSync(join(tmpdir(), 'tradeprop-e2e-corpus-'));
afterAll(() => rmSync(corpusDir, { recursive: true, force: true }));

/** The child runs its own vitest: it must not think it is a worker of ours. */
function childEnvironment(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('VITEST') && name !== 'NODE_OPTIONS'));
}

function tradeprop(...args: string[]) {
  const result = spawnSync(process.execPath, [join(root, 'bin', 'tradeprop.js'), ...args], {
    cwd: root,
    encoding: 'utf8',
    timeout: 180_000,
    env: childEnvironment(),
  });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

/** A command line as printed, run by a shell from the project root, as a user would paste it. */
function shell(command: string) {
  const result = spawnSync('sh', ['-c', command], { cwd: root, encoding: 'utf8', timeout: 180_000, env: childEnvironment() });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

describe('tradeprop run and replay against a seeded bug', () => {
  it('exits 1, saves the counterexample, and both replay commands it printed, pasted into a shell, reproduce it identically three times', () => {
    const adapter = 'properties/fixtures/adapters/cancel-keeps-locked.ts';
    const run = tradeprop('run', '--profile', 'premerge', '--property', 'ledger-conservation', '--adapter', adapter, '--corpus', corpusDir);
    expect(run.status).toBe(1);
    expect(run.output).toMatch(/FAIL\s+ledger-conservation/);

    const files = readdirSync(corpusDir).filter((name) => name.endsWith('.json'));
    expect(files).toHaveLength(1);
    const file = join(corpusDir, files[0] ?? '');
    const entry = readCorpusEntry(file);
    expect(entry.commands.length).toBeLessThanOrEqual(8);
    expect(run.output).toContain(entry.failure);

    // What the run printed, exactly as a user would paste it into a shell: the corpus file, and
    // the flag form it stands for (with the adapter the run was given).
    const printed = [/^ {2}replay it: (npx tradeprop replay .*)$/m, /^ {9}or: (npx tradeprop replay --property .*)$/m].map((pattern) => pattern.exec(run.output)?.[1]);
    expect(printed[0]).toBe(`npx tradeprop replay ${file}`);
    expect(printed[1]).toContain(`--adapter ${adapter}`);
    for (const command of printed) {
      const pasted = [1, 2, 3].map(() => shell(command ?? 'false'));
      for (const replay of pasted) {
        expect(replay.status).toBe(1);
        expect(replay.output).toContain(entry.failure);
      }
      expect(new Set(pasted.map((replay) => replay.output)).size).toBe(1);
    }
  }, 300_000);
});
