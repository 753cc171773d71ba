/**
 * A model of Binance's spot REST limits as a client must obey them (invariants R1-R3), written
 * from the LIMITS doc independently of the limiter in src/exchange, so a property can judge the
 * limiter by it. It is a log of what was used and when, plus the Retry-After hold and the ban;
 * `sendVerdict` says whether sending one more request at a time is allowed.
 *
 * The windows are recomputed from the log on every question (the limiter counts
 * incrementally): two different ways to the same answer.
 */

export interface RateLimitRules {
  /** REQUEST_WEIGHT per fixed 1-minute window, per IP (production: 6000). */
  weightPerMinute: number;
  /** ORDERS per fixed 10-second window, per account (production: 100). */
  ordersPer10s: number;
  /** ORDERS per fixed UTC day, per account (production: 200,000). */
  ordersPerDay: number;
}

export interface UsageRecord {
  at: number;
  weight: number;
  orders: number;
  /** `ours`: sent by the client under test; `others`: another client on the same IP or account. */
  by: 'ours' | 'others';
}

export interface RateLimitModel {
  rules: RateLimitRules;
  log: readonly UsageRecord[];
  retryAfterUntil: number;
  bannedUntil: number;
}

export type SendVerdict = { allowed: true } | { allowed: false; broken: 'ban' | 'retry-after' | 'weight-1m' | 'orders-10s' | 'orders-1d' };

const MINUTE_MS = 60_000;
const TEN_SECONDS_MS = 10_000;
const DAY_MS = 86_400_000;

export function initialRateLimitModel(rules: RateLimitRules): RateLimitModel {
  return { rules, log: [], retryAfterUntil: 0, bannedUntil: 0 };
}

/** "A 1 MINUTE interval starts every minute": windows are aligned to multiples of their length since the epoch. */
function sameWindow(a: number, b: number, lengthMs: number): boolean {
  return Math.floor(a / lengthMs) === Math.floor(b / lengthMs);
}

/** What the venue counts in the window of `lengthMs` that `at` falls in, everyone's use included. */
export function usedInWindow(model: RateLimitModel, kind: 'weight' | 'orders', lengthMs: number, at: number): number {
  return model.log.filter((record) => sameWindow(record.at, at, lengthMs)).reduce((sum, record) => sum + record[kind], 0);
}

/**
 * Whether sending a request of `weight` (and `orders`, 1 for a placement) at `at` keeps the
 * client within the rules: not during a ban (418), not before a 429's Retry-After has elapsed,
 * and with every window's count, this request included, at most its limit.
 */
export function sendVerdict(model: RateLimitModel, request: { weight: number; orders: number }, at: number): SendVerdict {
  if (at < model.bannedUntil) return { allowed: false, broken: 'ban' };
  if (at < model.retryAfterUntil) return { allowed: false, broken: 'retry-after' };
  if (usedInWindow(model, 'weight', MINUTE_MS, at) + request.weight > model.rules.weightPerMinute) return { allowed: false, broken: 'weight-1m' };
  if (request.orders > 0) {
    if (usedInWindow(model, 'orders', TEN_SECONDS_MS, at) + request.orders > model.rules.ordersPer10s) return { allowed: false, broken: 'orders-10s' };
    if (usedInWindow(model, 'orders', DAY_MS, at) + request.orders > model.rules.ordersPerDay) return { allowed: false, broken: 'orders-1d' };
  }
  return { allowed: true };
}

export function recordUse(model: RateLimitModel, record: UsageRecord): RateLimitModel {
  return { ...model, log: [...model.log, record] };
}

export function recordRetryAfter(model: RateLimitModel, until: number): RateLimitModel {
  return { ...model, retryAfterUntil: Math.max(model.retryAfterUntil, until) };
}

export function recordBan(model: RateLimitModel, until: number): RateLimitModel {
  return { ...model, bannedUntil: Math.max(model.bannedUntil, until) };
}

/**
 * The X-MBX-* headers the venue would send at `at`: every count of the current windows, so a
 * client can resynchronise from them.
 */
export function limitHeaders(model: RateLimitModel, at: number): Record<string, string> {
  return {
    'x-mbx-used-weight-1m': String(usedInWindow(model, 'weight', MINUTE_MS, at)),
    'x-mbx-order-count-10s': String(usedInWindow(model, 'orders', TEN_SECONDS_MS, at)),
    'x-mbx-order-count-1d': String(usedInWindow(model, 'orders', DAY_MS, at)),
  };
}
