/**
 * The failure as a person reads it: which part, which answer no order explains, the few
 * operations involved with their times, how far an order gets and why nothing can follow.
 */
import { isPending, type Operation } from './history';
import type { Violation } from './explain-violation';
import type { SequentialSpecification } from './specification';

/** `#7 client 1 [13, 15] cancel(c-1) -> canceled`; a pending operation shows `[13, ...)`. */
export function describeOperationAt<S, I, O>(spec: SequentialSpecification<S, I, O>, operation: Operation<I, O>): string {
  const interval = isPending(operation) ? `[${operation.call}, ...) pending` : `[${operation.call}, ${operation.return}]`;
  return `#${String(operation.id)} client ${String(operation.client)} ${interval} ${spec.describeOperation(operation.input, operation.output)}`;
}

export function describeViolation<S, I, O>(spec: SequentialSpecification<S, I, O>, violation: Violation<I, O>): string {
  const short = (operation: Operation<I, O>): string => `#${String(operation.id)} ${spec.describeOperation(operation.input, operation.output)}`;
  const lines = [
    `${spec.name}: ${violation.part} (${violation.partSize} operations) is not linearizable.`,
    violation.culpritIsFirst
      ? `No order explains the answer of ${describeOperationAt(spec, violation.culprit)}.`
      : `No order explains the answers up to ${describeOperationAt(spec, violation.culprit)} (the search for the first unexplained one ran out of steps).`,
    // "Shrunk", not "smallest": no single operation more can go, but another set may be smaller.
    violation.shrunkToTheEnd
      ? `Failing set, shrunk to ${violation.operations.length} of ${violation.partSize} operations:`
      : `Failing set, partly shrunk (out of steps) to ${violation.operations.length} of ${violation.partSize} operations:`,
    ...violation.operations.map((operation) => `  ${describeOperationAt(spec, operation)}`),
  ];
  // Empty only when the last search ran out of steps too: then there is nothing more to say.
  if (violation.stuck.length > 0) {
    lines.push(
      violation.longestLinearization.length === 0
        ? `No operation can go first from ${spec.describeState(spec.init())}:`
        : `Longest order that holds: ${violation.longestLinearization.map(short).join('; ')}; it leaves ${violation.stateAfter}. Then nothing can follow:`,
      ...violation.stuck.map(({ operation, why }) => `  ${short(operation)}: ${why}`),
    );
  }
  return lines.join('\n');
}
