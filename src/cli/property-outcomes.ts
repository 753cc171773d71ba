import { relative } from 'node:path';
import type { PropertyInfo } from '../../properties/catalog';
import type { ProfileName, PropertyRunReport } from '../verifier/protocol';
import type { PropertyFileOutcome } from './vitest-runner';

/**
 * Turns what vitest gave back into one PropertyRunReport per property that ran. A property that
 * crashed before reporting (import error, harness bug, worker death) still gets a report, a
 * failed one, so it counts in the score instead of silently vanishing. Such a failure has no
 * counterexample: its `path` is empty (see `hasCounterexample`).
 */
export function reportsFromOutcomes(input: {
  root: string;
  selected: readonly PropertyInfo[];
  /** Absolute file path → outcome; a property whose file is absent did not run in this shard. */
  outcomes: ReadonlyMap<string, PropertyFileOutcome>;
  fileOf: (property: PropertyInfo) => string;
  profile: ProfileName;
  seed: number | undefined;
}): PropertyRunReport[] {
  const reports: PropertyRunReport[] = [];
  for (const property of input.selected) {
    const outcome = input.outcomes.get(input.fileOf(property));
    if (outcome === undefined) continue;
    if (outcome.report && (outcome.report.failure || !outcome.failed)) {
      reports.push(outcome.report);
      continue;
    }
    const why = outcome.errors.length > 0 ? outcome.errors.join('\n') : 'the test reported no result';
    const message = outcome.report
      ? `the test failed after reporting success: ${why}`
      : `${relative(input.root, outcome.file)} did not report a result: ${why}`;
    reports.push(outcome.report ? withFailure(outcome.report, message) : crashedReport(property, input.profile, input.seed, message));
  }
  return reports;
}

/** A failed report for a property that produced none. */
export function crashedReport(property: PropertyInfo, profile: ProfileName, seed: number | undefined, message: string): PropertyRunReport {
  return withFailure(
    {
      property: property.name,
      category: property.category,
      invariants: property.invariants,
      critical: property.critical,
      profile,
      seed: seed ?? 0,
      runs: 0,
      commands: 0,
      timeMs: 0,
      faultsInjected: {},
      transitionsCovered: [],
      transitionsClaimed: [],
      corpusReplayed: [],
    },
    message,
  );
}

function withFailure(report: PropertyRunReport, message: string): PropertyRunReport {
  return { ...report, failure: { message, seed: report.seed, path: '', replayPath: '', commands: [], steps: [] } };
}
