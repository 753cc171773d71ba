import path from 'node:path';
import { z } from 'zod';

/**
 * Line and branch coverage of the adapter code a run exercised (`tradeprop run --coverage`), from
 * vitest's v8 provider (@vitest/coverage-v8) written as istanbul's json-summary: one entry per
 * file by absolute path, plus "total". Counts are kept rather than istanbul's percentages, which
 * read "Unknown" for a file with nothing to count.
 */
export interface CoverageCount {
  covered: number;
  total: number;
}

export interface FileCoverage {
  /** Relative to the project root (absolute when outside it). */
  file: string;
  lines: CoverageCount;
  branches: CoverageCount;
}

export interface CoverageSummary {
  /** What was measured: include globs relative to the project root. */
  scope: string[];
  lines: CoverageCount;
  branches: CoverageCount;
  files: FileCoverage[];
}

const CountSchema = z.object({ total: z.number().int().nonnegative(), covered: z.number().int().nonnegative() });
const EntrySchema = z.object({ lines: CountSchema, branches: CountSchema });
const JsonSummarySchema = z.record(z.string(), EntrySchema);

/** The file vitest's json-summary reporter writes into coverage.reportsDirectory. */
export const COVERAGE_SUMMARY_FILE = 'coverage-summary.json';

/**
 * Our summary from istanbul's, or why there is none (a problem for the run's report, not an
 * exception: the properties' verdicts stand without coverage).
 */
export function coverageFromJsonSummary(json: unknown, root: string, scope: readonly string[]): CoverageSummary | { problem: string } {
  const parsed = JsonSummarySchema.safeParse(json);
  if (!parsed.success) return { problem: `the v8 coverage summary is not istanbul's json-summary (${parsed.error.issues[0]?.message ?? 'unknown shape'})` };
  const count = (entry: z.infer<typeof EntrySchema>): { lines: CoverageCount; branches: CoverageCount } => ({
    lines: { covered: entry.lines.covered, total: entry.lines.total },
    branches: { covered: entry.branches.covered, total: entry.branches.total },
  });
  const total = parsed.data.total;
  if (total === undefined) return { problem: 'the v8 coverage summary has no total' };
  const files = Object.entries(parsed.data)
    .filter(([file]) => file !== 'total')
    .map(([file, entry]) => ({ file: relativeToRoot(root, file), ...count(entry) }))
    .sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  return { scope: [...scope], ...count(total), files };
}

/** "85.2% (1234/1448)"; "none to count" when there is nothing of the kind. */
export function formatCoverageCount(count: CoverageCount): string {
  if (count.total === 0) return 'none to count';
  return `${((count.covered / count.total) * 100).toFixed(1)}% (${count.covered}/${count.total})`;
}

export function formatCoverageLine(coverage: CoverageSummary): string {
  return `coverage of ${coverage.scope.join(', ')}: lines ${formatCoverageCount(coverage.lines)}, branches ${formatCoverageCount(coverage.branches)}`;
}

function relativeToRoot(root: string, file: string): string {
  const relative = path.relative(root, file);
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative.split(path.sep).join('/') : file;
}
