import { VENUE_FAULT_KINDS } from '../venue/types';
import type { ProfileName, PropertyRunReport } from '../verifier/protocol';
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
  /** Venue faults injected over the whole run, by kind, every kind listed (0: never injected). */
  faultsInjected: Record<string, number>;
  score: Score;
}

export function summarizeRun(input: Omit<RunSummary, 'score' | 'faultsInjected'>): RunSummary {
  const score = scoreRun(
    input.properties.map((report) => ({
      property: report.property,
      category: report.category,
      critical: report.critical,
      passed: report.failure === undefined,
    })),
  );
  return { ...input, faultsInjected: totalFaults(input.properties), score };
}

/** Every known fault kind (so a kind never injected shows as 0), then any other a report names. */
function totalFaults(reports: readonly PropertyRunReport[]): Record<string, number> {
  const totals = new Map<string, number>(VENUE_FAULT_KINDS.map((kind) => [kind, 0]));
  for (const report of reports) {
    for (const [kind, count] of Object.entries(report.faultsInjected)) totals.set(kind, (totals.get(kind) ?? 0) + count);
  }
  return Object.fromEntries(totals);
}
