/**
 * Every property the `tradeprop run` command knows: its name, category, invariants,
 * criticality and file. The property files take their metadata from here, so the CLI can
 * validate `--property` and `--category` and pick vitest files without importing them.
 */
export const CATEGORIES = [
  'connection resilience',
  'rate limiting',
  'error handling',
  'security',
  'data integrity',
  'performance',
  'monitoring',
  'configuration',
  'exchange factory',
] as const;
export type Category = (typeof CATEGORIES)[number];

export interface PropertyInfo {
  name: string;
  /** The invariant in words: the vitest test name. */
  title: string;
  category: Category;
  invariants: string[];
  critical: boolean;
  /** Relative to the project root. */
  file: string;
}

export const PROPERTIES: readonly PropertyInfo[] = [
  {
    name: 'order-state-consistency',
    title: 'every order the adapter reports equals the model and moves only along the order machine',
    category: 'data integrity',
    invariants: ['O1', 'O2'],
    critical: true,
    file: 'properties/data-integrity/order-state-consistency.prop.ts',
  },
  {
    name: 'ledger-conservation',
    title: 'balances are conserved, never negative, and agree between adapter, model and venue',
    category: 'data integrity',
    invariants: ['L1', 'L2', 'L3'],
    critical: true,
    file: 'properties/data-integrity/ledger-conservation.prop.ts',
  },
  {
    name: 'decimal-precision',
    title: 'every amount sent is on tick and step, exact, and never more than asked',
    category: 'data integrity',
    invariants: ['D1', 'D2', 'D3'],
    critical: true,
    file: 'properties/data-integrity/decimal-precision.prop.ts',
  },
  {
    name: 'exactly-once-under-lost-responses',
    title: 'no intent ever has two venue orders under lost answers, resets, 5xx and read lag, and reconcile finds every order',
    category: 'connection resilience',
    invariants: ['O4', 'O3'],
    critical: true,
    file: 'properties/connection-resilience/exactly-once-under-lost-responses.prop.ts',
  },
  {
    name: 'no-rate-limit-answers',
    title: 'with the limiter on and no other load, the venue never answers 429 or 418',
    category: 'rate limiting',
    invariants: ['R1'],
    critical: true,
    file: 'properties/rate-limiting/no-rate-limit-answers.prop.ts',
  },
  {
    name: 'live-environment-refused',
    title: 'an adapter asked for the live environment refuses before any request leaves, and trading goes on untouched',
    category: 'security',
    invariants: ['S4', 'O1', 'L1'],
    critical: true,
    file: 'properties/security/live-environment-refused.prop.ts',
  },
  {
    name: 'rate-limit-answers-honoured',
    title: 'after a 429 nothing is sent before Retry-After, after a 418 nothing before the ban ends, and every window stays within its limit',
    category: 'rate limiting',
    invariants: ['R3', 'R2'],
    critical: false,
    file: 'properties/rate-limiting/rate-limit-answers-honoured.prop.ts',
  },
  {
    name: 'skew-cured-by-time-sync',
    title: 'clock skew beyond recvWindow is cured by a time sync before the next signed request, never by blind retries',
    category: 'security',
    invariants: ['S3'],
    critical: false,
    file: 'properties/security/skew-cured-by-time-sync.prop.ts',
  },
  {
    name: 'no-secret-in-logs-errors-or-reports',
    title: 'no API key or secret, raw or encoded, in any log line, error or report row of a run under every fault',
    category: 'security',
    invariants: ['S1'],
    critical: true,
    file: 'properties/security/no-secret-in-logs-errors-or-reports.prop.ts',
  },
  {
    name: 'breaker-and-retries-under-faults',
    title: 'the breaker opens after its failures, probes half-open and closes; only retryable errors are retried, within attempts and deadline',
    category: 'connection resilience',
    invariants: ['C2', 'C3'],
    critical: false,
    file: 'properties/connection-resilience/breaker-and-retries-under-faults.prop.ts',
  },
  {
    name: 'convergence-after-heal',
    title: "after any fault schedule, a heal period and a reconcile, the adapter's orders and balances equal the venue's and the model's",
    category: 'connection resilience',
    invariants: ['C1'],
    critical: true,
    file: 'properties/connection-resilience/convergence-after-heal.prop.ts',
  },
  {
    name: 'stream-and-rest-agree',
    title: "once the user-data stream has caught up, the adapter's orders and balances equal the venue's, with no reconcile",
    category: 'data integrity',
    invariants: ['O1', 'L1'],
    critical: true,
    file: 'properties/data-integrity/stream-and-rest-agree.prop.ts',
  },
  {
    name: 'fill-counted-once',
    title: 'each fill is applied exactly once across the stream, REST answers, duplicated frames and resyncs after reconnects',
    category: 'data integrity',
    invariants: ['O5'],
    critical: true,
    file: 'properties/data-integrity/fill-counted-once.prop.ts',
  },
  {
    name: 'stream-converges-after-faults',
    title: 'no event is lost under any schedule of stream faults: after a heal period the adapter converges on its own',
    category: 'connection resilience',
    invariants: ['C4'],
    critical: true,
    file: 'properties/connection-resilience/stream-converges-after-faults.prop.ts',
  },
  {
    name: 'late-events-never-move-back',
    title: 'a late or duplicated stream event never moves an order backwards or a balance twice',
    category: 'data integrity',
    invariants: ['O6'],
    critical: true,
    file: 'properties/data-integrity/late-events-never-move-back.prop.ts',
  },
  {
    name: 'concurrent-calls-linearizable',
    title: "calls in flight together answer as some one-at-a-time order of them would, reach the venue once per intent, and leave the adapter's view and ledger the venue's",
    category: 'data integrity',
    invariants: ['X1', 'O4', 'O1', 'O2', 'L1', 'L3'],
    critical: true,
    file: 'properties/data-integrity/concurrent-calls-linearizable.prop.ts',
  },
  {
    name: 'factory-one-instance-per-key',
    title: 'concurrent requests for one exchange and account get one instance, created once, even while the venue is down; closeAll closes each once',
    category: 'exchange factory',
    invariants: ['F1'],
    critical: false,
    file: 'properties/exchange-factory/factory-one-instance-per-key.prop.ts',
  },
  {
    name: 'close-leaves-nothing-behind',
    title: 'once close() settles, whatever the run did, no timer is pending and no stream connection is open',
    category: 'exchange factory',
    invariants: ['F2'],
    critical: false,
    file: 'properties/exchange-factory/close-leaves-nothing-behind.prop.ts',
  },
  {
    name: 'malformed-responses-leave-the-view-intact',
    title: 'a malformed venue answer is a typed error, never corrupts the local view, and a corrupted placement answer is resolved exactly once',
    category: 'error handling',
    invariants: ['E1', 'O1', 'L1', 'O4', 'O3'],
    critical: true,
    file: 'properties/error-handling/malformed-responses-leave-the-view-intact.prop.ts',
  },
  {
    name: 'requests-logged-and-counted',
    title: "every request is logged once under its intent's correlation id, and the request metrics equal the venue's counts",
    category: 'monitoring',
    invariants: ['M1', 'M2'],
    critical: false,
    file: 'properties/monitoring/requests-logged-and-counted.prop.ts',
  },
  {
    name: 'tampered-signatures-rejected-not-retried',
    title: 'a request tampered with in transit is an authentication error, sent once, and changes nothing',
    category: 'security',
    invariants: ['S2', 'O1', 'L1', 'O4'],
    critical: true,
    file: 'properties/security/tampered-signatures-rejected-not-retried.prop.ts',
  },
  {
    name: 'hot-reload-during-a-run',
    title: 'a reload mid-run applies a valid configuration to later requests and refuses an invalid one, naming its field and keeping the old',
    category: 'configuration',
    invariants: ['K1', 'K2', 'O1', 'L1'],
    critical: false,
    file: 'properties/configuration/hot-reload-during-a-run.prop.ts',
  },
  {
    name: 'cancels-first-fifo-under-load',
    title: 'under bursts of new orders beyond the ORDERS window, every cancel reaches the venue before the held orders, and orders arrive first in, first out',
    category: 'rate limiting',
    invariants: ['R4', 'O1', 'L1'],
    critical: false,
    file: 'properties/rate-limiting/cancels-first-fifo-under-load.prop.ts',
  },
  {
    name: 'calls-settle-within-deadline',
    title: "with load within the venue's limits, every call of concurrent callers settles within its deadline and none waits behind another's slow answer",
    category: 'performance',
    invariants: ['P1', 'O1'],
    critical: false,
    file: 'properties/performance/calls-settle-within-deadline.prop.ts',
  },
  {
    name: 'retained-state-stays-bounded',
    title: 'however long the run, the adapter holds no more than its open orders plus its configured history of ended orders',
    category: 'performance',
    invariants: ['P2', 'O1'],
    critical: false,
    file: 'properties/performance/retained-state-stays-bounded.prop.ts',
  },
  {
    name: 'restart-loses-nothing',
    title: 'a restart at any point, even between a POST and its answer, loses no order, duplicates none and books no fill twice',
    category: 'connection resilience',
    invariants: ['X3', 'O3', 'O4', 'O1', 'L1'],
    critical: true,
    file: 'properties/connection-resilience/restart-loses-nothing.prop.ts',
  },
  {
    name: 'two-adapters-one-account',
    title: "two instances of the adapter on one account each know exactly their own orders, and after a reconcile the balances are the venue's",
    category: 'data integrity',
    invariants: ['X2', 'O1', 'L1'],
    critical: true,
    file: 'properties/data-integrity/two-adapters-one-account.prop.ts',
  },
];

export function findProperty(name: string): PropertyInfo | undefined {
  return PROPERTIES.find((property) => property.name === name);
}
