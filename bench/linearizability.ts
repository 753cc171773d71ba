/**
 * The linearizability checker's time by history size (issue 13: 1,000 operations under 1 s).
 *
 * Histories are linearizable by construction (src/verifier/linearizability/stretch-into-history.ts):
 * a seeded random sequential run, each operation stretched to an interval of up to 40 units either
 * side of its point, points 10 apart, so about 8 operations are in flight at once, spread over as
 * many clients as that takes. A linearizable history is the checker's full cost: it must find a
 * whole linearization of every part, where a violation can stop at the first part that fails.
 * - `order lifecycle`: the trading workload, one order per 20 operations, partitioned by client
 *   order id (place, fetch, cancel from clients; fills and expiries from the venue).
 * - `key-value, 4 keys`: Porcupine's kv, partitioned by key, so each part holds a quarter of the
 *   history: the figure for large parts.
 * - `register, one part`: read, write and cas on one register, nothing to partition: the whole
 *   history is one search, the hardest of the three.
 */
import { RandomSource, type RandomStream } from '../src/clock/random';
import {
  checkLinearizability,
  keyValueSpec,
  orderLifecycleSpec,
  performOnKeyValue,
  performOnOrder,
  performOnRegister,
  registerSpec,
  runSequentially,
  stretchIntoHistory,
  type KeyValueInput,
  type KeyValueOutput,
  type KeyValueState,
  type Operation,
  type OrderLifecycleInput,
  type OrderLifecycleOutput,
  type OrderLifecycleState,
  type RegisterInput,
  type RegisterOutput,
  type RegisterValue,
  type SequentialSpecification,
  type Stretch,
} from '../src/verifier/linearizability';
import { spreadOf, type Spread } from './stats';

export const LINEARIZABILITY_SIZES = [10, 100, 1_000, 10_000] as const;
/** Issue 13's target: a history of 1,000 operations checked in under a second. */
export const LINEARIZABILITY_TARGET_MS_AT_1000 = 1_000;

export interface LinearizabilityOptions {
  sizes?: readonly number[];
  /** Timed checks per size and workload (a new history each, same seed every bench run); the median is reported. */
  repetitions?: number;
  seed?: string;
}

export interface LinearizabilityFigure {
  workload: string;
  operations: number;
  parts: number;
  /** Clients the stretching needed, one call at a time each. */
  clients: number;
  /** Median wall milliseconds of one check. */
  ms: number;
  msSpread: Spread;
  /** Operations the search tried, median. */
  steps: number;
}

interface Workload<S, I, O> {
  name: string;
  spec: SequentialSpecification<S, I, O>;
  history(operations: number, random: RandomStream): Operation<I, O>[];
}

function stretches(count: number, random: RandomStream): Stretch[] {
  return Array.from({ length: count }, () => ({ before: random.int(0, 40), after: random.int(0, 40) }));
}

function orderInputs(count: number, orders: number, random: RandomStream): OrderLifecycleInput[] {
  return Array.from({ length: count }, (): OrderLifecycleInput => {
    const clientOrderId = `c-${random.int(1, orders)}`;
    const roll = random.int(0, 99);
    if (roll < 15) return { op: 'place', clientOrderId, amount: '1' };
    if (roll < 45) return { op: 'fill', clientOrderId, quantity: random.pick(['0.1', '0.25', '0.5']) };
    if (roll < 85) return { op: 'fetch', clientOrderId };
    return roll < 97 ? { op: 'cancel', clientOrderId } : { op: 'expire', clientOrderId };
  });
}

