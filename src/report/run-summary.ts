import { CATEGORIES } from '../../properties/catalog';
import { violatedInvariant } from './invariants';
import { VENUE_FAULT_KINDS } from '../venue/types';
import type { ProfileName, PropertyRunReport } from '../verifier/protocol';
import type { CoverageSummary } from './coverage';
import { scoreRun, type Score } from './score';

/** Everything one `tradeprop run` produced: what the text and JSON reports are written from. */
export interface RunSummary {
  tradepropVersion: string;
  profile: ProfileName;
  /** The base seed the workers got; absent when the profile's fixed default was used. */
  seed?: number | undefined;
  shard?: string | undefined;
  /** The --adapter module as the user can type it again (relative to where they ran); absent: the reference adapter. */
  adapter?: string | undefined;
  properties: PropertyRunReport[];
  /** Errors vitest reported outside any property (unhandled rejections and the like). */
  problems: string[];
  /** Line and branch coverage of the adapter code (--coverage); absent when not asked for or not measured. */
  coverage?: CoverageSummary | undefined;
  /** Venue faults injected over the whole run, by kind, every kind listed (0: never injected). */
  faultsInjected: Record<string, number>;
  /** The failures by the invariant they broke; `invariant` absent: no invariant named (a crash, a claim never reached). */
  failuresByInvariant: InvariantFailures[];
  score: Score;
}

export interface InvariantFailures {
  invariant?: string | undefined;
  category: string;
  critical: boolean;
  /** The properties whose runs found it. */
  properties: string[];
}

export function summarizeRun(input: Omit<RunSummary, 'score' | 'faultsInjected' | 'failuresByInvariant'>): RunSummary {
  const score = scoreRun(
    // A property that did not apply to the adapter judged nothing: neither run nor passed.
    input.properties.filter((report) => report.notApplicable === undefined).map((report) => {
      const violated = report.failure === undefined ? undefined : violatedInvariant(report.failure.message);
      return {
        property: report.property,
        category: report.category,
        critical: report.critical,
        passed: report.failure === undefined,
        failedAs: violated === undefined ? undefined : { category: violated.category, critical: violated.critical },
      };
    }),
    CATEGORIES,
  );
  return { ...input, faultsInjected: totalFaults(input.properties), failuresByInvariant: failuresByInvariant(input.properties), score };
}

/** Failures grouped by the invariant they broke (in the order of first appearance), for triage. */
function failuresByInvariant(reports: readonly PropertyRunReport[]): InvariantFailures[] {
  const groups = new Map<string, InvariantFailures>();
  for (const report of reports) {
    if (report.failure === undefined) continue;
    const violated = violatedInvariant(report.failure.message);
    const key = violated?.invariant ?? 'none';
    const group = groups.get(key) ?? {
      invariant: violated?.invariant,
      category: violated?.category ?? report.category,
      critical: violated?.critical ?? report.critical,
      properties: [],
    };
    group.properties.push(report.property);
    groups.set(key, group);
  }
  return [...groups.values()];
}

/** Every known fault kind (so a kind never injected shows as 0), then any other a report names. */
function totalFaults(reports: readonly PropertyRunReport[]): Record<string, number> {
  const totals = new Map<string, number>(VENUE_FAULT_KINDS.map((kind) => [kind, 0]));
  for (const report of reports) {
    for (const [kind, count] of Object.entries(report.faultsInjected)) totals.set(kind, (totals.get(kind) ?? 0) + count);
  }
  return Object.fromEntries(totals);
}
