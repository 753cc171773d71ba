import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ReportFileError } from '../domain/errors';
import { JSON_REPORT_SCHEMA_VERSION, JsonReportSchema, type JsonReport } from './json-report-schema';
import type { RunSummary } from './run-summary';
import { hasCounterexample, replayCommandsFor } from './text-report';

export const JSON_REPORT_FILE = 'tradeprop-report.json';

/**
 * The whole run as JSON (json-report-schema.ts): the per-property reports exactly as the workers
 * sent them, plus the score. Parsed before it is written, so the file holds exactly the schema's
 * fields; a summary off the schema is a tradeprop bug and fails loudly (zod names the field).
 */
export function formatJsonReport(summary: RunSummary): string {
  // Each counterexample with the command that replays it, as the text and HTML reports print it.
  const properties = summary.properties.map((property) => {
    const { failure } = property;
    if (failure === undefined || !hasCounterexample(failure)) return property;
    return { ...property, failure: { ...failure, replayCommand: replayCommandsFor(property.property, failure, summary.adapter).primary } };
  });
  const report = JsonReportSchema.parse({ format: 'tradeprop-report', schemaVersion: JSON_REPORT_SCHEMA_VERSION, ...summary, properties });
  return `${JSON.stringify(report, null, 2)}\n`;
}

/** Writes `tradeprop-report.json` into `dir` (created if needed) and returns its path. */
export function saveJsonReport(dir: string, summary: RunSummary): string {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, JSON_REPORT_FILE);
  writeFileSync(file, formatJsonReport(summary), 'utf8');
  return file;
}

/** Reads a saved report back; unreadable, not JSON or off-schema is a ReportFileError naming the file. */
export function readJsonReport(file: string): JsonReport {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new ReportFileError(file, `cannot be read (${error instanceof Error && 'code' in error ? String(error.code) : String(error)})`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new ReportFileError(file, `is not valid JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  const parsed = JsonReportSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue && issue.path.length > 0 ? issue.path.join('.') : '(root)';
    throw new ReportFileError(file, `field ${where}: ${issue?.message ?? 'does not match the report schema'}`);
  }
  return parsed.data;
}
