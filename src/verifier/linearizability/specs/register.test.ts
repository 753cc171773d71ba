import { describe, expect, it } from 'vitest';
import { checkLinearizability } from '../check-linearizability';
import type { Operation } from '../history';
import { whyNotALinearization } from '../why-not-a-linearization';
import { registerSpec, type RegisterInput, type RegisterOutput, type RegisterValue } from './register';

type RegisterOperation = Operation<RegisterInput, RegisterOutput>;

const write = (id: number, client: number, value: number, call: number, returned?: number): RegisterOperation =>
  returned === undefined ? { id, client, input: { op: 'write', value }, call } : { id, client, input: { op: 'write', value }, output: { op: 'write' }, call, return: returned };
const read = (id: number, client: number, value: RegisterValue, call: number, returned: number): RegisterOperation => ({ id, client, input: { op: 'read' }, output: { op: 'read', value }, call, return: returned });
const cas = (id: number, client: number, from: number, to: number, swapped: boolean, call: number, returned: number): RegisterOperation => ({
  id,
  client,
  input: { op: 'cas', from, to },
  output: { op: 'cas', swapped },
  call,
  return: returned,
});


describe('a register history is linearizable', () => {
  const spec = registerSpec();
  const linearizable: [string, RegisterOperation[]][] = [
    // Porcupine TestRegisterModel, from MIT 6.824 2017 quiz 2, section VII.
    ['a read overlapping the write sees the new value, another the old one (Porcupine, 6.824)', [write(0, 0, 100, 0, 100), read(1, 1, 100, 25, 75), read(2, 2, 0, 30, 60)]],
    // Porcupine TestZeroDuration: touching and zero-length intervals are concurrent.
    ['zero-length reads inside a write (Porcupine TestZeroDuration)', [write(0, 0, 100, 0, 100), read(1, 1, 100, 25, 75), read(2, 2, 0, 30, 30), read(3, 3, 0, 30, 30)]],
    ['old value, then new value, while the write is in flight', [write(0, 0, 1, 0, 10), read(1, 1, 0, 1, 2), read(2, 1, 1, 3, 4)]],
    ['a pending write that took effect explains a later read', [write(0, 0, 1, 0), read(1, 1, 1, 5, 6)]],
    ['a pending write that never took effect', [write(0, 0, 1, 0), read(1, 1, 0, 5, 6), read(2, 1, 0, 7, 8)]],
    ['of two concurrent cas from 0, one swaps and one fails', [cas(0, 0, 0, 1, true, 0, 5), cas(1, 1, 0, 2, false, 1, 6), read(2, 0, 1, 7, 8)]],
  ];
  it.each(linearizable)('%s', (_name, history) => {
    const result = checkLinearizability(spec, history);
    expect(result.ok).toBe(true);
    if (result.ok !== true) return;
    for (const { order } of result.linearizations) expect(whyNotALinearization(spec, history, order)).toBeUndefined();
  });
});

describe('a register history is not linearizable', () => {
  const spec = registerSpec();
  const notLinearizable: [string, RegisterOperation[], string][] = [
    // Porcupine TestRegisterModel, 6.824: a read saw 200, a later read (called after) sees 0 again.
    ['a later read goes back to the old value (Porcupine, 6.824)', [write(0, 0, 200, 0, 100), read(1, 1, 200, 10, 30), read(2, 2, 0, 40, 90)], '#2'],
    ['the same with zero-length reads (Porcupine TestZeroDuration)', [write(0, 0, 200, 0, 100), read(1, 1, 200, 10, 10), read(2, 2, 200, 10, 10), read(3, 3, 0, 40, 90)], '#3'],
    // Lamport 1986, "On interprocess communication": a regular register allows this, an atomic one does not.
    ['new-old inversion: a read after a read of the new value returns the old one', [write(0, 0, 1, 0, 10), read(1, 1, 1, 1, 2), read(2, 2, 0, 3, 4)], '#2'],
    ['a stale read after the write returned', [write(0, 0, 1, 0, 1), read(1, 1, 0, 2, 3)], '#1'],
    ['a read of a value nobody wrote', [write(0, 0, 1, 0, 1), read(1, 1, 7, 2, 3)], '#1'],
    ['two concurrent cas from 0 both swap', [cas(0, 0, 0, 1, true, 0, 5), cas(1, 1, 0, 2, true, 1, 6)], '#1'],
    ['a pending write takes effect at most once', [write(0, 0, 1, 0), read(1, 1, 1, 2, 3), write(2, 2, 2, 4, 5), read(3, 1, 1, 6, 7)], '#3'],
  ];
  it.each(notLinearizable)('%s', (_name, history, culprit) => {
    const result = checkLinearizability(spec, history);
    expect(result.ok).toBe(false);
    if (result.ok === false) expect(result.explanation).toContain(`No order explains the answer of ${culprit} `);
  });
});
