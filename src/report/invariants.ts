import type { Category } from '../../properties/catalog';

/**
 * Every invariant of DESIGN.md with its category and whether it is critical: a failure is
 * triaged by the invariant it broke, whichever property's run found it (an O1 found by the
 * monitoring property is a data-integrity failure). Critical: a broken one means lost or
 * duplicated orders, wrong balances, leaked secrets or orders where they must never go.
 */
const INVARIANTS: Readonly<Record<string, { category: Category; critical: boolean }>> = {
  O1: { category: 'data integrity', critical: true },
  O2: { category: 'data integrity', critical: true },
  O3: { category: 'data integrity', critical: true },
  O4: { category: 'data integrity', critical: true },
  O5: { category: 'data integrity', critical: true },
  O6: { category: 'data integrity', critical: true },
  L1: { category: 'data integrity', critical: true },
  L2: { category: 'data integrity', critical: true },
  L3: { category: 'data integrity', critical: true },
  D1: { category: 'data integrity', critical: true },
  D2: { category: 'data integrity', critical: true },
  D3: { category: 'data integrity', critical: true },
  R1: { category: 'rate limiting', critical: true },
  R2: { category: 'rate limiting', critical: false },
  R3: { category: 'rate limiting', critical: false },
  R4: { category: 'rate limiting', critical: false },
  C1: { category: 'connection resilience', critical: true },
  C2: { category: 'connection resilience', critical: false },
  C3: { category: 'connection resilience', critical: false },
  C4: { category: 'connection resilience', critical: true },
  S1: { category: 'security', critical: true },
  S2: { category: 'security', critical: true },
  S3: { category: 'security', critical: false },
  S4: { category: 'security', critical: true },
  K1: { category: 'configuration', critical: false },
  K2: { category: 'configuration', critical: false },
  M1: { category: 'monitoring', critical: false },
  M2: { category: 'monitoring', critical: false },
  E1: { category: 'error handling', critical: true },
  P1: { category: 'performance', critical: false },
  P2: { category: 'performance', critical: false },
  X1: { category: 'data integrity', critical: true },
  X2: { category: 'data integrity', critical: true },
  X3: { category: 'data integrity', critical: true },
};

export interface ViolatedInvariant {
  invariant: string;
  category: Category;
  critical: boolean;
}

/** The invariant a failure message leads with ("O1 violated: ..."), if it names a known one. */
export function violatedInvariant(message: string): ViolatedInvariant | undefined {
  const id = /^([A-Z]\d+) violated: /.exec(message)?.[1];
  const known = id === undefined ? undefined : INVARIANTS[id];
  return id === undefined || known === undefined ? undefined : { invariant: id, ...known };
}
