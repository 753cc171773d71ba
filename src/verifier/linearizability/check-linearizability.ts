/**
 * Is a history of concurrent calls linearizable against a sequential specification (X1)?
 *
 * The history is split into the specification's parts (P-compositionality: one order, one key),
 * each part searched on its own (search-linearization.ts), and a part that fails explained
 * (explain-violation.ts). Pure: the only bound is a number of steps, never a clock, so a
 * verdict is the same on every machine. A history too hard for the budget is `unknown`, not
 * a hang and not a guess.
 */
import { assertWellFormedHistory, type History, type Operation } from './history';
import { describeViolation } from './describe-violation';
import { explainViolation, type Violation } from './explain-violation';
import { searchLinearization } from './search-linearization';
import type { HistoryPart, SequentialSpecification } from './specification';

/**
 * 10 to 50 s of search on a 2-core machine with the specifications here (1 to 5 us a step); the
 * benchmark's linearizable histories of 10,000 operations need about 35,000 steps.
 */
export const DEFAULT_MAX_STEPS = 10_000_000;
/** The failure report's own budget (finding the culprit and shrinking), spent only after a part failed. */
export const DEFAULT_EXPLAIN_STEPS = 1_000_000;

export interface LinearizabilityOptions {
  /** Operations tried over all parts together before the check gives up with `unknown`. */
  maxSteps?: number | undefined;
  /** Steps the failure report may spend; past them it reports the failing set found so far. */
  explainSteps?: number | undefined;
}

export interface PartLinearization<I, O> {
  readonly part: string;
  /** A witness: the part's completed operations and the pending ones that took effect, in an order the specification accepts. */
  readonly order: readonly Operation<I, O>[];
}

export type LinearizabilityResult<I, O> =
  | { readonly ok: true; readonly parts: number; readonly steps: number; readonly linearizations: readonly PartLinearization<I, O>[] }
  | {
      readonly ok: false;
      readonly parts: number;
      readonly steps: number;
      /** Every part that fails; `violation` explains the smallest. */
      readonly failingParts: readonly string[];
      readonly violation: Violation<I, O>;
      readonly explanation: string;
    }
  | { readonly ok: 'unknown'; readonly parts: number; readonly steps: number; readonly undecidedParts: readonly string[]; readonly explanation: string };

export function checkLinearizability<S, I, O>(spec: SequentialSpecification<S, I, O>, history: History<I, O>, options: LinearizabilityOptions = {}): LinearizabilityResult<I, O> {
  assertWellFormedHistory(history);
  const maxSteps = options.maxSteps ?? DEFAULT_MAX_STEPS;
  const parts = spec.partition?.(history) ?? [{ label: 'the history', operations: history }];
  let steps = 0;
  const linearizations: PartLinearization<I, O>[] = [];
  const failing: { part: HistoryPart<I, O>; stuckAt: number }[] = [];
  const undecided: HistoryPart<I, O>[] = [];
  for (const part of parts) {
    const outcome = searchLinearization(spec, part.operations, { maxSteps: maxSteps - steps });
    steps += outcome.steps;
    if (outcome.verdict === 'linearizable') linearizations.push({ part: part.label, order: outcome.order.flatMap((index) => part.operations[index] ?? []) });
    else if (outcome.verdict === 'not-linearizable') failing.push({ part, stuckAt: outcome.stuckAt });
    else undecided.push(part);
  }
  const smallest = failing.reduce<(typeof failing)[number] | undefined>((best, entry) => (best === undefined || entry.part.operations.length < best.part.operations.length ? entry : best), undefined);
  if (smallest !== undefined) {
    const violation = explainViolation(spec, smallest.part, options.explainSteps ?? DEFAULT_EXPLAIN_STEPS, smallest.stuckAt);
    const othersFailing = failing.filter((entry) => entry !== smallest).map((entry) => entry.part.label);
    const others = othersFailing.length > 0 ? `\n${othersFailing.length} more part(s) fail: ${othersFailing.join(', ')}.` : '';
    const unsure = undecided.length > 0 ? `\n${undecided.length} part(s) undecided within ${maxSteps} steps.` : '';
    return { ok: false, parts: parts.length, steps, failingParts: failing.map((entry) => entry.part.label), violation, explanation: `${describeViolation(spec, violation)}${others}${unsure}` };
  }
  if (undecided.length > 0) {
    const labels = undecided.map((part) => `${part.label} (${part.operations.length} operations)`).join(', ');
    return {
      ok: 'unknown',
      parts: parts.length,
      steps,
      undecidedParts: undecided.map((part) => part.label),
      explanation: `${spec.name}: no verdict within ${maxSteps} steps on ${labels}; every other part is linearizable. Raise maxSteps, or record shorter histories with fewer operations in flight at once.`,
    };
  }
  return { ok: true, parts: parts.length, steps, linearizations };
}
