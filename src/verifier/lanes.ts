import type { PropertyRunReport } from './protocol';

/** The start of run-property.ts's verdict on claims a property's runs never reached. */
export const UNREACHED_CLAIMS = 'claimed transitions never reached';

/**
 * One property's report from the reports of its lanes (extended runs with more workers than
 * properties: each lane ran every L-th seed). Runs, commands, transitions and faults add up;
 * the time is the longest lane's; the corpus was replayed by the first lane. The verdict is the
 * first lane's counterexample, by lane order; a lane's "claimed transitions never reached" holds
 * only if the lanes together did not reach them.
 */
export function mergeLaneReports(reports: readonly PropertyRunReport[]): PropertyRunReport {
  const [first, ...others] = reports;
  if (first === undefined) throw new RangeError('no lane reports to merge');
  if (others.length === 0) return first;
  const covered = [...new Set(reports.flatMap((report) => report.transitionsCovered))].sort();
  const unreached = first.transitionsClaimed.filter((claim) => !covered.includes(claim));
  const failure = reports.map((report) => report.failure).find((candidate) => candidate !== undefined && (unreached.length > 0 || !candidate.message.startsWith(UNREACHED_CLAIMS)));
  const weights = reports.map((report) => report.rateLimitWeight).filter((weight) => weight !== undefined);
  const rateLimitWeight = weights.reduce<(typeof weights)[number] | undefined>((best, weight) => (best === undefined || weight.peak > best.peak ? weight : best), undefined);
  return {
    ...first,
    runs: sum(reports, (report) => report.runs),
    commands: sum(reports, (report) => report.commands),
    timeMs: Math.max(...reports.map((report) => report.timeMs)),
    transitionsCovered: covered,
    transitionCounts: added(reports.map((report) => report.transitionCounts ?? {})),
    faultsInjected: added(reports.map((report) => report.faultsInjected)),
    rateLimitWeight,
    failure,
    lanes: reports.length,
  };
}

function sum(reports: readonly PropertyRunReport[], of: (report: PropertyRunReport) => number): number {
  return reports.reduce((total, report) => total + of(report), 0);
}

function added(counts: ReadonlyArray<Record<string, number>>): Record<string, number> {
  const total: Record<string, number> = {};
  for (const entry of counts) for (const [key, count] of Object.entries(entry)) total[key] = (total[key] ?? 0) + count;
  return Object.fromEntries(Object.entries(total).sort(([a], [b]) => a.localeCompare(b)));
}
