/**
 * Why a part of a history is not linearizable, small enough to read.
 *
 * 1. The culprit. Order the completed operations by return time and cut the part after the k-th
 *    return: later operations become pending (their answers forgotten). The first cut that fails
 *    names the culprit, the operation whose answer no order explains. Cuts only fail more as k
 *    grows (a pending operation explains at least what it explained completed), so a galloping
 *    search finds k. Operations called after the culprit returned cannot matter and are dropped.
 * 2. A support: the fewest operations whose effects, in some order, make the culprit's answer
 *    possible at all, timing and their own answers aside (a write of the value a read returned).
 *    Found by one small search, then cut down by replaying without each operation in turn.
 * 3. The smallest failing set. Remove operations other than the culprit and its support, in
 *    chunks and then one by one as delta debugging does, keeping a removal when what is left
 *    still fails and still fails because of the culprit (with the culprit pending it holds).
 *    Keeping the support is what makes the set explain the failure: without it,
 *    "w(2); w(3); r->2" on a register starting at nil shrinks to "r->2", which fails for another
 *    reason than the history did.
 * 4. The longest partial linearization of that set, the state it leaves, and why each operation
 *    that could come next cannot.
 * Every search here draws on one step budget; when it runs out, the set found so far is
 * reported, marked as not shrunk to the end.
 */
import { BudgetedSearch } from './_internals/budgeted-search';
import { asPending, isPending, type CompletedOperation, type Operation, type OperationId } from './history';
import type { HistoryPart, SequentialSpecification } from './specification';

export interface StuckOperation<I, O> {
  readonly operation: Operation<I, O>;
  /** The specification's refusal, or why a fitting step leads nowhere. */
  readonly why: string;
}

export interface Violation<I, O> {
  /** The part's label (the whole history when the specification does not partition). */
  readonly part: string;
  /** Operations in the failing part. */
  readonly partSize: number;
  /** The completed operation whose answer is the first that no order of the part explains. */
  readonly culprit: Operation<I, O>;
  /**
   * False when the budget ran out before the search for the culprit ended: the part is known to
   * fail by the culprit's return, but an earlier answer may already be the one nothing explains.
   */
  readonly culpritIsFirst: boolean;
  /** The smallest failing set of operations found (culprit included), in call order. */
  readonly operations: readonly Operation<I, O>[];
  /** True when the shrink finished within the budget: no single operation more can go. */
  readonly shrunkToTheEnd: boolean;
  /** The longest order of some of those operations that the specification accepts. */
  readonly longestLinearization: readonly Operation<I, O>[];
  /** The state that order leaves, as the specification describes it. */
  readonly stateAfter: string;
  /** The operations that could come next in real time, each with why it cannot. */
  readonly stuck: readonly StuckOperation<I, O>[];
  /** Steps the explanation's searches used. */
  readonly steps: number;
}

/** The last search runs on a handful of operations; it gets this much even when the shrink spent the budget. */
const FINAL_SEARCH_STEPS = 100_000;
/** The support search's own cap: with every other operation pending, a "no" can cost every subset of them. */
const SUPPORT_STEPS = 50_000;

