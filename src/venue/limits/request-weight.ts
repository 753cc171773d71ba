import type { VenueHttpRequest } from '../api/http-message';

/** What the in-process transport reports as the caller's address (a loopback client). */
export const DEFAULT_REMOTE_ADDRESS = '127.0.0.1';

/** Routes whose weight depends on the parameters sent. */
type WeightOf = number | ((params: URLSearchParams) => number);

/**
 * REQUEST_WEIGHT of each spot REST route, from each endpoint's "Weight" in Binance's spot REST
 * API docs (cross-checked with ccxt binance.js `api.public/private` costs, which are weight * 0.2).
 */
const ROUTE_WEIGHTS: ReadonlyMap<string, WeightOf> = new Map<string, WeightOf>([
  ['GET /api/v3/ping', 1],
  ['GET /api/v3/time', 1],
  ['GET /api/v3/exchangeInfo', 20],
  ['GET /api/v3/account', 20],
  ['POST /api/v3/order', 1],
  ['GET /api/v3/order', 4],
  ['DELETE /api/v3/order', 1],
  // "Weight: 6 for a single symbol; 80 when the symbol parameter is omitted".
  ['GET /api/v3/openOrders', (params) => (params.has('symbol') ? 6 : 80)],
  ['DELETE /api/v3/openOrders', 1],
  ['GET /api/v3/allOrders', 20],
  // "Without orderId: 20, With orderId: 5".
  ['GET /api/v3/myTrades', (params) => (params.has('orderId') ? 5 : 20)],
  ['GET /api/v3/rateLimit/order', 40],
]);

/**
 * Binance documents no weight for routes it does not serve; the venue charges them 1, like the
 * lightest endpoint, so a client probing unknown paths still spends weight.
 */
const UNKNOWN_ROUTE_WEIGHT = 1;

/** The REQUEST_WEIGHT a request costs its IP. */
export function requestWeight(request: VenueHttpRequest): number {
  const weight = ROUTE_WEIGHTS.get(routeKey(request)) ?? UNKNOWN_ROUTE_WEIGHT;
  if (typeof weight === 'number') return weight;
  // Binance reads POST/DELETE parameters from the query string and the body alike.
  const params = new URLSearchParams(request.query);
  for (const [name, value] of new URLSearchParams(request.body)) params.append(name, value);
  return weight(params);
}

/** POST /api/v3/order is the one order-placing route: it alone counts against ORDERS. */
export function placesOrder(request: VenueHttpRequest): boolean {
  return routeKey(request) === 'POST /api/v3/order';
}

/** The IP that limits and bans apply to ("The limits on the API are based on the IPs"). */
export function clientIp(request: VenueHttpRequest): string {
  return request.remoteAddress ?? DEFAULT_REMOTE_ADDRESS;
}

function routeKey(request: VenueHttpRequest): string {
  return `${request.method.toUpperCase()} ${request.path}`;
}
