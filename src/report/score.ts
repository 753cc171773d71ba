/**
 * The production-readiness score (DESIGN.md, Score): 80 points for the share of properties that
 * passed, 20 for the share of all nine categories that were verified and clean, minus
 * CRITICAL_FAILURE_PENALTY for each critical failure, clamped to 0..100. A category no property
 * ran in is "not verified" and counts as a missing suite does in the production readiness
 * runner: against completeness. A failure counts against the category and criticality of the
 * invariant it broke, whichever property found it.
 *
 * Go/no-go on top of the bands: "ready" also needs every property held and no category
 * unverified; a run that misses either reads "mostly ready" at best, whatever its score.
 */

/**
 * Ten points per failed critical property: one critical failure out of ten properties already
 * drops a run from 88 (ready) to 78 (mostly ready), and three make it "not ready" whatever else
 * passed, which is what a broken order or ledger invariant should mean.
 */
export const CRITICAL_FAILURE_PENALTY = 10;

export type Verdict = 'ready' | 'mostly ready' | 'not ready' | 'critical';

export interface ScoredProperty {
  property: string;
  /** The property's own category: it ran there. */
  category: string;
  critical: boolean;
  passed: boolean;
  /** A failure's category and criticality: the broken invariant's, else the property's. */
  failedAs?: { category: string; critical: boolean } | undefined;
}

export interface Score {
  /** 0..100, rounded to one decimal. */
  score: number;
  verdict: Verdict;
  propertiesPassed: number;
  propertiesRun: number;
  /** Categories verified (a property ran there) with no failure counted against them. */
  categoriesPassed: number;
  /** Categories a property ran in. */
  categoriesRun: number;
  /** Every category completeness is judged over (nine). */
  categoriesTotal: number;
  /** The categories no property ran in, in the catalogue's order. */
  categoriesNotVerified: string[];
  criticalFailures: number;
  penalty: number;
  /**
   * What the run lacks for "ready" besides its score (failed properties, unverified categories);
   * absent when nothing. In the ready band it holds the verdict back to "mostly ready".
   */
  heldBack?: string | undefined;
}

/** Scores a run's results over `categories`, every category a release is judged on. */
export function scoreRun(results: readonly ScoredProperty[], categories: readonly string[]): Score {
  const propertiesRun = results.length;
  const propertiesPassed = results.filter((result) => result.passed).length;
  const failedAs = (result: ScoredProperty): { category: string; critical: boolean } => result.failedAs ?? { category: result.category, critical: result.critical };
  const ran = new Set(results.map((result) => result.category));
  const failed = new Set(results.filter((result) => !result.passed).map((result) => failedAs(result).category));
  const categoriesNotVerified = categories.filter((category) => !ran.has(category));
  const categoriesPassed = categories.filter((category) => ran.has(category) && !failed.has(category)).length;
  const criticalFailures = results.filter((result) => !result.passed && failedAs(result).critical).length;
  const penalty = criticalFailures * CRITICAL_FAILURE_PENALTY;
  // No property ran: nothing failed, so the property share is full; completeness is still judged.
  const propertyShare = propertiesRun === 0 ? 1 : propertiesPassed / propertiesRun;
  const categoryShare = categories.length === 0 ? 1 : categoriesPassed / categories.length;
  const raw = 80 * propertyShare + 20 * categoryShare - penalty;
  const score = Math.round(Math.min(100, Math.max(0, raw)) * 10) / 10;
  const band = verdictFor(score);
  const heldBack = whyNotReady(propertiesRun - propertiesPassed, categoriesNotVerified);
  return {
    score,
    verdict: band === 'ready' && heldBack !== undefined ? 'mostly ready' : band,
    propertiesPassed,
    propertiesRun,
    categoriesPassed,
    categoriesRun: ran.size,
    categoriesTotal: categories.length,
    categoriesNotVerified,
    criticalFailures,
    penalty,
    heldBack,
  };
}

function whyNotReady(failures: number, notVerified: readonly string[]): string | undefined {
  const reasons: string[] = [];
  if (failures > 0) reasons.push(`${failures} propert${failures === 1 ? 'y' : 'ies'} failed`);
  if (notVerified.length > 0) reasons.push(`not verified: ${notVerified.join(', ')}`);
  return reasons.length === 0 ? undefined : reasons.join('; ');
}

/** The lowest score that reads "ready" (the go/no-go criteria ask more besides). */
export const READY_SCORE = 85;

/** The bands' lower bounds (DESIGN.md, Score), highest first; below the last one: critical. */
export const VERDICT_BANDS: ReadonlyArray<{ verdict: Exclude<Verdict, 'critical'>; from: number }> = [
  { verdict: 'ready', from: READY_SCORE },
  { verdict: 'mostly ready', from: 70 },
  { verdict: 'not ready', from: 50 },
];

/** The lowest score `tradeprop run` passes with when no --threshold is given: "mostly ready". */
export const DEFAULT_THRESHOLD = 70;

/** The band a score falls in, before the go/no-go criteria. */
export function verdictFor(score: number): Verdict {
  return VERDICT_BANDS.find((band) => score >= band.from)?.verdict ?? 'critical';
}
