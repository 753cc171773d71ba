/**
 * The search for a linearization of one part of a history: Wing & Gong's algorithm (1993) with
 * Lowe's memo of visited (linearized set, state) pairs, as Porcupine's `checkSingle` runs it.
 *
 * Walk the entry list from its head. At a call entry, try that operation next: if the
 * specification accepts it and the resulting (set, state) pair is new, linearize it (lift its
 * entries, push the old state) and start again from the head. At a return entry, the operation
 * it ends had to be linearized by now and was not: undo the last choice and try the entry after
 * it. The part is linearizable when every completed operation is placed; pending operations may
 * be placed when they help and are otherwise left out. The stack of choices is then the witness.
 */
import { EntryList, NO_ENTRY } from './_internals/entry-list';
import { LinearizedSet } from './_internals/linearized-set';
import { VisitedStates } from './_internals/visited-states';
import type { Operation } from './history';
import type { SequentialSpecification } from './specification';

export interface SearchOptions {
  /** Operations tried, at most; past it the search gives up and says so. */
  maxSteps: number;
  /** Keep the longest partial linearization seen (a copy each time it grows): for reports only. */
  recordLongest?: boolean | undefined;
}

export type SearchOutcome =
  /** `order`: indices into the part's operations, in linearization order (pending ones only when placed). */
  | { readonly verdict: 'linearizable'; readonly order: readonly number[]; readonly steps: number }
  /**
   * `longest`: the longest partial linearization found, when asked for; empty otherwise.
   * `stuckAt`: the operation whose return the search reached furthest into the history without
   * getting past it. Order completed operations by (return, index): the search once had every
   * operation before this one placed, so the history with this one and all later answers
   * forgotten is linearizable (the failure report starts its hunt for the culprit here).
   */
  | { readonly verdict: 'not-linearizable'; readonly longest: readonly number[]; readonly stuckAt: number; readonly steps: number }
  | { readonly verdict: 'gave-up'; readonly steps: number };

export function searchLinearization<S, I, O>(spec: SequentialSpecification<S, I, O>, operations: readonly Operation<I, O>[], options: SearchOptions): SearchOutcome {
  const list = new EntryList(
    operations.map((operation) => operation.call),
    operations.map((operation) => operation.return),
  );
  const linearized = new LinearizedSet(operations.length);
  const visited = new VisitedStates();
  const chosenEntries: number[] = [];
  const statesBefore: S[] = [];
  let longest: number[] = [];
  // Return entries sit in the list in (return, index) order, and the scan always meets the
  // earliest unplaced one first: the furthest return entry met is the furthest point reached.
  let furthestReturnEntry = NO_ENTRY;
  let unplacedCompleted = operations.filter((operation) => operation.return !== undefined).length;
  let state = spec.init();
  let entry = list.next[list.head] ?? NO_ENTRY;
  let steps = 0;

  while (unplacedCompleted > 0) {
    // Past the last entry only pending calls were left to try, which cannot happen while a
    // completed operation is unplaced (its return entry lies ahead); it is treated as a return.
    if (entry !== NO_ENTRY && !list.isReturn(entry)) {
      if (steps >= options.maxSteps) return { verdict: 'gave-up', steps };
      steps += 1;
      const index = list.operationOf[entry] ?? 0;
      const operation = operations[index];
      if (operation === undefined) throw new RangeError(`entry ${entry} names operation ${index} of ${operations.length}`);
      const result = spec.step(state, operation.input, operation.output);
      if (result.ok) {
        linearized.add(index);
        if (visited.addIfAbsent(linearized, spec.key(result.next))) {
          chosenEntries.push(entry);
          statesBefore.push(state);
          state = result.next;
          list.lift(entry);
          if (operation.return !== undefined) unplacedCompleted -= 1;
          entry = list.next[list.head] ?? NO_ENTRY;
          continue;
        }
        linearized.remove(index);
      }
      entry = list.next[entry] ?? NO_ENTRY;
      continue;
    }
    if (options.recordLongest === true && chosenEntries.length > longest.length) longest = chosenEntries.map((chosen) => list.operationOf[chosen] ?? 0);
    if (entry > furthestReturnEntry) furthestReturnEntry = entry;
    const undone = chosenEntries.pop();
    const stateBefore = statesBefore.pop();
    if (undone === undefined || stateBefore === undefined) return { verdict: 'not-linearizable', longest, stuckAt: list.operationOf[furthestReturnEntry] ?? 0, steps };
    const index = list.operationOf[undone] ?? 0;
    state = stateBefore;
    linearized.remove(index);
    list.unlift(undone);
    if (operations[index]?.return !== undefined) unplacedCompleted += 1;
    entry = list.next[undone] ?? NO_ENTRY;
  }
  return { verdict: 'linearizable', order: chosenEntries.map((chosen) => list.operationOf[chosen] ?? 0), steps };
}
