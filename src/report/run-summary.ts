import type { ProfileName, PropertyRunReport } from '../verifier/protocol';
import { scoreRun, type Score } from './score';

/** Everything one `tradeprop run` produced: what the text and JSON reports are written from. */
export interface RunSummary {
  tradepropVersion: string;
  profile: ProfileName;
  /** The base seed the workers got; absent when the profile's fixed default was used. */
  seed?: number | undefined;
  shard?: string | undefined;
  properties: PropertyRunReport[];
  /** Errors vitest reported outside any property (unhandled rejections and the like). */
  problems: string[];
  score: Score;
}

export function summarizeRun(input: Omit<RunSummary, 'score'>): RunSummary {
  const score = scoreRun(
    input.properties.map((report) => ({
      property: report.property,
      category: report.category,
      critical: report.critical,
      passed: report.failure === undefined,
    })),
  );
  return { ...input, score };
}
