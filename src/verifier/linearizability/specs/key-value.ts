/**
 * Porcupine's key-value store: get(k), put(k, v) and append(k, v) on strings, a missing key
 * reading as "". Partitioned by key by default (each key is its own register of strings);
 * `partitionByKey: false` checks the whole map as one object, as Porcupine's kvNoPartitionModel
 * does, which is slower and exists to test that partitioning changes no verdict.
 */
import { partitionBy, type SequentialSpecification } from '../specification';

export type KeyValueInput =
  | { readonly op: 'get'; readonly key: string }
  | { readonly op: 'put'; readonly key: string; readonly value: string }
  | { readonly op: 'append'; readonly key: string; readonly value: string };
export type KeyValueOutput = { readonly op: 'get'; readonly value: string } | { readonly op: 'put' } | { readonly op: 'append' };
export type KeyValueState = ReadonlyMap<string, string>;

export function performOnKeyValue(state: KeyValueState, input: KeyValueInput): { output: KeyValueOutput; next: KeyValueState } {
  const current = state.get(input.key) ?? '';
  switch (input.op) {
    case 'get':
      return { output: { op: 'get', value: current }, next: state };
    case 'put':
      return { output: { op: 'put' }, next: new Map(state).set(input.key, input.value) };
    case 'append':
      return { output: { op: 'append' }, next: new Map(state).set(input.key, current + input.value) };
  }
}

export function keyValueSpec(options: { partitionByKey?: boolean } = {}): SequentialSpecification<KeyValueState, KeyValueInput, KeyValueOutput> {
  return {
    name: 'key-value store',
    init: () => new Map(),
    step(state, input, output) {
      const expected = performOnKeyValue(state, input);
      if (output === undefined) return { ok: true, next: expected.next };
      if (output.op !== input.op) return { ok: false, why: `a ${input.op} cannot answer like a ${output.op}` };
      if (output.op === 'get' && expected.output.op === 'get' && output.value !== expected.output.value) {
        return { ok: false, why: `key ${JSON.stringify(input.key)} holds ${JSON.stringify(expected.output.value)}` };
      }
      return { ok: true, next: expected.next };
    },
    // Sorted, and empty values dropped, so equal maps have one key whatever their history.
    key: (state) => JSON.stringify([...state].filter(([, value]) => value !== '').sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))),
    partition: options.partitionByKey === false ? undefined : partitionBy((input) => input.key, (key) => `key ${JSON.stringify(key)}`),
    describeOperation(input, output) {
      switch (input.op) {
        case 'get':
          return `get(${JSON.stringify(input.key)}) -> ${output?.op === 'get' ? JSON.stringify(output.value) : '?'}`;
        case 'put':
          return `put(${JSON.stringify(input.key)}, ${JSON.stringify(input.value)})`;
        case 'append':
          return `append(${JSON.stringify(input.key)}, ${JSON.stringify(input.value)})`;
      }
    },
    describeState: (state) => {
      const entries = [...state].filter(([, value]) => value !== '');
      return entries.length === 0 ? 'every key empty' : entries.map(([key, value]) => `${JSON.stringify(key)} = ${JSON.stringify(value)}`).join(', ');
    },
  };
}