const orderLifecycle: Workload<OrderLifecycleState, OrderLifecycleInput, OrderLifecycleOutput> = {
  name: 'order lifecycle',
  spec: orderLifecycleSpec(),
  history(operations, random) {
    const orders = Math.max(1, Math.round(operations / 20));
    const run = (inputs: readonly OrderLifecycleInput[]) => runSequentially(this.spec.init(), performOnOrder, inputs, (input) => input.clientOrderId);
    // The venue's events that cannot happen where they fall (a fill of a canceled order) are
    // skipped, so draw more inputs until the run has enough operations.
    let inputs = orderInputs(2 * operations, orders, random);
    let steps = run(inputs);
    while (steps.length < operations) {
      inputs = [...inputs, ...orderInputs(operations, orders, random)];
      steps = run(inputs);
    }
    return stretchIntoHistory(steps.slice(0, operations), stretches(operations, random), 10);
  },
};

const keyValue: Workload<KeyValueState, KeyValueInput, KeyValueOutput> = {
  name: 'key-value, 4 keys',
  spec: keyValueSpec(),
  history(operations, random) {
    const inputs = Array.from({ length: operations }, (): KeyValueInput => {
      const key = random.pick(['k0', 'k1', 'k2', 'k3']);
      const roll = random.int(0, 9);
      if (roll < 5) return { op: 'get', key };
      return roll < 8 ? { op: 'append', key, value: random.token(1) } : { op: 'put', key, value: random.token(2) };
    });
    return stretchIntoHistory(runSequentially(this.spec.init(), performOnKeyValue, inputs), stretches(operations, random), 10);
  },
};

const register: Workload<RegisterValue, RegisterInput, RegisterOutput> = {
  name: 'register, one part',
  spec: registerSpec(),
  history(operations, random) {
    const inputs = Array.from({ length: operations }, (): RegisterInput => {
      const roll = random.int(0, 9);
      if (roll < 5) return { op: 'read' };
      return roll < 8 ? { op: 'write', value: random.int(0, 9) } : { op: 'cas', from: random.int(0, 9), to: random.int(0, 9) };
    });
    return stretchIntoHistory(runSequentially(this.spec.init(), performOnRegister, inputs), stretches(operations, random), 10);
  },
};

function measureWorkload<S, I, O>(workload: Workload<S, I, O>, sizes: readonly number[], repetitions: number, random: RandomStream): LinearizabilityFigure[] {
  return sizes.map((operations) => {
    const samples: { ms: number; steps: number }[] = [];
    let parts = 0;
    let clients = 0;
    for (let repetition = 0; repetition < repetitions; repetition += 1) {
      const history = workload.history(operations, random);
      const start = process.hrtime.bigint();
      const result = checkLinearizability(workload.spec, history);
      const ms = Number(process.hrtime.bigint() - start) / 1e6;
      if (result.ok !== true) throw new Error(`${workload.name}, ${operations} operations: a linearizable-by-construction history was judged ${String(result.ok)}`);
      samples.push({ ms, steps: result.steps });
      parts = result.parts;
      clients = new Set(history.map((operation) => operation.client)).size;
    }
    const msSpread = spreadOf(samples.map((sample) => sample.ms));
    return { workload: workload.name, operations, parts, clients, ms: msSpread.median, msSpread, steps: spreadOf(samples.map((sample) => sample.steps)).median };
  });
}

export function measureLinearizability(options: LinearizabilityOptions = {}): LinearizabilityFigure[] {
  const sizes = options.sizes ?? LINEARIZABILITY_SIZES;
  const repetitions = options.repetitions ?? 5;
  const source = new RandomSource(options.seed ?? 'bench-linearizability');
  // Warm-up: the first checks run before the JIT has compiled the search and the specifications.
  measureWorkload(orderLifecycle, [1_000], 2, source.stream('warm-up'));
  measureWorkload(keyValue, [1_000], 2, source.stream('warm-up'));
  measureWorkload(register, [1_000], 2, source.stream('warm-up'));
  return [
    ...measureWorkload(orderLifecycle, sizes, repetitions, source.stream(orderLifecycle.name)),
    ...measureWorkload(keyValue, sizes, repetitions, source.stream(keyValue.name)),
    ...measureWorkload(register, sizes, repetitions, source.stream(register.name)),
  ];
}
