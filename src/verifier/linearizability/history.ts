/**
 * A history of concurrent calls: what each client asked, what it was told, and when. The
 * checker decides whether some sequential order of these operations, consistent with the
 * times, explains every answer (Herlihy & Wing 1990).
 *
 * Times are numbers on one clock: virtual milliseconds or a logical event counter. Operation A
 * precedes B in real time only when A returned strictly before B was called; intervals that
 * touch (A returns at the instant B is called) are concurrent, as Porcupine orders a call before
 * a return at equal times. A logical clock that gives every event its own tick never ties.
 */
import { UsageError } from '../../domain/errors';

export type OperationId = number | string;
export type ClientId = number | string;

/** An operation whose answer the client saw. */
export interface CompletedOperation<I, O> {
  readonly id: OperationId;
  readonly client: ClientId;
  readonly input: I;
  readonly output: O;
  readonly call: number;
  readonly return: number;
}

/**
 * An operation still pending when the history ends (a timeout, a crash, a lost answer). As in
 * Porcupine and Knossos it may have taken effect at any time after its call, or never: the
 * checker may place it anywhere after its call or leave it out, and its output is unknown.
 */
export interface PendingOperation<I> {
  readonly id: OperationId;
  readonly client: ClientId;
  readonly input: I;
  readonly call: number;
  readonly output?: undefined;
  readonly return?: undefined;
}

export type Operation<I, O> = CompletedOperation<I, O> | PendingOperation<I>;
export type History<I, O> = readonly Operation<I, O>[];

export function isPending<I, O>(operation: Operation<I, O>): operation is PendingOperation<I> {
  return operation.return === undefined;
}

/** The same operation with its answer forgotten: what the client would know had it timed out. */
export function asPending<I, O>(operation: Operation<I, O>): PendingOperation<I> {
  return { id: operation.id, client: operation.client, input: operation.input, call: operation.call };
}

/**
 * Refuses a history the checker cannot judge: a time that is not a finite number, a return
 * before its call, or two operations with one id (the report names operations by id).
 */
export function assertWellFormedHistory<I, O>(history: History<I, O>): void {
  const seen = new Set<OperationId>();
  for (const operation of history) {
    if (seen.has(operation.id)) throw new UsageError(`history: two operations have id ${String(operation.id)}; give each operation its own id`);
    seen.add(operation.id);
    if (!Number.isFinite(operation.call)) throw new UsageError(`history: operation ${String(operation.id)} has call time ${String(operation.call)}; times must be finite numbers`);
    if (isPending(operation)) continue;
    if (!Number.isFinite(operation.return)) throw new UsageError(`history: operation ${String(operation.id)} has return time ${String(operation.return)}; leave it out for a pending operation`);
    if (operation.return < operation.call) throw new UsageError(`history: operation ${String(operation.id)} returns at ${operation.return}, before its call at ${operation.call}`);
  }
}
