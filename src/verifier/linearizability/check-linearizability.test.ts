import { describe, expect, it } from 'vitest';
import { UsageError } from '../../domain/errors';
import { checkLinearizability } from './check-linearizability';
import type { Operation } from './history';
import { registerSpec, type RegisterInput, type RegisterOutput } from './specs/register';

type RegisterOperation = Operation<RegisterInput, RegisterOutput>;

const write = (id: number, value: number, call: number, returned: number): RegisterOperation => ({ id, client: id, input: { op: 'write', value }, output: { op: 'write' }, call, return: returned });
const read = (id: number, value: number, call: number, returned: number): RegisterOperation => ({ id, client: id, input: { op: 'read' }, output: { op: 'read', value }, call, return: returned });

describe('checkLinearizability', () => {
  const spec = registerSpec();

  it('finds the empty history linearizable', () => {
    expect(checkLinearizability(spec, [])).toEqual({ ok: true, parts: 1, steps: 0, linearizations: [{ part: 'the history', order: [] }] });
  });

  it('answers unknown, not a hang, when the budget runs out', () => {
    // 20 concurrent writes, then a read of a value none wrote: every subset of writes leads
    // somewhere new, so the search must try about 2^20 of them before it can say no.
    const writes = Array.from({ length: 20 }, (_, i) => write(i, i + 1, 0, 100));
    const result = checkLinearizability(spec, [...writes, read(20, 99, 200, 201)], { maxSteps: 20_000 });
    expect(result).toMatchObject({ ok: 'unknown', undecidedParts: ['the history'] });
    expect(result.steps).toBe(20_000);
    if (result.ok === 'unknown') expect(result.explanation).toContain('no verdict within 20000 steps on the history (21 operations)');
  });

  it('bounds the failure report separately, and says when it ran out before the smallest set', () => {
    const history = [write(0, 1, 0, 10), read(1, 1, 1, 2), read(2, 0, 3, 4), ...Array.from({ length: 30 }, (_, i) => read(3 + i, 0, -100 + 2 * i, -99 + 2 * i))];
    const bounded = checkLinearizability(spec, history, { explainSteps: 50 });
    if (bounded.ok !== false) throw new Error('new-old inversion is not linearizable');
    expect(bounded.violation.shrunkToTheEnd).toBe(false);
    expect(bounded.explanation).toContain('Failing set, partly shrunk (out of steps) to');
    const full = checkLinearizability(spec, history);
    if (full.ok !== false) throw new Error('new-old inversion is not linearizable');
    expect(full.violation.shrunkToTheEnd).toBe(true);
    expect(full.violation.operations.map((operation) => operation.id)).toEqual([0, 1, 2]);
  });

  it('refuses a history it cannot judge with a typed error', () => {
    expect(() => checkLinearizability(spec, [write(0, 1, 5, 4)])).toThrow(UsageError);
    expect(() => checkLinearizability(spec, [write(0, 1, 0, 1), read(0, 1, 2, 3)])).toThrow(/two operations have id 0/);
    expect(() => checkLinearizability(spec, [write(0, 1, Number.NaN, 1)])).toThrow(/times must be finite/);
  });
});

describe('the failure report', () => {
  const spec = registerSpec();

  it('keeps the write a stale read needs, not just the read against the initial value', () => {
    // Porcupine's etcd 022 in small: 4 and 3 written concurrently, a failed cas(3, 0) shows 4
    // landed last, and a read long after returns 3.
    const history: RegisterOperation[] = [
      write(0, 4, 1, 5),
      write(1, 3, 2, 7),
      { id: 2, client: 2, input: { op: 'cas', from: 3, to: 0 }, output: { op: 'cas', swapped: false }, call: 14, return: 15 },
      read(3, 4, 20, 21),
      read(4, 3, 41, 43),
      write(5, 9, 50, 51),
    ];
    const result = checkLinearizability(spec, history);
    if (result.ok !== false) throw new Error('a read of 3 after the cas showed 4 is not linearizable');
    expect(result.violation.culprit.id).toBe(4);
    expect(result.violation.operations.map((operation) => operation.id)).toEqual([0, 1, 2, 4]);
    expect(result.violation.stuck.map(({ operation, why }) => [operation.id, why])).toEqual([[4, 'the register holds 4']]);
  });

  it('reduces an answer nothing can explain to that one operation', () => {
    const history = [write(0, 1, 0, 1), read(1, 1, 2, 3), write(2, 2, 4, 5), read(3, 7, 6, 7), read(4, 2, 8, 9)];
    const result = checkLinearizability(spec, history);
    if (result.ok !== false) throw new Error('nobody wrote 7');
    expect(result.violation.operations.map((operation) => operation.id)).toEqual([3]);
    expect(result.explanation).toContain('No operation can go first from the register holding 0:\n  #3 read() -> 7: the register holds 0');
  });
});
