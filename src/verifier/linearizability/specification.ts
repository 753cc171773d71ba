/**
 * A sequential specification, Porcupine's `Model` in TypeScript: what one operation does to a
 * state when nothing runs beside it. The checker asks it one question per step: from this
 * state, may this input have produced this output, and where does that leave the state?
 */
import type { History, Operation } from './history';

/** Why not is a sentence the failure report quotes ("the register holds 3"). */
export type StepResult<S> = { readonly ok: true; readonly next: S } | { readonly ok: false; readonly why: string };

/** One part of a history that a P-compositional specification lets the checker judge alone. */
export interface HistoryPart<I, O> {
  /** Names the part in reports: "order c-17", "key x". */
  readonly label: string;
  readonly operations: readonly Operation<I, O>[];
}

export interface SequentialSpecification<S, I, O> {
  readonly name: string;
  init(): S;
  /**
   * `output` is undefined for a pending operation, whose answer nobody saw. Whenever some answer
   * would be accepted from `state`, leading to `next`, the unseen answer must be accepted too and
   * lead to the same `next`, or `next` must equal `state` (an answer that changes nothing, like a
   * refused place, is then covered by leaving the operation out, which the checker always may).
   * So turning a completed operation pending can only explain more, never less: the failure
   * report relies on it when it cuts a history short.
   */
  step(state: S, input: I, output: O | undefined): StepResult<S>;
  /**
   * Equal states have equal keys and different states different keys: the search remembers
   * (operations linearized, state key) pairs it has already explored, as Lowe's and Porcupine's
   * checkers do, and never explores one twice.
   */
  key(state: S): string;
  /**
   * Splits a history into parts that are linearizable together exactly when each is alone
   * (P-compositionality, Horn & Kroening 2015): a map per key, an order per client order id.
   * Absent: the whole history is one part.
   */
  partition?(history: History<I, O>): readonly HistoryPart<I, O>[];
  /** "read() -> 3", "cancel(c-1) -> canceled"; `output` undefined for a pending operation. */
  describeOperation(input: I, output: O | undefined): string;
  describeState(state: S): string;
}

/**
 * A `partition` that groups operations by a key of their input, parts in order of first
 * appearance so a report names the same part on every run.
 */
export function partitionBy<I, O>(keyOf: (input: I) => string, labelOf: (key: string) => string = (key) => key): (history: History<I, O>) => HistoryPart<I, O>[] {
  return (history) => {
    const parts = new Map<string, Operation<I, O>[]>();
    for (const operation of history) {
      const key = keyOf(operation.input);
      const part = parts.get(key);
      if (part === undefined) parts.set(key, [operation]);
      else part.push(operation);
    }
    return [...parts].map(([key, operations]) => ({ label: labelOf(key), operations }));
  };
}
