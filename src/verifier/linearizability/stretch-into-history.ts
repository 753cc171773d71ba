/**
 * Histories that are linearizable by construction, for the checker's own tests and benchmark:
 * run inputs one at a time against a specification's sequential semantics, give operation k the
 * linearization point k * spacing, and stretch an interval around each point. Every interval
 * contains its point and the points are in execution order, so that order is a linearization
 * whatever the stretches (if A returns before B is called, A's point comes before B's).
 */
import type { CompletedOperation, Operation } from './history';

export interface SequentialStep<I, O> {
  readonly input: I;
  readonly output: O;
}

/** What an input answers and leaves when run alone; undefined when it cannot happen in `state` (a venue event). */
export type Perform<S, I, O> = (state: S, input: I) => { output: O; next: S } | undefined;

/**
 * Runs the inputs in order, skipping those that cannot happen where they fall. `partOf` names
 * the part an input belongs to for a partitioned specification: each part then runs from its own
 * `initial` state, as the checker will judge it (one order's state knows nothing of another's).
 */
export function runSequentially<S, I, O>(initial: S, perform: Perform<S, I, O>, inputs: readonly I[], partOf: (input: I) => string = () => ''): SequentialStep<I, O>[] {
  const steps: SequentialStep<I, O>[] = [];
  const states = new Map<string, S>();
  for (const input of inputs) {
    const part = partOf(input);
    const result = perform(states.get(part) ?? initial, input);
    if (result === undefined) continue;
    steps.push({ input, output: result.output });
    states.set(part, result.next);
  }
  return steps;
}

/** How far an operation's call lies before its linearization point and its return after it, in clock units. */
export interface Stretch {
  readonly before: number;
  readonly after: number;
  /** Drop the answer and the return: a client that timed out. */
  readonly pending?: boolean | undefined;
}

/**
 * Operation k (id k) spans [k * spacing - before, k * spacing + after]. Clients are assigned as
 * real ones behave, one call at a time: each operation goes to the first client whose previous
 * operation returned before it was called (a pending one keeps its client busy for good).
 */
export function stretchIntoHistory<I, O>(steps: readonly SequentialStep<I, O>[], stretches: readonly Stretch[], spacing = 1): Operation<I, O>[] {
  const timed = steps.map((step, k) => {
    const stretch = stretches[k] ?? { before: 0, after: 0 };
    const point = k * spacing;
    return { step, k, call: point - stretch.before, return: stretch.pending === true ? undefined : point + stretch.after };
  });
  const busyUntil: number[] = [];
  const operations: Operation<I, O>[] = [];
  for (const entry of [...timed].sort((a, b) => a.call - b.call || a.k - b.k)) {
    let client = busyUntil.findIndex((until) => until < entry.call);
    if (client === -1) client = busyUntil.length;
    busyUntil[client] = entry.return ?? Number.POSITIVE_INFINITY;
    const common = { id: entry.k, client, input: entry.step.input, call: entry.call };
    operations[entry.k] = entry.return === undefined ? common : ({ ...common, output: entry.step.output, return: entry.return } satisfies CompletedOperation<I, O>);
  }
  return operations;
}
