import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { PROPERTIES } from '../../properties/catalog';
import { projectRoot } from '../corpus/fingerprint';
import { EXTENDED_BATCH_RUNS } from '../verifier/run-property';

/**
 * The extended profile's --time-budget is the run's (issues 10 and 11): shared among the selected
 * properties as they go, so with a budget far too small for all of them at full length each
 * still gets runs, and none takes the budget of the ones after it.
 */
const root = projectRoot();
const dir = mkdtempSync(join(tmpdir(), 'tradeprop-extended-budget-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const ReportSchema = z.object({ properties: z.array(z.object({ property: z.string(), runs: z.number(), failure: z.unknown().optional() })) });

describe('an extended run with a small budget', () => {
  it('gives every selected property runs, and every one holds on the reference adapter', () => {
    const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('VITEST') && name !== 'NODE_OPTIONS'));
    const args = ['run', '--profile', 'extended', '--seed', '424242', '--time-budget', '12s', '--category', 'data integrity', '--runs', '20', '--save-report', dir, '--report', 'json', '--corpus', join(dir, 'corpus')];
    const result = spawnSync(process.execPath, [join(root, 'bin', 'tradeprop.js'), ...args], { cwd: root, encoding: 'utf8', timeout: 180_000, env });
    expect(result.status).toBe(0);
    const report = ReportSchema.parse(JSON.parse(readFileSync(join(dir, 'tradeprop-report.json'), 'utf8')));
    const dataIntegrity = PROPERTIES.filter((property) => property.category === 'data integrity').map((property) => property.name);
    expect(dataIntegrity.length).toBeGreaterThanOrEqual(3);
    expect(report.properties.map((property) => property.property).sort()).toEqual([...dataIntegrity].sort());
    for (const property of report.properties) {
      // At least its first batch, whatever the machine's load; a property never starves.
      expect(property.runs, property.property).toBeGreaterThanOrEqual(EXTENDED_BATCH_RUNS);
      expect(property.failure, property.property).toBeUndefined();
    }
  }, 200_000);
});
