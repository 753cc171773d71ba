import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CorpusError } from '../domain/errors';
import type { CorpusEntry } from './entry';
import { corpusFileName, loadCorpus, readCorpusEntry, writeCorpusEntry } from './store';

const entry: CorpusEntry = {
  version: 1,
  property: 'ledger-conservation',
  seed: 42,
  path: '12:0:3',
  replayPath: 'AAB',
  commands: ['place buy 0.1 ETH @ 2000', 'cancel c1'],
  failure: 'free ETH differs: adapter 0.1, venue 0.2',
  tradepropVersion: '0.1.0',
  fingerprint: 'a'.repeat(64),
  adapter: 'src/exchange/reference-adapter.ts',
};

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'tradeprop-store-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('the corpus store', () => {
  it('reads back exactly what it wrote, as pretty JSON with a trailing newline', () => {
    const file = writeCorpusEntry(dir, entry);
    expect(readCorpusEntry(file)).toEqual(entry);
    const text = readFileSync(file, 'utf8');
    expect(text.endsWith('}\n')).toBe(true);
    expect(text).toContain('\n  "property": "ledger-conservation"');
  });

  it('names the file after the property and a digest of seed, path and replay path, so writing twice is idempotent', () => {
    const first = writeCorpusEntry(dir, entry);
    const second = writeCorpusEntry(dir, entry);
    expect(second).toBe(first);
    expect(first).toMatch(/ledger-conservation-[0-9a-f]{8}\.json$/);
    expect(readdirSync(dir)).toEqual([corpusFileName(entry)]);
    expect(corpusFileName({ ...entry, path: '12:0:4' })).not.toBe(corpusFileName(entry));
  });

  it('creates the folder it writes into', () => {
    const nested = join(dir, 'a', 'b');
    expect(loadCorpus(nested)).toEqual([]);
    writeCorpusEntry(nested, entry);
    expect(loadCorpus(nested)).toHaveLength(1);
  });

  it('loads only *.json files, sorted by name', () => {
    writeCorpusEntry(dir, { ...entry, property: 'order-state-consistency' });
    writeCorpusEntry(dir, entry);
    writeFileSync(join(dir, 'README.md'), 'not an entry');
    const names = loadCorpus(dir).map(({ file }) => file.slice(dir.length + 1));
    expect(names).toHaveLength(2);
    expect(names).toEqual([...names].sort());
    expect(names[0]).toMatch(/^ledger-conservation-/);
  });

  it.each([
    ['not JSON', '{ "version": 1,', /is not valid JSON/],
    ['a schema violation, naming the field', JSON.stringify({ ...entry, seed: 'forty-two' }), /field seed:/],
    ['an unknown version', JSON.stringify({ ...entry, version: 2 }), /field version:/],
    ['a malformed path', JSON.stringify({ ...entry, path: 'left:right' }), /field path:.*fast-check path/],
  ])('refuses %s with a CorpusError naming the file', (_case, content, problem) => {
    const file = join(dir, 'broken.json');
    writeFileSync(file, content);
    expect(() => readCorpusEntry(file)).toThrow(CorpusError);
    expect(() => readCorpusEntry(file)).toThrow(problem);
    expect(() => readCorpusEntry(file)).toThrow(file);
    // One bad file fails the whole load: a run never skips a counterexample silently.
    expect(() => loadCorpus(dir)).toThrow(CorpusError);
  });

  it('reports an unreadable file as a CorpusError', () => {
    expect(() => readCorpusEntry(join(dir, 'missing.json'))).toThrow(/cannot be read \(ENOENT\)/);
  });
});
