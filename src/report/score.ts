/**
 * The production-readiness score (DESIGN.md, Score): 80 points for the share of properties that
 * passed, 20 for the share of categories (among those that ran) with no failure, minus
 * CRITICAL_FAILURE_PENALTY for each critical failure, clamped to 0..100. A failure counts
 * against the category and criticality of the invariant it broke, whichever property found it.
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
  categoriesPassed: number;
  categoriesRun: number;
  criticalFailures: number;
  penalty: number;
}

export function scoreRun(results: readonly ScoredProperty[]): Score {
  const propertiesRun = results.length;
  const propertiesPassed = results.filter((result) => result.passed).length;
  const categoryHeld = new Map<string, boolean>();
  const failedAs = (result: ScoredProperty): { category: string; critical: boolean } => result.failedAs ?? { category: result.category, critical: result.critical };
  for (const result of results) categoryHeld.set(result.category, categoryHeld.get(result.category) ?? true);
  for (const result of results) if (!result.passed) categoryHeld.set(failedAs(result).category, false);
  const categoriesRun = categoryHeld.size;
  const categoriesPassed = [...categoryHeld.values()].filter(Boolean).length;
  const criticalFailures = results.filter((result) => !result.passed && failedAs(result).critical).length;
  const penalty = criticalFailures * CRITICAL_FAILURE_PENALTY;
  // Nothing ran (an empty shard): nothing failed either, so the shares count as full.
  const propertyShare = propertiesRun === 0 ? 1 : propertiesPassed / propertiesRun;
  const categoryShare = categoriesRun === 0 ? 1 : categoriesPassed / categoriesRun;
  const raw = 80 * propertyShare + 20 * categoryShare - penalty;
  const score = Math.round(Math.min(100, Math.max(0, raw)) * 10) / 10;
  return {
    score,
    verdict: verdictFor(score),
    propertiesPassed,
    propertiesRun,
    categoriesPassed,
    categoriesRun,
    criticalFailures,
    penalty,
  };
}

export function verdictFor(score: number): Verdict {
  if (score >= 85) return 'ready';
  if (score >= 70) return 'mostly ready';
  if (score >= 50) return 'not ready';
  return 'critical';
}
