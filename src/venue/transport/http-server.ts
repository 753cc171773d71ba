import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { ConfigError } from '../../domain/errors';
import type { VenueHttpRequest, VenueHttpResponse } from '../api/http-message';
import { exchangeWithFaults } from '../nemesis/apply';
import type { AcceptConnection } from '../stream/socket';
import type { Venue } from '../types';
import { answerForClientError, edgeAnswers, edgeResponse, rawEdgeResponse, rawHttpResponse } from './http-edge-errors';
import { attachWebSocketServer } from './ws-server';

/** The venue serves the loopback interface only: it is a test double with printed keys, never a public service. */
export const LOOPBACK_HOST = '127.0.0.1';

/** Binance's documented requests are a few hundred bytes; 64 KiB leaves room and bounds memory. */
export const MAX_BODY_BYTES = 64 * 1024;
/** Request line (query string included) plus headers; node counts the URL against this limit. */
export const MAX_HEADER_BYTES = 16 * 1024;

export interface LoopbackServerOptions {
  /** 0 (the default) lets the OS pick a free port. */
  port?: number | undefined;
  /** Only "127.0.0.1" is accepted. */
  host?: string | undefined;
  /**
   * A request must arrive whole within this time (real time, node's own timer: this is the
   * standalone edge, never the virtual-clock in-process path). Default 30 s.
   */
  requestTimeoutMs?: number | undefined;
  /** Told when the venue's handler throws (the client gets -1000); only the error, no request data. */
  onInternalError?: ((error: unknown) => void) | undefined;
  /**
   * The venue's WebSocket side (src/venue/stream/): upgrade requests go to it (ws-server.ts).
   * Without it an upgrade request is answered like any other request (node's default).
   */
  acceptWebSocket?: AcceptConnection | undefined;
}

export interface LoopbackServer {
  /** e.g. "http://127.0.0.1:41234": what ccxt's `urls.api` or createBinanceClient's `baseUrl` points at. */
  readonly baseUrl: string;
  readonly port: number;
  /** Stops accepting, drops open connections, resolves when the listener is closed. */
  close(): Promise<void>;
}

const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;
/** How often node checks its request/headers timeouts; its default of 30 s would let a slow client sit twice as long. */
const TIMEOUT_CHECK_INTERVAL_MS = 1_000;

/**
 * The venue's API over `node:http` on 127.0.0.1: each request becomes one `venue.handle` call with
 * the raw query string and body exactly as sent (the HMAC signature covers them). Whatever a
 * client sends (a broken request line, a huge body, a JSON body, a slow or vanishing client) ends
 * as the venue's own answer, a Binance-shaped `{code, msg}` error from this edge, or a closed
 * connection (or what the nemesis scheduled); nothing throws out of here.
 */
export async function startLoopbackServer(venue: Venue, options: LoopbackServerOptions = {}): Promise<LoopbackServer> {
  const host = options.host ?? LOOPBACK_HOST;
  if (host !== LOOPBACK_HOST) throw new ConfigError('host', `the venue listens on ${LOOPBACK_HOST} only, got "${host}"`);
  const port = options.port ?? 0;
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new ConfigError('port', `a port from 0 to 65535, got ${port}`);
  const requestTimeoutMs = options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
  const onInternalError = options.onInternalError ?? (() => undefined);
  // The response in progress on each socket: a late clientError (a timeout mid-body) may answer
  // only while that response has not started, or its bytes would interleave with ours.
  const responses = new WeakMap<Socket, ServerResponse>();

  const server = createServer(
    {
      maxHeaderSize: MAX_HEADER_BYTES,
      requestTimeout: requestTimeoutMs,
      headersTimeout: requestTimeoutMs,
      connectionsCheckingInterval: Math.min(TIMEOUT_CHECK_INTERVAL_MS, requestTimeoutMs),
      // ccxt (undici) keeps connections alive between requests; node's 5 s idle default suits it.
    },
    (req, res) => {
      responses.set(req.socket, res);
      res.on('finish', () => responses.delete(req.socket));
      res.on('error', () => req.socket.destroy());
      serveRequest(venue, req, res, onInternalError);
    },
  );

  server.on('clientError', (error: NodeJS.ErrnoException, socket: Socket) => {
    // A reset client cannot read an answer; a socket mid-response must not get a second one.
    if (error.code === 'ECONNRESET' || !socket.writable || responses.get(socket)?.headersSent === true) {
      socket.destroy();
      return;
    }
    socket.end(rawEdgeResponse(answerForClientError(error.code, MAX_HEADER_BYTES)));
  });

  // Every socket, also those node no longer tracks (a CONNECT's), so close() can end them all.
  const sockets = new Set<Socket>();
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });

  // Node would answer an Expect other than 100-continue with a bare 417 of its own.
  server.on('checkExpectation', (_req: IncomingMessage, res: ServerResponse) => send(res, edgeResponse(edgeAnswers.expectationFailed()), true));

  const webSocketEdge = options.acceptWebSocket === undefined ? undefined : attachWebSocketServer(server, options.acceptWebSocket, { onInternalError });

  // A CONNECT gets the bare socket (node would just drop it): the venue answers it like any
  // unknown method and path, and the connection closes.
  server.on('connect', (req: IncomingMessage, socket: Socket) => {
    socket.on('error', () => socket.destroy());
    socket.end(rawHttpResponse(handleSafely(venue, toVenueRequest(req, ''), onInternalError)));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, LOOPBACK_HOST, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('node:http listened without a TCP address');
  return {
    baseUrl: `http://${LOOPBACK_HOST}:${address.port}`,
    port: address.port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        webSocketEdge?.close();
        server.close((error) => (error === undefined ? resolve() : reject(error)));
        // Upgraded sockets too: their WebSocket connections end as resets (1006).
        for (const socket of sockets) socket.destroy();
      }),
  };
}

