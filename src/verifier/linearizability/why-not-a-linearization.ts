/**
 * Checks a claimed linearization directly, without search: the checker's witnesses can be
 * verified by this much simpler code, which is how its tests trust a "linearizable" verdict.
 */
import { isPending, type Operation } from './history';
import type { SequentialSpecification } from './specification';

/** Why `order` is not a linearization of `operations`, or undefined when it is. */
export function whyNotALinearization<S, I, O>(spec: SequentialSpecification<S, I, O>, operations: readonly Operation<I, O>[], order: readonly Operation<I, O>[]): string | undefined {
  const position = new Map<Operation<I, O>, number>();
  order.forEach((operation, index) => position.set(operation, index));
  if (position.size !== order.length) return 'an operation appears twice';
  const known = new Set(operations);
  const stranger = order.find((operation) => !known.has(operation));
  if (stranger !== undefined) return `operation ${String(stranger.id)} is not in the history`;
  const missing = operations.find((operation) => !isPending(operation) && !position.has(operation));
  if (missing !== undefined) return `completed operation ${String(missing.id)} is missing`;
  // Real time: nothing may come after an operation that returned before it was called. Scanning
  // from the end keeps the earliest return among the operations placed later.
  let earliestLater: Operation<I, O> | undefined;
  for (let index = order.length - 1; index >= 0; index -= 1) {
    const operation = order[index];
    if (operation === undefined) continue;
    if (earliestLater?.return !== undefined && earliestLater.return < operation.call) {
      return `operation ${String(earliestLater.id)} returned before ${String(operation.id)} was called but comes after it`;
    }
    if (operation.return !== undefined && (earliestLater?.return === undefined || operation.return < earliestLater.return)) earliestLater = operation;
  }
  let state = spec.init();
  for (const operation of order) {
    const step = spec.step(state, operation.input, operation.output);
    if (!step.ok) return `operation ${String(operation.id)} ${spec.describeOperation(operation.input, operation.output)}: ${step.why}`;
    state = step.next;
  }
  return undefined;
}
