import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RunSummary } from './run-summary';

export const JSON_REPORT_FILE = 'tradeprop-report.json';

/** The whole run as JSON: the per-property reports exactly as the workers sent them, plus the score. */
export function formatJsonReport(summary: RunSummary): string {
  return `${JSON.stringify({ format: 'tradeprop-report', formatVersion: 1, ...summary }, null, 2)}\n`;
}

/** Writes `tradeprop-report.json` into `dir` (created if needed) and returns its path. */
export function saveJsonReport(dir: string, summary: RunSummary): string {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, JSON_REPORT_FILE);
  writeFileSync(file, formatJsonReport(summary), 'utf8');
  return file;
}
