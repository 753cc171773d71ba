/**
 * A read/write register with compare-and-set: Porcupine's register model (put/get, starting at
 * 0) and its etcd model (read, write, cas, starting at nil) in one. `null` is nil, a register
 * nothing was written to yet.
 */
import type { SequentialSpecification } from '../specification';

export type RegisterValue = number | null;
export type RegisterInput = { readonly op: 'read' } | { readonly op: 'write'; readonly value: number } | { readonly op: 'cas'; readonly from: number; readonly to: number };
export type RegisterOutput = { readonly op: 'read'; readonly value: RegisterValue } | { readonly op: 'write' } | { readonly op: 'cas'; readonly swapped: boolean };

const show = (value: RegisterValue): string => (value === null ? 'nil' : String(value));

/** What the operation answers and leaves, run alone on `state`: generates histories that must pass. */
export function performOnRegister(state: RegisterValue, input: RegisterInput): { output: RegisterOutput; next: RegisterValue } {
  switch (input.op) {
    case 'read':
      return { output: { op: 'read', value: state }, next: state };
    case 'write':
      return { output: { op: 'write' }, next: input.value };
    case 'cas':
      return state === input.from ? { output: { op: 'cas', swapped: true }, next: input.to } : { output: { op: 'cas', swapped: false }, next: state };
  }
}

export function registerSpec(options: { initial?: RegisterValue } = {}): SequentialSpecification<RegisterValue, RegisterInput, RegisterOutput> {
  const initial = options.initial === undefined ? 0 : options.initial;
  return {
    name: 'register',
    init: () => initial,
    step(state, input, output) {
      const expected = performOnRegister(state, input);
      if (output === undefined) return { ok: true, next: expected.next };
      if (output.op !== input.op) return { ok: false, why: `a ${input.op} cannot answer like a ${output.op}` };
      if (output.op === 'read' && output.value !== state) return { ok: false, why: `the register holds ${show(state)}` };
      if (output.op === 'cas' && expected.output.op === 'cas' && output.swapped !== expected.output.swapped) {
        return { ok: false, why: `the register holds ${show(state)}, so the cas ${expected.output.swapped ? 'swaps' : 'fails'}` };
      }
      return { ok: true, next: expected.next };
    },
    key: (state) => show(state),
    describeOperation(input, output) {
      switch (input.op) {
        case 'read':
          return `read() -> ${output?.op === 'read' ? show(output.value) : '?'}`;
        case 'write':
          return `write(${input.value})`;
        case 'cas':
          return `cas(${input.from}, ${input.to}) -> ${output?.op === 'cas' ? (output.swapped ? 'ok' : 'fail') : '?'}`;
      }
    },
    describeState: (state) => `the register holding ${show(state)}`,
  };
}