/** `stuckAt`: from the part's own failed search, when there was one (it saves most of step 1). */
export function explainViolation<S, I, O>(spec: SequentialSpecification<S, I, O>, part: HistoryPart<I, O>, budget: number, stuckAt?: number): Violation<I, O> {
  const searches = new BudgetedSearch(spec, budget);
  const { culprit, culpritIsFirst, cut } = findCulprit(searches, part, stuckAt);
  const protectedIds = new Set([culprit.id, ...supportOf(spec, searches, culprit, part.operations)]);
  const operations = shrinkAround(searches, culprit, protectedIds, cut).sort((a, b) => a.call - b.call);

  const outcome = searches.run(operations, { recordLongest: true, atLeast: FINAL_SEARCH_STEPS });
  const longest = outcome.verdict === 'not-linearizable' ? outcome.longest.flatMap((index) => operations[index] ?? []) : [];
  let state = spec.init();
  for (const operation of longest) {
    const step = spec.step(state, operation.input, operation.output);
    if (!step.ok) throw new RangeError(`the search's own partial linearization fails at operation ${String(operation.id)}: ${step.why}`);
    state = step.next;
  }
  const placed = new Set(longest);
  const unplaced = operations.filter((operation) => !placed.has(operation));
  // What could come next in real time: nothing unplaced returned before it was called.
  const earliestReturn = unplaced.reduce((earliest, operation) => Math.min(earliest, operation.return ?? Number.POSITIVE_INFINITY), Number.POSITIVE_INFINITY);
  const stuck = (outcome.verdict === 'not-linearizable' ? unplaced : [])
    .filter((operation) => !isPending(operation) && operation.call <= earliestReturn)
    .map((operation) => {
      const step = spec.step(state, operation.input, operation.output);
      return { operation, why: step.ok ? `it fits, leaving ${spec.describeState(step.next)}, but then no order of the rest does` : step.why };
    });
  return {
    part: part.label,
    partSize: part.operations.length,
    culprit,
    culpritIsFirst,
    operations,
    shrunkToTheEnd: !searches.exhausted,
    longestLinearization: longest,
    stateAfter: spec.describeState(state),
    stuck,
    steps: searches.stepsUsed,
  };
}

/**
 * Step 1: the culprit, and the part cut at its return (later answers forgotten, later calls
 * dropped). `known` cuts are linearizable: the part's own failed search says how far it got
 * (`stuckAt`). From there, probe cuts 1, 2, 4, ... further until one fails, then bisect: a cut
 * that holds costs about its length in steps, one that fails can cost far more, so few of those.
 */
function findCulprit<S, I, O>(
  searches: BudgetedSearch<S, I, O>,
  part: HistoryPart<I, O>,
  stuckAt: number | undefined,
): { culprit: CompletedOperation<I, O>; culpritIsFirst: boolean; cut: Operation<I, O>[] } {
  // (return, index) order: the order the search's entry list keeps returns in, so `stuckAt` ranks the same.
  const byReturn = part.operations
    .map((operation, index) => ({ operation, index }))
    .filter((entry): entry is { operation: CompletedOperation<I, O>; index: number } => !isPending(entry.operation))
    .sort((a, b) => a.operation.return - b.operation.return || a.index - b.index)
    .map((entry) => entry.operation);
  const rankOf = new Map<Operation<I, O>, number>(byReturn.map((operation, rank) => [operation, rank + 1]));
  const cutAfter = (k: number): Operation<I, O>[] => part.operations.map((operation) => ((rankOf.get(operation) ?? 0) > k ? asPending(operation) : operation));
  const stuckOperation = stuckAt === undefined ? undefined : part.operations[stuckAt];
  // The part itself, cutAfter(byReturn.length), is known to fail.
  let known = Math.max(0, (stuckOperation === undefined ? 1 : (rankOf.get(stuckOperation) ?? 1)) - 1);
  let high = byReturn.length;
  for (let stride = 1, probe = known + 1; probe < high && !searches.exhausted; stride *= 2, probe = Math.min(high, known + stride)) {
    if (searches.fails(cutAfter(probe))) high = probe;
    else known = probe;
  }
  let low = known + 1;
  while (low < high && !searches.exhausted) {
    const middle = (low + high) >>> 1;
    if (searches.fails(cutAfter(middle))) high = middle;
    else low = middle + 1;
  }
  const culprit = byReturn[high - 1];
  if (culprit === undefined) throw new RangeError(`${part.label} has no completed operation, so it cannot fail`);
  return { culprit, culpritIsFirst: low === high, cut: cutAfter(high).filter((operation) => operation.call <= culprit.return) };
}

/**
 * Step 2: ids of a support of the culprit's answer among the part's operations, or none when the
 * search finds none within its cap (an answer no effect explains, like a read of a value nobody
 * wrote). Every other operation is made pending and the culprit spans the whole part, so timing
 * plays no part; the culprit may also go first, which finds a support in a few steps. A support
 * called after the culprit returned (a fill the fetch saw too early) cannot join the failing set,
 * but the rest of it (the place) then still does.
 */
