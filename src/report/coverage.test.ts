import { describe, expect, it } from 'vitest';
import { coverageFromJsonSummary, formatCoverageCount, formatCoverageLine, type CoverageSummary } from './coverage';
import { formatHtmlReport } from './html/html-report';
import { formatJsonReport } from './json-report';
import { formatJunitReport } from './junit-report';
import { summarizeRun } from './run-summary';
import { formatTextReport } from './text-report';

const entry = (lines: [number, number], branches: [number, number]) => ({
  lines: { total: lines[1], covered: lines[0], skipped: 0, pct: lines[1] === 0 ? 'Unknown' : (lines[0] / lines[1]) * 100 },
  statements: { total: 0, covered: 0, skipped: 0, pct: 100 },
  functions: { total: 0, covered: 0, skipped: 0, pct: 100 },
  branches: { total: branches[1], covered: branches[0], skipped: 0, pct: 100 },
});

/** What @vitest/coverage-v8's json-summary reporter writes: absolute paths, and "total". */
const istanbul = {
  total: entry([30, 40], [5, 10]),
  '/repo/src/exchange/retry.ts': entry([20, 25], [5, 8]),
  '/repo/src/exchange/adapter.ts': entry([10, 15], [0, 2]),
  '/elsewhere/my-adapter.ts': entry([0, 0], [0, 0]),
};

describe('coverage from vitest v8', () => {
  const coverage = coverageFromJsonSummary(istanbul, '/repo', ['src/exchange/**/*.ts', '/elsewhere/my-adapter.ts']);

  it("keeps istanbul's counts, files relative to the project and sorted", () => {
    expect(coverage).toEqual({
      scope: ['src/exchange/**/*.ts', '/elsewhere/my-adapter.ts'],
      lines: { covered: 30, total: 40 },
      branches: { covered: 5, total: 10 },
      files: [
        { file: '/elsewhere/my-adapter.ts', lines: { covered: 0, total: 0 }, branches: { covered: 0, total: 0 } },
        { file: 'src/exchange/adapter.ts', lines: { covered: 10, total: 15 }, branches: { covered: 0, total: 2 } },
        { file: 'src/exchange/retry.ts', lines: { covered: 20, total: 25 }, branches: { covered: 5, total: 8 } },
      ],
    });
    expect(formatCoverageCount({ covered: 0, total: 0 })).toBe('none to count');
  });

  it('says why when the summary is not one', () => {
    expect(coverageFromJsonSummary({ 'a.ts': entry([1, 1], [0, 0]) }, '/repo', [])).toEqual({ problem: 'the v8 coverage summary has no total' });
    expect(coverageFromJsonSummary({ total: { lines: 'all of them' } }, '/repo', [])).toMatchObject({ problem: expect.stringContaining("not istanbul's json-summary") });
  });

  it('is in every report: text, JSON, JUnit and HTML', () => {
    if ('problem' in coverage) throw new Error(coverage.problem);
    const summary = summarizeRun({ tradepropVersion: '0.1.0', profile: 'premerge', properties: [], problems: [], coverage: coverage satisfies CoverageSummary });
    expect(formatCoverageLine(coverage)).toBe('coverage of src/exchange/**/*.ts, /elsewhere/my-adapter.ts: lines 75.0% (30/40), branches 50.0% (5/10)');
    expect(formatTextReport(summary)).toContain(formatCoverageLine(coverage));
    expect(JSON.parse(formatJsonReport(summary))).toMatchObject({ coverage: { lines: { covered: 30, total: 40 }, branches: { covered: 5, total: 10 } } });
    const junit = formatJunitReport(summary);
    expect(junit).toContain('<property name="coverage lines" value="75.0% (30/40)"');
    expect(junit).toContain('<property name="coverage branches" value="50.0% (5/10)"');
    const page = formatHtmlReport(summary);
    expect(page).toContain('lines <strong data-coverage="lines">75.0% (30/40)</strong>, branches <strong data-coverage="branches">50.0% (5/10)</strong>');
    expect(page).toContain('<tr><td><code>src/exchange/retry.ts</code></td><td class="number">80.0% (20/25)</td>');
    expect(formatHtmlReport({ ...summary, coverage: undefined })).toContain('Not measured: run with <code>--coverage</code>');
  });
});
