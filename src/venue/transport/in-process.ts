import { TransportRefusedError } from '../../domain/errors';
import type { FetchLike, TransportRequest, TransportResponse } from '../../exchange/contract';
import type { VenueHttpRequest, VenueHttpResponse } from '../api/http-message';

/** The one origin the in-process transport serves: ccxt's real spot URL, so its spot error map applies. */
export const BINANCE_ORIGIN = 'https://api.binance.com';

const STATUS_TEXT: Readonly<Record<number, string>> = {
  200: 'OK',
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  418: "I'm a teapot",
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

/**
 * A ccxt `fetchImplementation` that hands requests to the venue without a socket. Every other
 * origin is refused with TransportRefusedError, so nothing can leave the process.
 */
export function createInProcessFetch(handle: (request: VenueHttpRequest) => VenueHttpResponse): FetchLike {
  return async (url: string, init: TransportRequest): Promise<TransportResponse> => {
    const request = toVenueRequest(url, init);
    // An already aborted request never reaches the venue, like a real fetch.
    init.signal?.throwIfAborted();
    const response = handle(request);
    return {
      status: response.status,
      statusText: STATUS_TEXT[response.status] ?? '',
      headers: response.headers,
      text: async () => response.body,
    };
  };
}

function toVenueRequest(url: string, init: TransportRequest): VenueHttpRequest {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new TransportRefusedError(url);
  }
  if (parsed.origin !== BINANCE_ORIGIN || parsed.username !== '' || parsed.password !== '') throw new TransportRefusedError(url);
  // The raw query as sent: WHATWG URL parsing could re-encode characters the signature covers.
  const withoutHash = url.split('#', 1)[0] ?? '';
  const queryStart = withoutHash.indexOf('?');
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(init.headers)) headers[name.toLowerCase()] = String(value);
  return {
    method: init.method.toUpperCase(),
    path: parsed.pathname,
    query: queryStart === -1 ? '' : withoutHash.slice(queryStart + 1),
    headers,
    body: init.body ?? '',
  };
}
