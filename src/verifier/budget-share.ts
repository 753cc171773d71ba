/**
 * How an extended run spends its time budget across properties (pure; the runner supplies the
 * clock and the count of properties already finished, from the workers' shared progress file).
 *
 * - Fair share: a property starting now gets the time left divided among the properties not yet
 *   finished, times the workers that run them side by side. Time a property leaves unused (it
 *   failed and stopped early, or the run started late) goes to the ones after it; the first files
 *   cannot take the whole budget.
 * - Weighted towards finding: past its share, a property keeps going while its last batch covered
 *   something new (a transition or a fault kind not seen before), up to NOVELTY_STRETCH shares;
 *   the properties after it then get correspondingly less. A property that finds a failure stops
 *   at once (to shrink it), which leaves its time to the others.
 */
export const NOVELTY_STRETCH = 2;

export interface ShareInputs {
  now: number;
  /** The run's deadline: no batch starts after it. */
  deadline: number;
  workers: number;
  /** Properties in the run. */
  properties: number;
  /** Properties that have finished, this one excluded. */
  finished: number;
}

export function fairShareMs({ now, deadline, workers, properties, finished }: ShareInputs): number {
  const unfinished = Math.max(1, properties - finished);
  const side = Math.max(1, Math.min(workers, unfinished));
  return Math.max(0, Math.floor(((deadline - now) * side) / unfinished));
}

export interface BatchInputs {
  now: number;
  deadline: number;
  /** When this property started. */
  started: number;
  shareMs: number;
  /** Whether the batch just run covered something new. */
  lastBatchNovel: boolean;
}

export function mayStartBatch({ now, deadline, started, shareMs, lastBatchNovel }: BatchInputs): boolean {
  if (now >= deadline) return false;
  const elapsed = now - started;
  if (elapsed < shareMs) return true;
  return lastBatchNovel && elapsed < NOVELTY_STRETCH * shareMs;
}
