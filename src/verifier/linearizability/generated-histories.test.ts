import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { checkLinearizability } from './check-linearizability';
import { asPending, isPending, type Operation } from './history';
import type { SequentialSpecification } from './specification';
import { fifoQueueSpec, performOnQueue, type QueueInput, type QueueOutput, type QueueState } from './specs/fifo-queue';
import { keyValueSpec, performOnKeyValue, type KeyValueInput, type KeyValueOutput, type KeyValueState } from './specs/key-value';
import { orderLifecycleSpec, performOnOrder, type OrderLifecycleInput, type OrderLifecycleOutput, type OrderLifecycleState } from './specs/order-lifecycle';
import { performOnRegister, registerSpec, type RegisterInput, type RegisterOutput, type RegisterValue } from './specs/register';
import { runSequentially, stretchIntoHistory, type Perform, type Stretch } from './stretch-into-history';
import { whyNotALinearization } from './why-not-a-linearization';

/**
 * One specification's generator: inputs to run sequentially, and for the mutation property an
 * answer no state of the specification can give to an observing operation.
 */
interface Workload<S, I, O> {
  name: string;
  spec: SequentialSpecification<S, I, O>;
  perform: Perform<S, I, O>;
  input: fc.Arbitrary<I>;
  /** The part an input belongs to, for a partitioned specification whose state is one part's. */
  partOf?: (input: I) => string;
  /** The impossible answer for an operation that observes the state, undefined for one that does not. */
  impossibleAnswer(input: I): O | undefined;
}

const small = fc.integer({ min: 0, max: 9 });

const register: Workload<RegisterValue, RegisterInput, RegisterOutput> = {
  name: 'register',
  spec: registerSpec(),
  perform: performOnRegister,
  input: fc.oneof(fc.constant<RegisterInput>({ op: 'read' }), small.map<RegisterInput>((value) => ({ op: 'write', value })), fc.tuple(small, small).map<RegisterInput>(([from, to]) => ({ op: 'cas', from, to }))),
  // Writes and cas targets stay below 10: no state ever holds 1000.
  impossibleAnswer: (input) => (input.op === 'read' ? { op: 'read', value: 1000 } : undefined),
};

const queue: Workload<QueueState, QueueInput, QueueOutput> = {
  name: 'FIFO queue',
  spec: fifoQueueSpec(),
  perform: performOnQueue,
  input: fc.oneof(small.map<QueueInput>((value) => ({ op: 'enqueue', value })), fc.constant<QueueInput>({ op: 'dequeue' })),
  impossibleAnswer: (input) => (input.op === 'dequeue' ? { op: 'dequeue', value: 1000 } : undefined),
};

const keys = fc.constantFrom('x', 'y', 'z');
const letters = fc.constantFrom('a', 'b', 'c');
const keyValue: Workload<KeyValueState, KeyValueInput, KeyValueOutput> = {
  name: 'key-value store',
  spec: keyValueSpec(),
  perform: performOnKeyValue,
  input: fc.oneof(
    keys.map<KeyValueInput>((key) => ({ op: 'get', key })),
    fc.tuple(keys, letters).map<KeyValueInput>(([key, value]) => ({ op: 'put', key, value })),
    fc.tuple(keys, letters).map<KeyValueInput>(([key, value]) => ({ op: 'append', key, value })),
  ),
  // Values are made of a, b and c only.
  impossibleAnswer: (input) => (input.op === 'get' ? { op: 'get', value: '!' } : undefined),
};

const orderIds = fc.constantFrom('c-1', 'c-2', 'c-3');
const order: Workload<OrderLifecycleState, OrderLifecycleInput, OrderLifecycleOutput> = {
  name: 'order lifecycle',
  spec: orderLifecycleSpec(),
  perform: performOnOrder,
  partOf: (input) => input.clientOrderId,
  input: fc.oneof(
    orderIds.map<OrderLifecycleInput>((clientOrderId) => ({ op: 'place', clientOrderId, amount: '1' })),
    orderIds.map<OrderLifecycleInput>((clientOrderId) => ({ op: 'cancel', clientOrderId })),
    orderIds.map<OrderLifecycleInput>((clientOrderId) => ({ op: 'fetch', clientOrderId })),
    fc.tuple(orderIds, fc.constantFrom('0.25', '0.5', '1')).map<OrderLifecycleInput>(([clientOrderId, quantity]) => ({ op: 'fill', clientOrderId, quantity })),
    orderIds.map<OrderLifecycleInput>((clientOrderId) => ({ op: 'expire', clientOrderId })),
  ),
  // Every order's amount is 1: nothing is ever filled 7.
  impossibleAnswer: (input) => (input.op === 'fetch' ? { op: 'fetch', found: true, status: 'partially_filled', filled: '7' } : undefined),
};

