import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CorpusEntry } from '../corpus/entry';
import { projectRoot } from '../corpus/fingerprint';
import { corpusFileName, loadCorpus, writeCorpusEntry } from '../corpus/store';

/**
 * `tradeprop corpus merge DIR...` (issue 14), through the real launcher: the nightly job merges
 * the corpora its shards uploaded into one, each counterexample once, and refuses to write
 * anything when a single file anywhere is corrupt.
 */
const root = projectRoot();

const entry = (property: string, seed: number): CorpusEntry => ({
  version: 1,
  property,
  seed,
  path: '12:0:3',
  replayPath: 'AAB',
  commands: ['place buy 0.1 ETH @ 2000', 'cancel c1'],
  failure: 'L1 violated: free ETH differs: adapter 0.1, venue 0.2',
  tradepropVersion: '0.1.0',
  fingerprint: 'a'.repeat(64),
  adapter: 'the reference adapter',
});

let dir: string;
let target: string;
let shard1: string;
let shard2: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'tradeprop-corpus-merge-'));
  target = join(dir, 'corpus');
  shard1 = join(dir, 'shard-1');
  shard2 = join(dir, 'shard-2');
  for (const folder of [shard1, shard2]) mkdirSync(folder);
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function merge(...args: string[]) {
  const result = spawnSync(process.execPath, [join(root, 'bin', 'tradeprop.js'), 'corpus', 'merge', ...args], { cwd: dir, encoding: 'utf8', timeout: 30_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('tradeprop corpus merge', () => {
  it("adds two shards' new entries to the corpus and skips what it already has or another shard brought", () => {
    const known = entry('ledger-conservation', 1);
    writeCorpusEntry(target, known);
    writeCorpusEntry(shard1, known);
    writeCorpusEntry(shard1, entry('ledger-conservation', 2));
    writeCorpusEntry(shard2, entry('ledger-conservation', 2));
    writeCorpusEntry(shard2, entry('order-state-consistency', 3));

    const { status, stdout, stderr } = merge('shard-1', 'shard-2', '--corpus', 'corpus');
    expect(stderr).toBe('');
    expect(status).toBe(0);
    expect(stdout).toContain(`added corpus/${corpusFileName(entry('ledger-conservation', 2))} from shard-1/${corpusFileName(entry('ledger-conservation', 2))}`);
    expect(stdout).toContain(`added corpus/${corpusFileName(entry('order-state-consistency', 3))} from shard-2/`);
    expect(stdout).toContain(`duplicate shard-1/${corpusFileName(known)}: same counterexample as corpus/${corpusFileName(known)}`);
    expect(stdout).toContain(`duplicate shard-2/${corpusFileName(entry('ledger-conservation', 2))}: same counterexample as shard-1/`);
    expect(stdout.trimEnd().split('\n').at(-1)).toBe('2 new entries, 2 duplicates skipped, from 2 directories into corpus');
    expect(loadCorpus(target).map(({ entry: merged }) => merged.seed).sort()).toEqual([1, 2, 3]);
  });

  it('exits 2 with one line naming a corrupt file, and writes nothing', () => {
    writeCorpusEntry(target, entry('ledger-conservation', 1));
    writeCorpusEntry(shard1, entry('ledger-conservation', 2));
    writeFileSync(join(shard2, 'order-state-consistency-deadbeef.json'), '{ "version": 1, "property": ');
    const before = readdirSync(target).map((name) => readFileSync(join(target, name), 'utf8'));

    const { status, stdout, stderr } = merge('shard-1', 'shard-2', '--corpus', 'corpus');
    expect(stdout).toBe('');
    expect(stderr.split('\n').filter((line) => line.length > 0)).toEqual([expect.stringMatching(/^tradeprop: corpus file .*shard-2\/order-state-consistency-deadbeef\.json: is not valid JSON/)]);
    expect(status).toBe(2);
    expect(readdirSync(target).map((name) => readFileSync(join(target, name), 'utf8'))).toEqual(before);
  });

  it('exits 2 for a folder that does not exist rather than merging nothing', () => {
    const { status, stderr } = merge('shard-1', 'shard-3', '--corpus', 'corpus');
    expect(stderr).toBe('tradeprop: corpus merge: shard-3 does not exist\n');
    expect(status).toBe(2);
  });
});