function serveRequest(venue: Venue, req: IncomingMessage, res: ServerResponse, onInternalError: (error: unknown) => void): void {
  // A client that aborts mid-body gets nothing: its socket is gone. The listener keeps the
  // 'error' event from becoming an uncaught exception.
  req.on('error', () => req.socket.destroy());

  const declared = Number(req.headers['content-length'] ?? '0');
  if (declared > MAX_BODY_BYTES) {
    // Refused before reading: the connection closes, so the unread body cannot be mistaken for the next request.
    send(res, edgeResponse(edgeAnswers.bodyTooLarge(MAX_BODY_BYTES)), true);
    return;
  }
  const chunks: Buffer[] = [];
  let received = 0;
  let refused = false;
  req.on('data', (chunk: Buffer) => {
    if (refused) return;
    received += chunk.length;
    if (received > MAX_BODY_BYTES) {
      refused = true;
      chunks.length = 0;
      send(res, edgeResponse(edgeAnswers.bodyTooLarge(MAX_BODY_BYTES)), true);
      return;
    }
    chunks.push(chunk);
  });
  req.on('end', () => {
    if (refused) return;
    const request = toVenueRequest(req, Buffer.concat(chunks).toString('utf8'));
    // The nemesis's faults, as over the in-process transport: a reset destroys the socket, a lost
    // response is never answered (the client's own timeout ends it).
    exchangeWithFaults(venue.nemesis, request, (faulted) => handleSafely(venue, faulted, onInternalError)).then(
      (exchanged) => {
        if (exchanged.type === 'response') send(res, exchanged.response, false);
        else if (exchanged.type === 'connection_reset') req.socket.destroy();
      },
      (error: unknown) => {
        onInternalError(error);
        send(res, edgeResponse(edgeAnswers.internal()), false);
      },
    );
  });
}

/** The venue's answer, or Binance's 500 -1000 when its handler throws (a venue bug, reported to onInternalError). */
function handleSafely(venue: Venue, request: VenueHttpRequest, onInternalError: (error: unknown) => void): VenueHttpResponse {
  try {
    return venue.handle(request);
  } catch (error: unknown) {
    onInternalError(error);
    return edgeResponse(edgeAnswers.internal());
  }
}

function send(res: ServerResponse, response: VenueHttpResponse, closeConnection: boolean): void {
  if (res.headersSent) return;
  const headers: Record<string, string> = { ...response.headers, 'content-length': String(Buffer.byteLength(response.body)) };
  if (closeConnection) headers.connection = 'close';
  res.writeHead(response.status, headers);
  // HEAD: node sends the headers and drops the body itself.
  res.end(response.body);
}

/**
 * Binance reads a request body only as `application/x-www-form-urlencoded` (spot REST doc,
 * "General API Information"). A body without a content type, or as `text/plain` (what fetch sends
 * for a string body), is read as form data too; any other content type (JSON, multipart) is
 * ignored as Binance ignores it, so the request fails on its missing parameters (-1102) or its
 * signature (-1022), never on something the venue made up.
 */
export function isFormBody(contentType: string | undefined): boolean {
  if (contentType === undefined) return true;
  const mediaType = contentType.split(';', 1)[0]?.trim().toLowerCase() ?? '';
  return mediaType === '' || mediaType === 'application/x-www-form-urlencoded' || mediaType === 'text/plain';
}

export function toVenueRequest(req: IncomingMessage, body: string): VenueHttpRequest {
  const { path, query } = splitTarget(req.url ?? '/');
  const headers: Record<string, string> = {};
  // node lower-cases names; repeated headers arrive joined with ", " (or as an array for set-cookie).
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return {
    method: (req.method ?? 'GET').toUpperCase(),
    path,
    query,
    headers,
    body: isFormBody(req.headers['content-type']) ? body : '',
    // Binance counts REQUEST_WEIGHT and bans per IP; node reports IPv4 loopback as "127.0.0.1".
    remoteAddress: req.socket.remoteAddress,
  };
}

/**
 * The request target split into path and raw query, nothing decoded or re-encoded: the signature
 * covers the query exactly as sent. An absolute-form target ("http://host/path?q") keeps its path.
 */
export function splitTarget(target: string): { path: string; query: string } {
  const withoutFragment = target.split('#', 1)[0] ?? '';
  const originForm = withoutFragment.replace(/^[a-zA-Z][a-zA-Z0-9+.-]*:\/\/[^/?]*/, '');
  const queryStart = originForm.indexOf('?');
  const path = queryStart === -1 ? originForm : originForm.slice(0, queryStart);
  return { path: path === '' ? '/' : path, query: queryStart === -1 ? '' : originForm.slice(queryStart + 1) };
}
