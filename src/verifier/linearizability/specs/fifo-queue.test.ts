import { describe, expect, it } from 'vitest';
import { checkLinearizability } from '../check-linearizability';
import type { Operation } from '../history';
import { whyNotALinearization } from '../why-not-a-linearization';
import { fifoQueueSpec, type QueueInput, type QueueOutput } from './fifo-queue';

type QueueOperation = Operation<QueueInput, QueueOutput>;

const enqueue = (id: number, client: number, value: number, call: number, returned?: number): QueueOperation =>
  returned === undefined ? { id, client, input: { op: 'enqueue', value }, call } : { id, client, input: { op: 'enqueue', value }, output: { op: 'enqueue' }, call, return: returned };
const dequeue = (id: number, client: number, value: number | null, call: number, returned: number): QueueOperation => ({
  id,
  client,
  input: { op: 'dequeue' },
  output: { op: 'dequeue', value },
  call,
  return: returned,
});

// The queue examples of Herlihy & Wing 1990 (section 2) and Herlihy & Shavit, The Art of
// Multiprocessor Programming, chapter 3, rebuilt with numbers for values: x = 1, y = 2.
describe('a FIFO queue history is linearizable', () => {
  const spec = fifoQueueSpec();
  const linearizable: [string, QueueOperation[]][] = [
    ['overlapping enqueues may take effect in either order', [enqueue(0, 0, 1, 0, 10), enqueue(1, 1, 2, 1, 11), dequeue(2, 0, 2, 12, 13), dequeue(3, 1, 1, 14, 15)]],
    ['a dequeue overlapping its enqueue may return the value', [enqueue(0, 0, 1, 0, 4), dequeue(1, 1, 1, 2, 6)]],
    ['a dequeue concurrent with the only enqueue may find the queue empty', [enqueue(0, 0, 1, 0, 10), dequeue(1, 1, null, 2, 3), dequeue(2, 1, 1, 11, 12)]],
    // A enqueues x, B enqueues y concurrently, A's dequeue after its own enqueue gets y, B then gets x.
    ['A: enq(x) deq()->y, B: enq(y) deq()->x with the enqueues overlapping', [enqueue(0, 0, 1, 0, 3), enqueue(1, 1, 2, 1, 5), dequeue(2, 0, 2, 4, 8), dequeue(3, 1, 1, 9, 10)]],
    ['a pending enqueue dequeued later', [enqueue(0, 0, 1, 0), dequeue(1, 1, 1, 5, 6), dequeue(2, 1, null, 7, 8)]],
  ];
  it.each(linearizable)('%s', (_name, history) => {
    const result = checkLinearizability(spec, history);
    expect(result.ok).toBe(true);
    if (result.ok === true) expect(whyNotALinearization(spec, history, result.linearizations[0]?.order ?? [])).toBeUndefined();
  });
});

describe('a FIFO queue history is not linearizable', () => {
  const spec = fifoQueueSpec();
  const notLinearizable: [string, QueueOperation[]][] = [
    ['A: enq(x) completes before B: enq(y) starts, yet the first dequeue gets y', [enqueue(0, 0, 1, 0, 1), enqueue(1, 1, 2, 2, 3), dequeue(2, 0, 2, 4, 5)]],
    ['two dequeues get the one value enqueued', [enqueue(0, 0, 1, 0, 1), dequeue(1, 1, 1, 2, 4), dequeue(2, 2, 1, 3, 5)]],
    ['the queue looks empty after an enqueue returned', [enqueue(0, 0, 1, 0, 1), dequeue(1, 1, null, 2, 3)]],
    ['a dequeue returns a value before anyone enqueued it', [dequeue(0, 0, 1, 0, 1), enqueue(1, 1, 1, 2, 3)]],
    ['a dequeue returns a value nobody enqueued', [enqueue(0, 0, 1, 0, 1), dequeue(1, 1, 3, 2, 3)]],
  ];
  it.each(notLinearizable)('%s', (_name, history) => {
    expect(checkLinearizability(spec, history).ok).toBe(false);
  });
});
