import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { projectRoot } from '../corpus/fingerprint';

const root = projectRoot();
const dir = mkdtempSync(join(tmpdir(), 'tradeprop-workers-e2e-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const VerdictSchema = z.object({
  properties: z.array(
    z.object({
      property: z.string(),
      seed: z.number(),
      runs: z.number(),
      commands: z.number(),
      failure: z.object({ message: z.string(), seed: z.number(), path: z.string(), replayPath: z.string(), commands: z.array(z.string()) }).optional(),
    }),
  ),
  score: z.object({ score: z.number(), verdict: z.string() }),
});

/** One premerge run with `workers`, its JSON report read back as what must not depend on N. */
function premergeWith(workers: number): { status: number | null; verdicts: z.infer<typeof VerdictSchema> } {
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('VITEST') && name !== 'NODE_OPTIONS'));
  const out = join(dir, `workers-${workers}`);
  const args = ['run', '--profile', 'premerge', '--property', 'l*', '--adapter', 'properties/fixtures/adapters/cancel-keeps-locked.ts'];
  args.push('--runs', '20', '--workers', String(workers), '--report', 'json', '--save-report', out, '--corpus', join(out, 'corpus'));
  const result = spawnSync(process.execPath, [join(root, 'bin', 'tradeprop.js'), ...args], { cwd: root, encoding: 'utf8', timeout: 180_000, env });
  const report: unknown = JSON.parse(readFileSync(join(out, 'tradeprop-report.json'), 'utf8'));
  const verdicts = VerdictSchema.parse(report);
  verdicts.properties.sort((a, b) => a.property.localeCompare(b.property));
  return { status: result.status, verdicts };
}

/** Issue 15, acceptance 3: the premerge verdict and every counterexample are the same for any --workers. */
describe('tradeprop run --workers N', () => {
  it('gives the same verdicts, runs and counterexamples with one worker and with two', () => {
    const one = premergeWith(1);
    const two = premergeWith(2);
    expect(one.status).toBe(1);
    expect(one.verdicts.properties.length).toBeGreaterThanOrEqual(2);
    expect(one.verdicts.properties.some((property) => property.failure !== undefined)).toBe(true);
    expect(two).toEqual(one);
  }, 400_000);
});

/** Issue 15: within a long property, runs of distinct seeds in parallel. */
describe('tradeprop run --profile extended with more workers than properties', () => {
  it('runs the one property in two lanes of seeds and reports it once, their runs added up', () => {
    const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('VITEST') && name !== 'NODE_OPTIONS'));
    const out = join(dir, 'lanes');
    const args = ['run', '--profile', 'extended', '--property', 'ledger-conservation', '--seed', '5', '--time-budget', '2s', '--workers', '2', '--report', 'json', '--save-report', out, '--corpus', join(out, 'corpus')];
    const result = spawnSync(process.execPath, [join(root, 'bin', 'tradeprop.js'), ...args], { cwd: root, encoding: 'utf8', timeout: 180_000, env });
    const report = z.object({ properties: z.array(z.object({ property: z.string(), runs: z.number(), lanes: z.number().optional(), failure: z.unknown().optional() })) }).parse(JSON.parse(readFileSync(join(out, 'tradeprop-report.json'), 'utf8')));
    expect(report.properties.map((property) => [property.property, property.lanes, property.failure])).toEqual([['ledger-conservation', 2, undefined]]);
    // Each lane runs at least one batch of 10 (EXTENDED_BATCH_RUNS) before it looks at the budget.
    expect(report.properties[0]?.runs).toBeGreaterThanOrEqual(20);
    expect(result.status).not.toBeNull();
  }, 200_000);
});
