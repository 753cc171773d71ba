import { describe, expect, it } from 'vitest';
import { checkLinearizability } from '../check-linearizability';
import type { Operation } from '../history';
import { whyNotALinearization } from '../why-not-a-linearization';
import { keyValueSpec, type KeyValueInput, type KeyValueOutput } from './key-value';

type KeyValueOperation = Operation<KeyValueInput, KeyValueOutput>;

const append = (id: number, client: number, key: string, value: string, call: number, returned: number): KeyValueOperation => ({
  id,
  client,
  input: { op: 'append', key, value },
  output: { op: 'append' },
  call,
  return: returned,
});
const get = (id: number, client: number, key: string, value: string, call: number, returned: number): KeyValueOperation => ({ id, client, input: { op: 'get', key }, output: { op: 'get', value }, call, return: returned });

describe('concurrent appends', () => {
  const spec = keyValueSpec();
  it.each(['ab', 'ba'])('two overlapping appends may land in either order: get -> %s', (seen) => {
    expect(checkLinearizability(spec, [append(0, 0, 'x', 'a', 0, 5), append(1, 1, 'x', 'b', 1, 6), get(2, 0, 'x', seen, 7, 8)]).ok).toBe(true);
  });

  it('an append that returned is never lost', () => {
    const result = checkLinearizability(spec, [append(0, 0, 'x', 'a', 0, 1), append(1, 1, 'x', 'b', 2, 3), get(2, 0, 'x', 'b', 4, 5), get(3, 0, 'y', '', 4, 5)]);
    expect(result.ok).toBe(false);
    if (result.ok === false) expect(result.failingParts).toEqual(['key "x"']);
  });
});
