/**
 * A FIFO queue, the other object of Herlihy & Wing's examples: enqueue(v) and dequeue(), which
 * answers the oldest value or `null` when the queue is empty.
 */
import type { SequentialSpecification } from '../specification';

export type QueueInput = { readonly op: 'enqueue'; readonly value: number } | { readonly op: 'dequeue' };
export type QueueOutput = { readonly op: 'enqueue' } | { readonly op: 'dequeue'; readonly value: number | null };
export type QueueState = readonly number[];

export function performOnQueue(state: QueueState, input: QueueInput): { output: QueueOutput; next: QueueState } {
  if (input.op === 'enqueue') return { output: { op: 'enqueue' }, next: [...state, input.value] };
  const [head, ...rest] = state;
  return { output: { op: 'dequeue', value: head ?? null }, next: rest };
}

const show = (state: QueueState): string => (state.length === 0 ? 'the empty queue' : `the queue [${state.join(', ')}] (oldest first)`);

export function fifoQueueSpec(): SequentialSpecification<QueueState, QueueInput, QueueOutput> {
  return {
    name: 'FIFO queue',
    init: () => [],
    step(state, input, output) {
      const expected = performOnQueue(state, input);
      if (output === undefined) return { ok: true, next: expected.next };
      if (output.op !== input.op) return { ok: false, why: `an ${input.op} cannot answer like a ${output.op}` };
      if (output.op === 'dequeue' && expected.output.op === 'dequeue' && output.value !== expected.output.value) {
        return { ok: false, why: expected.output.value === null ? 'the queue is empty' : `the oldest value is ${expected.output.value}` };
      }
      return { ok: true, next: expected.next };
    },
    key: (state) => state.join(','),
    describeOperation(input, output) {
      if (input.op === 'enqueue') return `enqueue(${input.value})`;
      const value = output?.op === 'dequeue' ? (output.value === null ? 'empty' : String(output.value)) : '?';
      return `dequeue() -> ${value}`;
    },
    describeState: show,
  };
}
