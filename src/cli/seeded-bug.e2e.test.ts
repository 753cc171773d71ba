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
 * every time. (properties/seeded-bugs.test.ts covers every fixture in-process.)
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

describe('tradeprop run and replay against a seeded bug', () => {
  it('exits 1, saves the counterexample, and replays it identically three times', () => {
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

    const replays = [1, 2, 3].map(() => tradeprop('replay', file));
    for (const replay of replays) {
      expect(replay.status).toBe(1);
      expect(replay.output).toContain(entry.failure);
    }
    expect(new Set(replays.map((replay) => replay.output)).size).toBe(1);
  });
});
