import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../corpus/fingerprint';

/**
 * The CLI contract for bad input, through the real launcher: exit 2 and exactly one line on
 * stderr that starts with `tradeprop:`, before any vitest worker starts (so each case is fast).
 */
const root = projectRoot();
const corpusDir = mkdtempSync(join(tmpdir(), 'tradeprop-bad-corpus-'));
const corruptFile = join(corpusDir, 'order-state-consistency-deadbeef.json');
writeFileSync(corruptFile, '{ "version": 1, "property": ');
afterAll(() => rmSync(corpusDir, { recursive: true, force: true }));

function tradeprop(...args: string[]) {
  const result = spawnSync(process.execPath, [join(root, 'bin', 'tradeprop.js'), ...args], {
    cwd: root,
    encoding: 'utf8',
    timeout: 30_000,
  });
  return { status: result.status, stderr: result.stderr, stdout: result.stdout };
}

describe('tradeprop on bad input', () => {
  it.each([
    ['a corrupt corpus file given to replay', ['replay', corruptFile], /corpus file .*deadbeef\.json: is not valid JSON/],
    ['a corrupt corpus file in the folder of a run', ['run', '--corpus', corpusDir], /corpus file .*deadbeef\.json: is not valid JSON/],
    ['an unknown property', ['run', '--property', 'nope'], /unknown property "nope"; known properties: /],
    ['a bad seed', ['run', '--seed', 'abc'], /--seed must be an integer/],
    ['a missing adapter module', ['run', '--adapter', './nope.ts'], /adapter module \.\/nope\.ts: no such file/],
    ['an unknown option', ['run', '--sede', '1'], /unknown option '--sede'/],
  ])('exits 2 with one line for %s', (_case, args, message) => {
    const { status, stderr, stdout } = tradeprop(...args);
    expect(stdout).toBe('');
    expect(stderr.split('\n').filter((line) => line.length > 0)).toEqual([expect.stringMatching(/^tradeprop: /)]);
    expect(stderr).toMatch(message);
    expect(status).toBe(2);
  });

  it('refuses an adapter module without createAdapter', () => {
    // An ESM folder, as a project's adapter would live in; tsx loads a bare .ts there as ESM.
    const adapterDir = mkdtempSync(join(tmpdir(), 'tradeprop-bad-adapter-'));
    try {
      writeFileSync(join(adapterDir, 'package.json'), '{ "type": "module" }\n');
      const adapterFile = join(adapterDir, 'not-an-adapter.ts');
      writeFileSync(adapterFile, 'export const somethingElse = 1;\n');
      const { status, stderr } = tradeprop('run', '--adapter', adapterFile);
      expect(stderr).toMatch(/^tradeprop: adapter module .*: does not export a createAdapter function/);
      expect(status).toBe(2);
    } finally {
      rmSync(adapterDir, { recursive: true, force: true });
    }
  });

  it.each([
    ['a factory that throws', 'export const createAdapter = async () => { throw new Error("boom"); };\n', /^tradeprop: adapter module .*throws\.ts: createAdapter threw: boom$/],
    ['a factory that returns no adapter', 'export const createAdapter = async () => ({ hello: 1 });\n', /^tradeprop: adapter module .*throws\.ts: createAdapter returned an object without loadMarkets, place, .*, not an adapter/],
    ['a module with a syntax error', 'export const createAdapter = async () => {\n  const x = ;\n};\n', /^tradeprop: adapter module .*throws\.ts: does not compile: .*throws\.ts:2:12: ERROR: /],
  ])('exits 2 with one line and writes nothing to the corpus for %s', (_case, source, message) => {
    const adapterDir = mkdtempSync(join(tmpdir(), 'tradeprop-bad-factory-'));
    const corpus = join(adapterDir, 'corpus');
    try {
      writeFileSync(join(adapterDir, 'package.json'), '{ "type": "module" }\n');
      const adapterFile = join(adapterDir, 'throws.ts');
      writeFileSync(adapterFile, source);
      const { status, stderr, stdout } = tradeprop('run', '--property', 'order-state-consistency', '--adapter', adapterFile, '--corpus', corpus);
      expect(stdout).toBe('');
      expect(stderr.split('\n').filter((line) => line.length > 0)).toEqual([expect.stringMatching(message)]);
      expect(status).toBe(2);
      expect(existsSync(corpus)).toBe(false);
    } finally {
      rmSync(adapterDir, { recursive: true, force: true });
    }
  });
});
