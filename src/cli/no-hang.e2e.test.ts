import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readCorpusEntry } from '../corpus/store';
import { projectRoot } from '../corpus/fingerprint';

/**
 * No run hangs (issue 11): an adapter call or factory that never settles fails its step as P1
 * at once, on the virtual clock; a call that blocks the event loop gets its worker killed by
 * the CLI's watchdog after --call-timeout, and the property, the seed and the command are named.
 * The spawn's own timeout is the "never hangs" guard: a hang fails the test instead of the suite.
 */
const root = projectRoot();
const corpusDir = mkdtempSync(join(tmpdir(), 'tradeprop-no-hang-'));
afterAll(() => rmSync(corpusDir, { recursive: true, force: true }));

function childEnvironment(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('VITEST') && name !== 'NODE_OPTIONS'));
}

function tradeprop(...args: string[]) {
  const result = spawnSync(process.execPath, [join(root, 'bin', 'tradeprop.js'), ...args], { cwd: root, encoding: 'utf8', timeout: 90_000, env: childEnvironment() });
  return { status: result.status, signal: result.signal, output: `${result.stdout}${result.stderr}` };
}

const fixture = (name: string): string => `properties/fixtures/adapters/${name}.ts`;

describe('a run against an adapter that never answers', () => {
  it.each([
    ['place-never-settles', /P1 violated: step 1 place[A-Za-z]*\(.*\): a call never settled: nothing pending could settle it/],
    ['factory-never-settles', /P1 violated: createAdapter\(\) never settled: nothing pending could settle it/],
  ])('%s: exits 1 with a P1 counterexample naming the call', (name, verdict) => {
    const corpus = join(corpusDir, name);
    const run = tradeprop('run', '--profile', 'premerge', '--property', 'order-state-consistency', '--adapter', fixture(name), '--corpus', corpus);
    expect(run.signal).toBeNull();
    expect(run.status).toBe(1);
    expect(run.output).toMatch(verdict);
    const files = readdirSync(corpus).filter((file) => file.endsWith('.json'));
    expect(files).toHaveLength(1);
    const entry = readCorpusEntry(join(corpus, files[0] ?? ''));
    expect(entry.failure).toMatch(verdict);
  });

  it('place-blocks-the-event-loop: the watchdog kills the worker and names the property, the seed and the command', () => {
    const run = tradeprop('run', '--profile', 'premerge', '--property', 'order-state-*', '--call-timeout', '5s', '--adapter', fixture('place-blocks-the-event-loop'), '--corpus', join(corpusDir, 'blocks'));
    expect(run.signal).toBeNull();
    expect(run.status).toBe(1);
    expect(run.output).toMatch(
      /P1 violated: place[A-Za-z]*\(.*\) did not return within 5 s of wall time \(--call-timeout\): it blocks the event loop or spins, so its worker was killed; property order-state-consistency, seed \d+, last command started: place[A-Za-z]*\(/,
    );
  });
});
