/**
 * Random schedules for the request limiter's unit-level properties: requests of mixed
 * endpoints and priorities, clock advances, other clients' use revealed by the X-MBX headers,
 * 429 Retry-After holds and 418 bans.
 */
import fc from 'fast-check';
import type { LimitRule } from '../../src/exchange/limit-windows';
import type { RequestPriority, ScheduledRequest } from '../../src/exchange/request-limiter';
import type { RateLimitRules } from '../../models/rate-limit-model';

export interface Endpoint {
  request: ScheduledRequest;
  /**
   * Binance's documented REQUEST_WEIGHT ("Weight" of each spot REST endpoint), kept here apart
   * from the limiter's table so a wrong weight there is caught, and the ORDERS it counts.
   */
  weight: number;
  orders: number;
}

const symbol = { symbol: 'BTCUSDT' };

export const ENDPOINTS: readonly Endpoint[] = [
  { request: { method: 'POST', path: '/api/v3/order', params: symbol, priority: 'order' }, weight: 1, orders: 1 },
  { request: { method: 'DELETE', path: '/api/v3/order', params: symbol, priority: 'cancel' }, weight: 1, orders: 0 },
  { request: { method: 'DELETE', path: '/api/v3/openOrders', params: symbol, priority: 'cancel' }, weight: 1, orders: 0 },
  { request: { method: 'GET', path: '/api/v3/order', params: symbol, priority: 'query' }, weight: 4, orders: 0 },
  { request: { method: 'GET', path: '/api/v3/openOrders', params: symbol, priority: 'query' }, weight: 6, orders: 0 },
  { request: { method: 'GET', path: '/api/v3/openOrders', priority: 'query' }, weight: 80, orders: 0 },
  { request: { method: 'GET', path: '/api/v3/account', priority: 'query' }, weight: 20, orders: 0 },
  { request: { method: 'GET', path: '/api/v3/myTrades', params: symbol, priority: 'query' }, weight: 20, orders: 0 },
  { request: { method: 'GET', path: '/api/v3/myTrades', params: { ...symbol, orderId: '7' }, priority: 'query' }, weight: 5, orders: 0 },
  { request: { method: 'GET', path: '/api/v3/allOrders', params: symbol, priority: 'query' }, weight: 20, orders: 0 },
  { request: { method: 'GET', path: '/api/v3/exchangeInfo', priority: 'query' }, weight: 20, orders: 0 },
  { request: { method: 'GET', path: '/api/v3/time', priority: 'query' }, weight: 1, orders: 0 },
];

export const PRIORITY_RANK: Readonly<Record<RequestPriority, number>> = { cancel: 0, query: 1, order: 2 };

export type LimiterAction =
  /** `answered`: its response, with the X-MBX headers, reaches the client (false: lost on the way). */
  | { kind: 'request'; endpoint: Endpoint; answered: boolean }
  | { kind: 'advance'; ms: number }
  /** Another client on the same IP and account used this much; the next response's headers reveal it. */
  | { kind: 'others'; weight: number; orders: number }
  | { kind: 'retry-after'; ms: number }
  | { kind: 'ban'; ms: number };

/** Small limits, so a short schedule crosses them; weight at least 80 so every endpoint fits a window. */
export const smallRules: fc.Arbitrary<RateLimitRules> = fc.record({
  weightPerMinute: fc.integer({ min: 80, max: 400 }),
  ordersPer10s: fc.integer({ min: 1, max: 10 }),
  // Often tighter than the orders a schedule sends, so the DAY window binds too.
  ordersPerDay: fc.oneof(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 30 })),
});

export function limitRules(rules: RateLimitRules): LimitRule[] {
  return [
    { rateLimitType: 'REQUEST_WEIGHT', intervalMs: 60_000, limit: rules.weightPerMinute },
    { rateLimitType: 'ORDERS', intervalMs: 10_000, limit: rules.ordersPer10s },
    { rateLimitType: 'ORDERS', intervalMs: 86_400_000, limit: rules.ordersPerDay },
  ];
}

/**
 * Which responses reach the client with their X-MBX headers: with none, the limiter must stay
 * within the limits on its own counting; with all, the headers also reveal other clients' use.
 */
export const headerMode = fc.constantFrom('every response' as const, 'some responses' as const, 'none' as const);

/** Where in the UTC day the run starts: anywhere, and often just before midnight, to cross a DAY window. */
export const startOffsetInDay = fc.oneof(fc.integer({ min: 0, max: 86_399_999 }), fc.integer({ min: 86_340_000, max: 86_399_999 }));

/** Placements as often as all the rest together: the ORDERS windows are the tightest. */
const endpoint = fc.oneof(fc.constant(ENDPOINTS[0] as Endpoint), fc.constantFrom(...ENDPOINTS));

export const limiterAction: fc.Arbitrary<LimiterAction> = fc.oneof(
  { arbitrary: fc.record({ kind: fc.constant('request' as const), endpoint, answered: fc.boolean() }), weight: 10 },
  { arbitrary: fc.oneof(fc.integer({ min: 0, max: 12_000 }), fc.integer({ min: 0, max: 90_000 })).map((ms) => ({ kind: 'advance' as const, ms })), weight: 4 },
  { arbitrary: fc.record({ kind: fc.constant('others' as const), weight: fc.integer({ min: 1, max: 300 }), orders: fc.integer({ min: 0, max: 5 }) }), weight: 1 },
  { arbitrary: fc.integer({ min: 1000, max: 60_000 }).map((ms) => ({ kind: 'retry-after' as const, ms })), weight: 1 },
  { arbitrary: fc.integer({ min: 60_000, max: 600_000 }).map((ms) => ({ kind: 'ban' as const, ms })), weight: 1 },
);