function supportOf<S, I, O>(spec: SequentialSpecification<S, I, O>, searches: BudgetedSearch<S, I, O>, culprit: CompletedOperation<I, O>, operations: readonly Operation<I, O>[]): OperationId[] {
  // A reduce, not Math.min(...calls): spreading a part of 100,000 operations overflows the stack.
  const first = operations.reduce((earliest, operation) => Math.min(earliest, operation.call), culprit.call);
  const last = operations.reduce((latest, operation) => Math.max(latest, operation.call), culprit.return);
  const spanning = { ...culprit, call: first, return: last };
  const relaxed = operations.map((operation) => (operation.id === culprit.id ? spanning : asPending(operation)));
  const outcome = searches.run(relaxed, { ownLimit: SUPPORT_STEPS });
  if (outcome.verdict !== 'linearizable') return [];
  const order = outcome.order.flatMap((index) => relaxed[index] ?? []);
  let support = order.slice(0, order.findIndex((operation) => operation.id === culprit.id));
  const culpritFitsAfter = (sequence: readonly Operation<I, O>[]): boolean => {
    let state = spec.init();
    for (const operation of sequence) {
      const step = spec.step(state, operation.input, undefined);
      if (!step.ok) return false;
      state = step.next;
    }
    return spec.step(state, culprit.input, culprit.output).ok;
  };
  for (let i = support.length - 1; i >= 0; i -= 1) {
    const without = support.filter((_, j) => j !== i);
    if (culpritFitsAfter(without)) support = without;
  }
  return support.map((operation) => operation.id);
}

/** Step 3: remove what is not protected while the rest still fails because of the culprit. */
function shrinkAround<S, I, O>(searches: BudgetedSearch<S, I, O>, culprit: CompletedOperation<I, O>, protectedIds: ReadonlySet<OperationId>, cut: readonly Operation<I, O>[]): Operation<I, O>[] {
  const stillFailsForCulprit = (operations: readonly Operation<I, O>[]): boolean =>
    searches.fails(operations) && searches.holds(operations.map((operation) => (operation.id === culprit.id ? asPending(operation) : operation)));
  let kept = [...cut];
  // Try first what a linearization of the cut with the culprit pending leaves out, then what it
  // places, last placed first: removing the last operation of a linearization leaves one, so in
  // this order every irrelevant operation goes in one pass instead of one per pass.
  const witness = searches.run(cut.map((operation) => (operation.id === culprit.id ? asPending(operation) : operation)));
  const positionOf = new Map<OperationId, number>();
  if (witness.verdict === 'linearizable') witness.order.forEach((index, position) => positionOf.set(cut[index]?.id ?? -1, position));
  const rankOf = (operation: Operation<I, O>): number => positionOf.get(operation.id) ?? cut.length;
  let candidates = cut.filter((operation) => !protectedIds.has(operation.id)).sort((a, b) => rankOf(b) - rankOf(a) || (b.return ?? b.call) - (a.return ?? a.call));
  // Halve the chunk size down to single operations, then repeat single removals until a whole
  // pass removes nothing: removing one operation can make another removable.
  for (let chunk = Math.max(1, candidates.length >>> 1); !searches.exhausted; chunk = Math.max(1, chunk >>> 1)) {
    const survivors: Operation<I, O>[] = [];
    for (let start = 0; start < candidates.length && !searches.exhausted; start += chunk) {
      const removed = candidates.slice(start, start + chunk);
      const removedIds = new Set(removed.map((operation) => operation.id));
      const without = kept.filter((operation) => !removedIds.has(operation.id));
      if (stillFailsForCulprit(without)) kept = without;
      else survivors.push(...removed);
    }
    const removedAny = survivors.length < candidates.length;
    candidates = survivors;
    if (chunk === 1 && !removedAny) break;
  }
  return kept;
}
