import type { Category } from '../../properties/catalog';

export interface InvariantInfo {
  category: Category;
  critical: boolean;
  /** DESIGN.md's wording, for the checklist and anything else a person reads. */
  description: string;
}

/**
 * Every invariant of DESIGN.md with its category, whether it is critical, and its wording: a
 * failure is triaged by the invariant it broke, whichever property's run found it (an O1 found
 * by the monitoring property is a data-integrity failure). Critical: a broken one means lost or
 * duplicated orders, wrong balances, leaked secrets or orders where they must never go.
 */
export const INVARIANTS: Readonly<Record<string, InvariantInfo>> = {
  O1: {
    category: 'data integrity',
    critical: true,
    description: "after every command, each order's status, filled, remaining, average price and fees in the adapter equal the model's",
  },
  O2: {
    category: 'data integrity',
    critical: true,
    description: 'transitions follow the order machine: terminal states absorb, filled never decreases, filled <= amount, remaining = amount - filled',
  },
  O3: { category: 'data integrity', critical: true, description: 'after reconciliation every order the adapter knows exists at the venue and vice versa' },
  O4: { category: 'data integrity', critical: true, description: 'exactly once: one intent yields at most one venue order, whatever timeouts and retries happened' },
  O5: { category: 'data integrity', critical: true, description: 'a fill is applied exactly once whichever path brings it (stream, REST, replay after reconnect)' },
  O6: { category: 'data integrity', critical: true, description: 'a late or duplicated event never moves an order backwards or a balance twice' },
  L1: { category: 'data integrity', critical: true, description: "the adapter's free and locked per asset equal the venue's after reconciliation, and the model's" },
  L2: { category: 'data integrity', critical: true, description: 'conservation: balances plus fees paid equal deposits plus trades, exactly' },
  L3: { category: 'data integrity', critical: true, description: 'nothing negative; locked equals what open orders reserve' },
  D1: {
    category: 'data integrity',
    critical: true,
    description: 'every price sent is on the tick, every quantity on the step, every notional above the minimum; what would break a filter is refused locally with a typed error, never sent',
  },
  D2: { category: 'data integrity', critical: true, description: 'no value passes through a JS number: amounts binary floating point cannot hold survive every round trip exactly' },
  D3: { category: 'data integrity', critical: true, description: 'rounding never buys or sells more than asked, never spends more than is free' },
  R1: { category: 'rate limiting', critical: true, description: 'with the limiter on and no other load, the venue never answers 429 or 418' },
  R2: { category: 'rate limiting', critical: false, description: "in every window the weight used stays within the limit (the venue's counters are the truth)" },
  R3: { category: 'rate limiting', critical: false, description: 'after 429 with Retry-After nothing is sent before it elapses; after 418 nothing until the ban ends' },
  R4: { category: 'rate limiting', critical: false, description: 'cancels are never starved by new orders; within one priority, first in, first out' },
  C1: { category: 'connection resilience', critical: true, description: "after any fault schedule and a heal period, the adapter's view converges to the venue's" },
  C2: { category: 'connection resilience', critical: false, description: 'the circuit breaker opens after the configured failures, probes half-open, closes on success' },
  C3: { category: 'connection resilience', critical: false, description: 'only retryable errors are retried, within attempts and deadline, with bounded backoff' },
  C4: { category: 'connection resilience', critical: true, description: 'after stream faults heal, the adapter converges to the venue on its own, without reconcile' },
  S1: { category: 'security', critical: true, description: 'no API secret or key appears in any log line, error, report or corpus file' },
  S2: { category: 'security', critical: true, description: 'every signed request verifies; a tampered one is rejected as an authentication error and not retried' },
  S3: { category: 'security', critical: false, description: 'clock skew beyond recvWindow is cured by time sync, not by blind retries' },
  S4: { category: 'security', critical: true, description: 'orders are never sent to a live environment by the suite' },
  K1: { category: 'configuration', critical: false, description: 'invalid configuration is refused with the path of the bad field' },
  K2: { category: 'configuration', critical: false, description: 'a hot reload applies a valid change atomically and keeps the old configuration when the new one is invalid' },
  M1: { category: 'monitoring', critical: false, description: 'every request is logged once with the correlation id of its intent' },
  M2: { category: 'monitoring', critical: false, description: "metric counters equal the venue's request counts" },
  E1: { category: 'error handling', critical: true, description: 'a malformed venue answer is a typed error and never changes the local view' },
  P1: { category: 'performance', critical: false, description: "with load within the venue's limits, every call settles within its deadline; none starves" },
  P2: { category: 'performance', critical: false, description: "the adapter's retained state stays bounded by its open orders plus a configured history" },
  // Not critical: a second instance or a leftover timer wastes resources and may double the
  // request weight, but on its own loses no order and moves no balance.
  F1: { category: 'exchange factory', critical: false, description: 'the factory returns one instance per exchange and account under concurrent requests' },
  F2: { category: 'exchange factory', critical: false, description: 'close() leaves nothing behind: no pending timer, connection or stream' },
  X1: { category: 'data integrity', critical: true, description: 'every history of concurrent calls is linearizable against the trading model' },
  X2: { category: 'data integrity', critical: true, description: 'two adapters on one account: each knows exactly its own orders; balances agree after reconcile' },
  X3: { category: 'data integrity', critical: true, description: 'a restart at any point loses no order, duplicates none, applies no fill twice' },
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
  return id === undefined || known === undefined ? undefined : { invariant: id, category: known.category, critical: known.critical };
}