/** Operation k's interval reaches up to 40 units either side of its point, points 10 apart: up to about 8 in flight. */
const completed: fc.Arbitrary<Stretch> = fc.record({ before: fc.integer({ min: 0, max: 40 }), after: fc.integer({ min: 0, max: 40 }) });
/** The same with one operation in ten left pending (its client timed out). */
const someTimedOut: fc.Arbitrary<Stretch> = fc.record({ before: fc.integer({ min: 0, max: 40 }), after: fc.integer({ min: 0, max: 40 }), pending: fc.nat(9).map((n) => n === 0) });

function generatedHistory<S, I, O>(workload: Workload<S, I, O>, stretches: fc.Arbitrary<Stretch>): fc.Arbitrary<Operation<I, O>[]> {
  return fc
    .tuple(fc.array(workload.input, { minLength: 1, maxLength: 60 }), fc.array(stretches, { minLength: 60, maxLength: 60 }))
    .map(([inputs, intervals]) => stretchIntoHistory(runSequentially(workload.spec.init(), workload.perform, inputs, workload.partOf), intervals, 10));
}

function describeWorkload<S, I, O>(workload: Workload<S, I, O>): void {
  describe(workload.name, () => {
    test.prop([generatedHistory(workload, someTimedOut)], { numRuns: 100 })('a sequential run stretched into overlapping intervals is linearizable, with a witness that checks out', (history) => {
      const result = checkLinearizability(workload.spec, history);
      expect(result.ok).toBe(true);
      if (result.ok !== true) return;
      for (const { part, order: witness } of result.linearizations) {
        const operations = workload.spec.partition === undefined ? history : history.filter((operation) => partOf(workload, operation) === part);
        expect(whyNotALinearization(workload.spec, operations, witness)).toBeUndefined();
      }
    });

    test.prop([generatedHistory(workload, completed), fc.nat()], { numRuns: 100 })(
      'one answer no state can give makes it not linearizable, and the report names that operation alone',
      (history, pick) => {
        const observers = history.filter((operation) => !isPending(operation) && workload.impossibleAnswer(operation.input) !== undefined);
        fc.pre(observers.length > 0);
        const target = observers[pick % observers.length];
        if (target === undefined) return;
        const mutated = history.map((operation) => {
          const answer = workload.impossibleAnswer(operation.input);
          return operation === target && answer !== undefined && !isPending(operation) ? { ...operation, output: answer } : operation;
        });
        const result = checkLinearizability(workload.spec, mutated);
        if (result.ok !== false) throw new Error(`expected a violation, got ${String(result.ok)}`);
        expect(result.violation.culprit.id).toBe(target.id);
        expect(result.violation.operations.map((operation) => operation.id)).toEqual([target.id]);
      },
    );

    test.prop([generatedHistory(workload, completed), fc.nat(), fc.nat()], { numRuns: 100 })(
      'the failing set reported fails on its own, and only because of its culprit',
      (history, pick, answerPick) => {
        // Swap one observer's answer for another observer's: often possible, sometimes not.
        const observers = history.filter((operation) => !isPending(operation) && workload.impossibleAnswer(operation.input) !== undefined);
        fc.pre(observers.length > 1);
        const target = observers[pick % observers.length];
        const donor = observers[answerPick % observers.length];
        if (target === undefined || donor === undefined || isPending(donor)) return;
        const mutated = history.map((operation) => (operation === target && !isPending(operation) ? { ...operation, output: donor.output } : operation));
        const result = checkLinearizability(workload.spec, mutated);
        fc.pre(result.ok === false);
        if (result.ok !== false) return;
        const { operations, culprit } = result.violation;
        expect(checkLinearizability(workload.spec, operations).ok).toBe(false);
        expect(checkLinearizability(workload.spec, operations.map((operation) => (operation.id === culprit.id ? asPending(operation) : operation))).ok).toBe(true);
      },
    );
  });
}

function partOf<S, I, O>(workload: Workload<S, I, O>, operation: Operation<I, O>): string | undefined {
  return workload.spec.partition?.([operation])[0]?.label;
}

describeWorkload(register);
describeWorkload(queue);
describeWorkload(keyValue);
describeWorkload(order);

describe('P-compositionality', () => {
  const unpartitioned = keyValueSpec({ partitionByKey: false });
  test.prop([generatedHistory(keyValue, completed), fc.nat(), fc.nat()], { numRuns: 100 })('checking key by key gives the verdict of checking the whole map', (history, pick, answerPick) => {
    const observers = history.filter((operation) => !isPending(operation) && operation.input.op === 'get');
    const target = observers[pick % Math.max(1, observers.length)];
    const donor = observers[answerPick % Math.max(1, observers.length)];
    const mutated = history.map((operation) => (operation === target && donor !== undefined && !isPending(operation) && !isPending(donor) && donor.output.op === 'get' ? { ...operation, output: { op: 'get' as const, value: donor.output.value } } : operation));
    expect(checkLinearizability(keyValue.spec, mutated).ok).toBe(checkLinearizability(unpartitioned, mutated).ok);
  });
});
