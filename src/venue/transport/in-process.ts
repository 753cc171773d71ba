import { TransportRefusedError } from '../../domain/errors';
import type { FetchLike, TransportRequest, TransportResponse } from '../../exchange/contract';
import type { VenueHttpRequest, VenueHttpResponse } from '../api/http-message';
import { exchangeDecided } from '../nemesis/apply';
import { NO_FAULT } from '../nemesis/fault';
import type { Nemesis } from '../nemesis/nemesis';
import { ConnectionResetError, ResponseLostError } from '../nemesis/network-errors';

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
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

/** ccxt's default `timeout`: how long a client waits for an answer that was lost. */
const DEFAULT_CLIENT_TIMEOUT_MS = 10_000;

export interface InProcessFetchOptions {
  /** Faults to apply to every request (the venue's own nemesis); none when absent. */
  nemesis?: Nemesis | undefined;
}

/**
 * A ccxt `fetchImplementation` that hands requests to the venue without a socket. Every other
 * origin is refused with TransportRefusedError, so nothing can leave the process.
 */
export function createInProcessFetch(handle: (request: VenueHttpRequest) => VenueHttpResponse, options: InProcessFetchOptions = {}): FetchLike {
  const { nemesis } = options;
  return async (url: string, init: TransportRequest): Promise<TransportResponse> => {
    const request = toVenueRequest(url, init);
    // An already aborted request never reaches the venue, like a real fetch.
    init.signal?.throwIfAborted();
    if (nemesis === undefined) return toTransportResponse(handle(request));
    const decision = nemesis.decide(request);
    // Nothing scheduled (the common case): what exchangeDecided would do, without its extra
    // async frame and await per request.
    if (decision === NO_FAULT) return toTransportResponse(handle(request));
    const exchanged = await exchangeDecided(nemesis, request, handle, decision);
    if (exchanged.type === 'connection_reset') throw new ConnectionResetError(url);
    if (exchanged.type === 'response_lost') {
      // The client learns nothing until its own timeout; waiting it out on the shared clock keeps
      // virtual time faithful (and costs nothing there). On the system clock ccxt's own timer may
      // fire first: RequestTimeout either way.
      const afterMs = init.timeout ?? DEFAULT_CLIENT_TIMEOUT_MS;
      await nemesis.clock.sleep(afterMs);
      throw new ResponseLostError(url, afterMs);
    }
    return toTransportResponse(exchanged.response);
  };
}

function toTransportResponse(response: VenueHttpResponse): TransportResponse {
  return {
    status: response.status,
    statusText: STATUS_TEXT[response.status] ?? '',
    headers: response.headers,
    text: async () => response.body,
  };
}

/** `https://api.binance.com/plain/path?...`: WHATWG URL parsing would give this path unchanged. */
const PLAIN_BINANCE_URL = /^https:\/\/api\.binance\.com(\/[A-Za-z0-9_\-/]*)(?:[?#]|$)/;

function toVenueRequest(url: string, init: TransportRequest): VenueHttpRequest {
  // ccxt's URLs take the fast path; new URL() (a visible cost per request) decides the rest.
  const plain = PLAIN_BINANCE_URL.exec(url);
  let pathname: string;
  if (plain !== null && plain[1] !== undefined) {
    pathname = plain[1];
  } else {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw new TransportRefusedError(url);
    }
    if (parsed.origin !== BINANCE_ORIGIN || parsed.username !== '' || parsed.password !== '') throw new TransportRefusedError(url);
    pathname = parsed.pathname;
  }
  // The raw query as sent: WHATWG URL parsing could re-encode characters the signature covers.
  const hash = url.indexOf('#');
  const withoutHash = hash === -1 ? url : url.slice(0, hash);
  const queryStart = withoutHash.indexOf('?');
  const headers: Record<string, string> = {};
  const given = init.headers;
  for (const name of Object.keys(given)) headers[name.toLowerCase()] = String(given[name]);
  return {
    method: init.method.toUpperCase(),
    path: pathname,
    query: queryStart === -1 ? '' : withoutHash.slice(queryStart + 1),
    headers,
    body: init.body ?? '',
  };
}
