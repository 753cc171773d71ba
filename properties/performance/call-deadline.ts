import type { AdapterSettings } from '../../src/exchange/config';
import { DEFAULT_PLACEMENT_POLICY, type PlacementPolicy } from '../../src/exchange/placement';
import type { RetryPolicy } from '../../src/exchange/retry';

/**
 * ccxt's default `timeout` (Exchange.timeout, 10,000 ms), which the adapter keeps: the longest one
 * attempt waits for an answer before it counts as lost (the in-process transport waits it out on
 * the clock the same way).
 */
export const REQUEST_TIMEOUT_MS = 10_000;

/**
 * What a call that meets no slow answer may cost, in virtual ms: the in-process venue answers at
 * once, so this is room for an adapter's own short waits, and far below any delay the
 * concurrent-callers command injects (1 s and up).
 */
export const PROMPT_CALL_MS = 10;

/**
 * The longest one retried operation may take: every attempt waiting its whole timeout, plus the
 * largest backoff before each retry (retry.ts: full jitter, window min(maxDelay, base x 2^retry)),
 * and never longer than an attempt started just before the deadline and timing out.
 */
export function retriedOperationBoundMs(policy: RetryPolicy, timeoutMs: number = REQUEST_TIMEOUT_MS): number {
  let backoff = 0;
  for (let retry = 0; retry < policy.maxAttempts - 1; retry += 1) backoff += Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** retry);
  return Math.min(policy.maxAttempts * timeoutMs + backoff, policy.deadlineMs + timeoutMs);
}

export type ConcurrentCallKind = 'place' | 'cancel' | 'fetchOrder' | 'fetchOpenOrders' | 'fetchMyTrades' | 'fetchBalances';

/**
 * A call's deadline from the adapter's settings: one retried read (`retry`) for its own request and
 * one more for the read that completes it (a cancel's or fetch's myTrades); a placement's own
 * budget instead of the first (placement.ts: its retry policy, plus `settleMs` for the lookup that
 * resolves an unknown outcome). With the defaults: reads 80 s, placements 149.2 s.
 */
export function callDeadlineMs(kind: ConcurrentCallKind, settings: AdapterSettings, placement: PlacementPolicy = DEFAULT_PLACEMENT_POLICY): number {
  const read = retriedOperationBoundMs(settings.retry);
  if (kind === 'place') return retriedOperationBoundMs(placement.retry) + placement.settleMs + read;
  return 2 * read;
}
