/**
 * What one REST request costs against Binance's spot limits, seen from the client. Kept apart
 * from the simulator's own table on purpose (the adapter never depends on src/venue), so a wrong
 * weight on either side shows up as a 429 in the properties.
 */

/** A request as the limiter sees it: the route and the parameters its weight depends on. */
export interface LimitedRequestShape {
  method: string;
  /** e.g. "/api/v3/order". */
  path: string;
  params?: Readonly<Record<string, string>> | undefined;
}

export interface RequestCost {
  /** REQUEST_WEIGHT, counted per IP per minute (X-MBX-USED-WEIGHT-1M). */
  weight: number;
  /** 1 for an order placement (counted against ORDERS per 10 s and per day), else 0. */
  orders: number;
}

type WeightOf = number | ((params: Readonly<Record<string, string>>) => number);

/**
 * REQUEST_WEIGHT per route, from the "Weight" line of each endpoint in Binance's spot REST API
 * docs (developers.binance.com/docs/binance-spot-api-docs/rest-api, General / Market / Trading /
 * Account endpoints), as of 2024-2025.
 */
const ENDPOINT_WEIGHTS: ReadonlyMap<string, WeightOf> = new Map<string, WeightOf>([
  ['GET /api/v3/ping', 1],
  ['GET /api/v3/time', 1],
  ['GET /api/v3/exchangeInfo', 20],
  ['GET /api/v3/account', 20],
  ['POST /api/v3/order', 1],
  ['POST /api/v3/order/test', 1],
  // Query order: "Weight: 4".
  ['GET /api/v3/order', 4],
  ['DELETE /api/v3/order', 1],
  // Current open orders: "6 for a single symbol; 80 when the symbol parameter is omitted".
  ['GET /api/v3/openOrders', (params) => ('symbol' in params ? 6 : 80)],
  // Cancel all open orders on a symbol: "Weight: 1".
  ['DELETE /api/v3/openOrders', 1],
  ['GET /api/v3/allOrders', 20],
  // Account trade list: "Condition: without orderId 20, with orderId 5".
  ['GET /api/v3/myTrades', (params) => ('orderId' in params ? 5 : 20)],
  ['GET /api/v3/rateLimit/order', 40],
]);

/**
 * Binance documents no weight for a route it does not list; the client assumes the heaviest
 * single-symbol query it knows (20) rather than the lightest, so an unknown route can only make
 * the limiter more careful, never send past the limit.
 */
export const UNKNOWN_ENDPOINT_WEIGHT = 20;

/** Only POST /api/v3/order counts against ORDERS (LIMITS doc: "the number of orders placed"). */
const ORDER_PLACING_ROUTES = new Set(['POST /api/v3/order']);

export function requestCost(request: LimitedRequestShape): RequestCost {
  const key = `${request.method.toUpperCase()} ${request.path}`;
  const weightOf = ENDPOINT_WEIGHTS.get(key) ?? UNKNOWN_ENDPOINT_WEIGHT;
  const weight = typeof weightOf === 'number' ? weightOf : weightOf(request.params ?? {});
  return { weight, orders: ORDER_PLACING_ROUTES.has(key) ? 1 : 0 };
}
