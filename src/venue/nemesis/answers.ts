import type { VenueHttpResponse } from '../api/http-message';
import type { ServerErrorStatus } from './fault';
import { ipBannedBody } from '../limits/rate-limited-handler';

const JSON_HEADERS = { 'content-type': 'application/json;charset=UTF-8' } as const;
/** What a gateway in front of the API sends on its own: an HTML page, no Binance code. */
const HTML_HEADERS = { 'content-type': 'text/html' } as const;

const STATUS_LINES: Readonly<Record<ServerErrorStatus, string>> = {
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Time-out',
};

/** Binance spot error codes doc: -1001 DISCONNECTED. ccxt maps it to OperationFailed. */
export const INTERNAL_ERROR = { code: -1001, msg: 'Internal error; unable to process your request. Please try again.' } as const;
/** Binance spot error codes doc: -1003 TOO_MANY_REQUESTS, the request-weight variant. */
export const TOO_MANY_REQUESTS = {
  code: -1003,
  msg: 'Too much request weight used; current limit is 6000 request weight per 1 MINUTE. Please use WebSocket Streams for live updates to avoid polling the API.',
} as const;
const ORDER_DOES_NOT_EXIST = { code: -2013, msg: 'Order does not exist.' } as const;

/**
 * A 5XX. Bare, it carries the gateway's page and ccxt maps it by status alone (500/502/503:
 * ExchangeNotAvailable, 504: RequestTimeout); with -1001 it is Binance's own JSON answer.
 */
export function serverErrorAnswer(status: ServerErrorStatus, internalError: boolean): VenueHttpResponse {
  if (internalError) return { status, headers: { ...JSON_HEADERS }, body: JSON.stringify(INTERNAL_ERROR) };
  return { status, headers: { ...HTML_HEADERS }, body: gatewayPage(status) };
}

/** Maintenance: every request meets a 503 page from the gateway, the API behind it is down. */
export function maintenanceAnswer(): VenueHttpResponse {
  return serverErrorAnswer(503, false);
}

/** Binance's 429: -1003 with Retry-After in seconds (LIMITS section of the spot REST doc). */
export function rateLimitStormAnswer(retryAfterSeconds: number, bannedAt?: number): VenueHttpResponse {
  const headers = { ...JSON_HEADERS, 'retry-after': String(retryAfterSeconds) };
  if (bannedAt === undefined) return { status: 429, headers, body: JSON.stringify(TOO_MANY_REQUESTS) };
  return { status: 418, headers, body: JSON.stringify(ipBannedBody(bannedAt + retryAfterSeconds * 1000)) };
}

/**
 * Read-after-write lag: an order accepted less than `lagMs` before `now` (by its `time`, which
 * the engine stamps on the shared clock) is unknown to this query. GET /api/v3/order answers
 * -2013 as Binance does for an order it cannot find; the list queries (openOrders, allOrders)
 * omit it, since they read the same lagging store. Anything else, and every error answer,
 * passes unchanged.
 */
export function hideRecentOrders(path: string, response: VenueHttpResponse, lagMs: number, now: number): { response: VenueHttpResponse; hidden: number[] } {
  if (response.status !== 200) return { response, hidden: [] };
  const isRecent = (order: OrderTimes): boolean => now < order.time + lagMs;
  const body: unknown = JSON.parse(response.body);
  if (path === '/api/v3/order' && hasOrderTimes(body) && isRecent(body)) {
    return { response: { status: 400, headers: { ...JSON_HEADERS }, body: JSON.stringify(ORDER_DOES_NOT_EXIST) }, hidden: [body.orderId] };
  }
  if ((path === '/api/v3/openOrders' || path === '/api/v3/allOrders') && Array.isArray(body)) {
    const orders: unknown[] = body;
    const hidden = orders.filter(hasOrderTimes).filter(isRecent);
    if (hidden.length === 0) return { response, hidden: [] };
    const visible = orders.filter((order) => !(hasOrderTimes(order) && isRecent(order)));
    return { response: { ...response, body: JSON.stringify(visible) }, hidden: hidden.map((order) => order.orderId) };
  }
  return { response, hidden: [] };
}

interface OrderTimes {
  orderId: number;
  time: number;
}

function hasOrderTimes(value: unknown): value is OrderTimes {
  return typeof value === 'object' && value !== null && 'orderId' in value && typeof value.orderId === 'number' && 'time' in value && typeof value.time === 'number';
}

function gatewayPage(status: ServerErrorStatus): string {
  const line = `${status} ${STATUS_LINES[status]}`;
  return `<html><head><title>${line}</title></head><body><h1>${line}</h1></body></html>`;
}
