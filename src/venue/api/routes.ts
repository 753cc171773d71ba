import { account, myTrades } from './account-endpoints';
import type { ApiKeyEntry } from './api-keys';
import { authenticate } from './authenticate';
import type { ApiContext } from './context';
import { BinanceReject } from './errors';
import type { VenueHttpRequest, VenueHttpResponse } from './http-message';
import { bookTicker, depth } from './market-data-book';
import { avgPrice, ticker24hr, tickerPrice } from './market-data-tickers';
import { aggTrades, recentTrades } from './market-data-trades';
import { allOrders, cancelAllOpenOrders, cancelOrder, newOrder, openOrders, queryOrder } from './order-endpoints';
import { NOT_FOUND_BODY, NOT_FOUND_CONTENT_TYPE, NOT_FOUND_STATUS } from './not-found';
import { readParams, type RawParams } from './params';
import { exchangeInfo, ping, serverTime } from './public-endpoints';
import { clientIp, requestWeight } from '../limits/request-weight';
import { authenticateApiKeyOnly, type ApiKeyEndpoint, type ListenKeyEndpoints } from '../stream/listen-key';

type PublicEndpoint = (ctx: ApiContext, params: RawParams) => unknown;
type SignedEndpoint = (ctx: ApiContext, params: RawParams, caller: ApiKeyEntry) => unknown;

/** Public, SIGNED (key and HMAC), or USER_STREAM (the API key alone: the listenKey endpoints). */
type Route = { signed: false; endpoint: PublicEndpoint } | { signed: true; endpoint: SignedEndpoint } | { signed: 'api key only'; endpoint: ApiKeyEndpoint };

/** The Binance spot REST surface this venue serves, keyed by "METHOD path". */
const ROUTES: ReadonlyMap<string, Route> = new Map<string, Route>([
  ['GET /api/v3/ping', { signed: false, endpoint: ping }],
  ['GET /api/v3/time', { signed: false, endpoint: serverTime }],
  ['GET /api/v3/exchangeInfo', { signed: false, endpoint: exchangeInfo }],
  ['GET /api/v3/depth', { signed: false, endpoint: depth }],
  ['GET /api/v3/trades', { signed: false, endpoint: recentTrades }],
  ['GET /api/v3/aggTrades', { signed: false, endpoint: aggTrades }],
  ['GET /api/v3/avgPrice', { signed: false, endpoint: avgPrice }],
  ['GET /api/v3/ticker/24hr', { signed: false, endpoint: ticker24hr }],
  ['GET /api/v3/ticker/price', { signed: false, endpoint: tickerPrice }],
  ['GET /api/v3/ticker/bookTicker', { signed: false, endpoint: bookTicker }],
  ['GET /api/v3/account', { signed: true, endpoint: account }],
  ['POST /api/v3/order', { signed: true, endpoint: newOrder }],
  ['GET /api/v3/order', { signed: true, endpoint: queryOrder }],
  ['DELETE /api/v3/order', { signed: true, endpoint: cancelOrder }],
  ['GET /api/v3/openOrders', { signed: true, endpoint: openOrders }],
  ['DELETE /api/v3/openOrders', { signed: true, endpoint: cancelAllOpenOrders }],
  ['GET /api/v3/allOrders', { signed: true, endpoint: allOrders }],
  ['GET /api/v3/myTrades', { signed: true, endpoint: myTrades }],
]);

const JSON_HEADERS = { 'content-type': 'application/json;charset=UTF-8' } as const;

/** The listenKey flow's routes, served by the stream side's store (src/venue/stream/listen-key.ts). */
function listenKeyRoutes(endpoints: ListenKeyEndpoints): ReadonlyMap<string, Route> {
  return new Map<string, Route>([
    ['POST /api/v3/userDataStream', { signed: 'api key only', endpoint: endpoints.start }],
    ['PUT /api/v3/userDataStream', { signed: 'api key only', endpoint: endpoints.keepalive }],
    ['DELETE /api/v3/userDataStream', { signed: 'api key only', endpoint: endpoints.close }],
  ]);
}

/**
 * The venue's API as one transport-independent function: request in, response out. Every
 * request is appended to the event log once, with its status and Binance error code.
 */
export function createApiHandler(ctx: ApiContext, listenKeys?: ListenKeyEndpoints): (request: VenueHttpRequest) => VenueHttpResponse {
  const routes = listenKeys === undefined ? ROUTES : new Map([...ROUTES, ...listenKeyRoutes(listenKeys)]);
  return (request) => {
    const response = answer(ctx, routes, request);
    // ip and weight as the rate limiter counted them (src/venue/limits), so events sum to its windows.
    ctx.engine.log.append({ type: 'request', method: request.method, path: request.path, status: response.status, code: response.code, ip: clientIp(request), weight: requestWeight(request) });
    const headers = response.contentType === undefined ? { ...JSON_HEADERS } : { 'content-type': response.contentType };
    return { status: response.status, headers, body: response.body };
  };
}

function answer(ctx: ApiContext, routes: ReadonlyMap<string, Route>, request: VenueHttpRequest): { status: number; body: string; code?: number | undefined; contentType?: string | undefined } {
  try {
    const route = routes.get(`${request.method.toUpperCase()} ${request.path}`);
    if (route === undefined) return { status: NOT_FOUND_STATUS, body: NOT_FOUND_BODY, contentType: NOT_FOUND_CONTENT_TYPE };
    const params = readParams(request.query, request.body);
    const body =
      route.signed === 'api key only'
        ? route.endpoint(ctx, params, authenticateApiKeyOnly(request, ctx.keys))
        : route.signed
          ? route.endpoint(ctx, params, authenticate(request, params, ctx.keys, ctx.now()))
          : route.endpoint(ctx, params);
    return { status: 200, body: JSON.stringify(body) };
  } catch (error: unknown) {
    if (error instanceof BinanceReject) return { status: error.status, code: error.code, body: JSON.stringify({ code: error.code, msg: error.msg }) };
    throw error;
  }
}
