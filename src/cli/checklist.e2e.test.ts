import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PROPERTIES } from '../../properties/catalog';
import { projectRoot } from '../corpus/fingerprint';
import { saveJsonReport } from '../report/json-report';
import { summarizeRun } from '../report/run-summary';

/** `tradeprop checklist` (issue 14) through the real launcher, from a directory of the user's. */
const root = projectRoot();
const dir = mkdtempSync(join(tmpdir(), 'tradeprop-checklist-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function tradeprop(...args: string[]) {
  const result = spawnSync(process.execPath, [join(root, 'bin', 'tradeprop.js'), ...args], { cwd: dir, encoding: 'utf8', timeout: 30_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('tradeprop checklist', () => {
  it('writes PRODUCTION_READINESS_CHECKLIST.md into the current directory, every category in it', () => {
    const { status, stdout } = tradeprop('checklist');
    expect(stdout).toBe('wrote PRODUCTION_READINESS_CHECKLIST.md\n');
    expect(status).toBe(0);
    const checklist = readFileSync(join(dir, 'PRODUCTION_READINESS_CHECKLIST.md'), 'utf8');
    expect(checklist).toContain('## Go / no-go');
    expect(checklist).toContain('## Exchange factory');
    expect(checklist).toContain('## Performance');
  });

  it('marks the items from a saved JSON report, with links that work from where it is written', () => {
    const [first, second] = PROPERTIES;
    if (first === undefined || second === undefined) throw new Error('the catalogue lists fewer than two properties');
    const report = (property: typeof first) => ({
      property: property.name,
      category: property.category,
      invariants: property.invariants,
      critical: property.critical,
      profile: 'premerge' as const,
      seed: 42,
      runs: 60,
      commands: 500,
      timeMs: 1000,
      transitionsCovered: [],
      transitionsClaimed: [],
      faultsInjected: {},
      corpusReplayed: [],
    });
    saveJsonReport(join(dir, 'out'), summarizeRun({ tradepropVersion: '0.1.0', profile: 'premerge', properties: [report(first), report(second)], problems: [] }));

    const { status, stdout } = tradeprop('checklist', '--report-json', 'out/tradeprop-report.json', '--out', 'docs/checklist.md');
    expect(stdout).toBe('wrote docs/checklist.md, marked from out/tradeprop-report.json\n');
    expect(status).toBe(0);
    const checklist = readFileSync(join(dir, 'docs', 'checklist.md'), 'utf8');
    expect(checklist).toContain(`- [x] ${first.title}: [\`${first.name}\`](`);
    expect(checklist).toContain('  - **held** (60 runs, seed 42)');
    expect(checklist).toContain('  - **not run** in this run');
    const link = /\]\(([^)]+\.prop\.ts)\)/.exec(checklist)?.[1];
    expect(link !== undefined && existsSync(join(dir, 'docs', link))).toBe(true);
  });

  it('exits 2 with one line naming a report that is not one, and leaves the checklist as it was', () => {
    writeFileSync(join(dir, 'broken.json'), JSON.stringify({ format: 'tradeprop-report', schemaVersion: 1 }));
    writeFileSync(join(dir, 'PRODUCTION_READINESS_CHECKLIST.md'), 'the checklist as it was\n');
    const { status, stdout, stderr } = tradeprop('checklist', '--report-json', 'broken.json');
    expect(stdout).toBe('');
    expect(stderr).toMatch(/^tradeprop: report file .*broken\.json: field tradepropVersion: .*\n$/);
    expect(status).toBe(2);
    expect(readFileSync(join(dir, 'PRODUCTION_READINESS_CHECKLIST.md'), 'utf8')).toBe('the checklist as it was\n');
  });
});
