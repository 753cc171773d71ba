import type { RequestCost } from './endpoint-weights';

/**
 * The pure decision core of the client-side request limiter: Binance's fixed windows, the
 * Retry-After hold and the IP ban, as values. No clock, no I/O: the caller passes the time.
 */

/** One of Binance's spot limits (exchangeInfo `rateLimits`), with its interval in ms. */
export interface LimitRule {
  rateLimitType: 'REQUEST_WEIGHT' | 'ORDERS';
  intervalMs: number;
  limit: number;
}

/**
 * Binance spot's production limits (GET /api/v3/exchangeInfo `rateLimits`; LIMITS doc):
 * REQUEST_WEIGHT 6000 per minute per IP, ORDERS 100 per 10 s and 200,000 per day per account.
 * RAW_REQUESTS (61,000 per 5 minutes) is left out: every request weighs at least 1, so the
 * weight limit caps a client at 30,000 requests per 5 minutes, far below it.
 */
export const BINANCE_SPOT_LIMITS: readonly LimitRule[] = [
  { rateLimitType: 'REQUEST_WEIGHT', intervalMs: 60_000, limit: 6000 },
  { rateLimitType: 'ORDERS', intervalMs: 10_000, limit: 100 },
  { rateLimitType: 'ORDERS', intervalMs: 86_400_000, limit: 200_000 },
];

/** What has been counted in the latest window of one rule. */
export interface WindowUsage {
  start: number;
  used: number;
}

export interface LimiterState {
  rules: readonly LimitRule[];
  /** Aligned with `rules`; a rule with no entry yet has counted nothing. */
  usage: readonly (WindowUsage | undefined)[];
  /** Nothing may be sent before this (Retry-After of a 429). */
  retryAfterUntil: number;
  /** Nothing may be sent before this (an IP ban, HTTP 418). */
  bannedUntil: number;
}

export function initialLimiterState(rules: readonly LimitRule[]): LimiterState {
  return { rules, usage: [], retryAfterUntil: 0, bannedUntil: 0 };
}

/**
 * Binance counts in fixed windows aligned to the epoch: "a 1 MINUTE interval starts every
 * minute. Request submitted at 00:01:23.456 counts towards the 00:01:00 minute's limit" (LIMITS doc).
 */
export function windowStart(rule: LimitRule, at: number): number {
  return Math.floor(at / rule.intervalMs) * rule.intervalMs;
}

/** What rule `index` of `state` has counted in the window `at` falls in. */
export function usedAt(state: LimiterState, rule: LimitRule, index: number, at: number): number {
  const usage = state.usage[index];
  return usage !== undefined && usage.start === windowStart(rule, at) ? usage.used : 0;
}

function amountFor(rule: LimitRule, cost: RequestCost): number {
  return rule.rateLimitType === 'REQUEST_WEIGHT' ? cost.weight : cost.orders;
}

/**
 * The earliest time at or after `now` when a request of `cost` may be sent: after any
 * Retry-After hold and ban, and in a window of every rule with room for it (the venue answers
 * 429 once a window's count would pass its limit). Infinity when the cost exceeds a limit
 * outright and could never be sent.
 */
export function nextSendTime(state: LimiterState, cost: RequestCost, now: number): number {
  let at = Math.max(now, state.retryAfterUntil, state.bannedUntil);
  // One pass: a rule with room at `at` still has room later, in the same window (only the latest
  // window is counted, so its count stays) or in a later one (empty).
  for (const [index, rule] of state.rules.entries()) {
    const amount = amountFor(rule, cost);
    if (amount === 0) continue;
    if (amount > rule.limit) return Number.POSITIVE_INFINITY;
    if (usedAt(state, rule, index, at) + amount > rule.limit) at = windowStart(rule, at) + rule.intervalMs;
  }
  return at;
}

/** Counts a request sent at `at` in the window of every rule. */
export function recordSend(state: LimiterState, cost: RequestCost, at: number): LimiterState {
  const usage = state.rules.map((rule, index) => ({ start: windowStart(rule, at), used: usedAt(state, rule, index, at) + amountFor(rule, cost) }));
  return { ...state, usage };
}

/**
 * "(intervalNum)(intervalLetter)" header of a rule, lower case: x-mbx-used-weight-1m,
 * x-mbx-order-count-10s, x-mbx-order-count-1d (LIMITS doc).
 */
export function headerName(rule: LimitRule): string {
  const units: Array<[number, string]> = [
    [86_400_000, 'd'],
    [3_600_000, 'h'],
    [60_000, 'm'],
  ];
  const [unitMs, letter] = units.find(([ms]) => rule.intervalMs % ms === 0) ?? [1000, 's'];
  const prefix = rule.rateLimitType === 'REQUEST_WEIGHT' ? 'x-mbx-used-weight' : 'x-mbx-order-count';
  return `${prefix}-${rule.intervalMs / unitMs}${letter}`;
}

/**
 * Adopts the venue's counts from a response's X-MBX-USED-WEIGHT-* / X-MBX-ORDER-COUNT-*
 * headers, received at `at`. A header can raise the local count (other clients on the same IP,
 * requests whose responses were lost) but never lower it: requests still in flight when the
 * venue answered are not in it yet, and forgetting them would let the next window overflow.
 */
export function resyncFromHeaders(state: LimiterState, headers: Readonly<Record<string, string>>, at: number): LimiterState {
  const lower = new Map(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]));
  const usage = state.rules.map((rule, index): WindowUsage => {
    const local = { start: windowStart(rule, at), used: usedAt(state, rule, index, at) };
    const value = lower.get(headerName(rule));
    if (value === undefined || !/^\d+$/.test(value.trim())) return local;
    return { start: local.start, used: Math.max(local.used, Number.parseInt(value, 10)) };
  });
  return { ...state, usage };
}

/** A 429's Retry-After: nothing is sent before `until` (LIMITS doc: sending earlier earns a ban). */
export function holdUntil(state: LimiterState, until: number): LimiterState {
  return { ...state, retryAfterUntil: Math.max(state.retryAfterUntil, until) };
}

/** A 418: the IP is banned until `until`; nothing is sent before then. */
export function bannedUntil(state: LimiterState, until: number): LimiterState {
  return { ...state, bannedUntil: Math.max(state.bannedUntil, until) };
}
