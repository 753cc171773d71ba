import { LISTEN_KEY_ENDPOINT_WEIGHT } from '../stream/listen-key';
import type { VenueHttpRequest } from '../api/http-message';
import { DEFAULT_DEPTH_LIMIT } from '../api/market-data-book';

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
  // Market data: Binance spot "Market Data endpoints" (developers.binance.com, rest-api/
  // market-data-endpoints); ccxt's cost table lags for some (it has trades at 10, aggTrades at 2).
  ['GET /api/v3/depth', (params) => depthWeight(params.get('limit'))],
  ['GET /api/v3/trades', 25],
  ['GET /api/v3/aggTrades', 4],
  ['GET /api/v3/avgPrice', 2],
  ['GET /api/v3/ticker/24hr', ticker24hrWeight],
  // "symbol: 2; symbol parameter is omitted: 4; symbols (any number): 4", for both.
  ['GET /api/v3/ticker/price', (params) => (params.has('symbol') ? 2 : 4)],
  ['GET /api/v3/ticker/bookTicker', (params) => (params.has('symbol') ? 2 : 4)],
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
  // The listenKey flow (USER_STREAM): "Weight: 2" each, in the docs before spot retired it.
  ['POST /api/v3/userDataStream', LISTEN_KEY_ENDPOINT_WEIGHT],
  ['PUT /api/v3/userDataStream', LISTEN_KEY_ENDPOINT_WEIGHT],
  ['DELETE /api/v3/userDataStream', LISTEN_KEY_ENDPOINT_WEIGHT],
]);

/**
 * GET /api/v3/depth, "Weight: Adjusted based on the limit": 1-100 -> 5, 101-500 -> 25,
 * 501-1000 -> 50, 1001-5000 -> 250. A limit that is not a plain integer (answered -1100) weighs
 * as the default; one above 5000 as 5000, the levels Binance then returns.
 */
function depthWeight(limit: string | null): number {
  const levels = limit !== null && /^[0-9]{1,15}$/.test(limit) ? Number.parseInt(limit, 10) : DEFAULT_DEPTH_LIMIT;
  if (levels <= 100) return 5;
  if (levels <= 500) return 25;
  if (levels <= 1000) return 50;
  return 250;
}

/**
 * GET /api/v3/ticker/24hr: "symbol: 2; symbol parameter is omitted: 80; symbols 1-20: 2,
 * 21-100: 40, 101 or more: 80; symbols parameter is omitted: 80". The symbols are counted as the
 * list's comma-separated entries, so a malformed list (answered -1100) still has a weight.
 */
function ticker24hrWeight(params: URLSearchParams): number {
  if (params.has('symbol')) return 2;
  const symbols = params.get('symbols');
  if (symbols === null) return 80;
  const count = symbols.split(',').length;
  if (count <= 20) return 2;
  if (count <= 100) return 40;
  return 80;
}

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
