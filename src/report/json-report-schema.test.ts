import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../corpus/fingerprint';
import { ReportFileError } from '../domain/errors';
import type { PropertyRunReport } from '../verifier/protocol';
import { JSON_REPORT_SCHEMA_VERSION, REPORT_JSON_SCHEMA_FILE, reportJsonSchemaText } from './json-report-schema';
import { formatJsonReport, readJsonReport, saveJsonReport } from './json-report';
import { summarizeRun } from './run-summary';

const report = (property: string, category: string, overrides: Partial<PropertyRunReport> = {}): PropertyRunReport => ({
  property,
  category,
  invariants: ['O1', 'O2'],
  critical: true,
  profile: 'premerge',
  seed: 1234,
  runs: 60,
  commands: 480,
  timeMs: 2_500,
  transitionsCovered: ['order:open--fill-->filled'],
  transitionsClaimed: ['order:open--fill-->filled'],
  faultsInjected: { drop: 2 },
  corpusReplayed: [{ file: 'shrink-corpus/order-state-consistency-0123abcd.json', reproduced: false }],
  ...overrides,
});

const summary = summarizeRun({
  tradepropVersion: '0.1.0',
  profile: 'extended',
  seed: 99,
  shard: '1/2',
  adapter: './my-adapter.ts',
  properties: [
    report('order-state-consistency', 'data integrity', {
      failure: {
        message: 'O1 violated: step 2 cancel(tp-1): status filled vs canceled',
        seed: 7,
        path: '3:1',
        replayPath: 'AB=',
        commands: ['place(BTC/USDT buy 0.1 @ 30000)', 'cancel(tp-1)'],
        steps: [{ step: 2, command: 'cancel(tp-1)', model: 'tp-1:filled', adapter: 'tp-1:canceled', difference: 'tp-1.status: filled vs canceled' }],
        corpusFile: 'shrink-corpus/order-state-consistency-89abcdef.json',
      },
    }),
    report('fill-counted-once', 'data integrity', { runs: 0, commands: 0, notApplicable: 'the adapter listens to no stream' }),
  ],
  problems: [],
});

const committedSchema: unknown = JSON.parse(readFileSync(join(projectRoot(), REPORT_JSON_SCHEMA_FILE), 'utf8'));
const validate = new Ajv2020({ allErrors: true }).compile(committedSchema as object);

describe('the JSON report schema', () => {
  it(`is committed as generated (after changing the report's shape, run npm run schema)`, () => {
    expect(readFileSync(join(projectRoot(), REPORT_JSON_SCHEMA_FILE), 'utf8')).toBe(reportJsonSchemaText());
  });

  it('accepts a real report with a failure, a counterexample and a property that did not apply', () => {
    const written: unknown = JSON.parse(formatJsonReport(summary));
    expect(validate(written), JSON.stringify(validate.errors)).toBe(true);
    expect(written).toMatchObject({ format: 'tradeprop-report', schemaVersion: JSON_REPORT_SCHEMA_VERSION, score: { verdict: 'critical' } });
  });

  it('refuses a report without its score', () => {
    const { score: _score, ...withoutScore } = JSON.parse(formatJsonReport(summary)) as Record<string, unknown>;
    expect(validate(withoutScore)).toBe(false);
    expect(validate.errors).toContainEqual(expect.objectContaining({ keyword: 'required', params: { missingProperty: 'score' } }));
  });

  it('refuses a report of another schema version', () => {
    expect(validate({ ...(JSON.parse(formatJsonReport(summary)) as object), schemaVersion: 2 })).toBe(false);
  });
});

describe('the JSON report writer and reader', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tradeprop-json-report-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes exactly the fields of the schema and reads them back', () => {
    const file = saveJsonReport(dir, summary);
    const read = readJsonReport(file);
    expect(read.properties.map((property) => property.property)).toEqual(['order-state-consistency', 'fill-counted-once']);
    expect(read.score).toEqual(summary.score);
    // A field the summary gains without the schema knowing it never reaches the file.
    expect(formatJsonReport({ ...summary, debugOnly: 'x' } as typeof summary)).not.toContain('debugOnly');
  });

  it.each([
    ['not JSON', '{ "format": ', /is not valid JSON/],
    ['a report without its score, naming the field', JSON.stringify({ ...summary, format: 'tradeprop-report', schemaVersion: 1, score: undefined }), /field score: /],
    ['another schema version', JSON.stringify({ ...summary, format: 'tradeprop-report', schemaVersion: 2 }), /field schemaVersion: /],
  ])('refuses %s with a ReportFileError naming the file', (_case, content, problem) => {
    const file = join(dir, 'broken.json');
    writeFileSync(file, content);
    expect(() => readJsonReport(file)).toThrow(ReportFileError);
    expect(() => readJsonReport(file)).toThrow(problem);
    expect(() => readJsonReport(file)).toThrow(file);
  });
});
