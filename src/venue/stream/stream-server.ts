import type { Clock } from '../../clock/clock';
import type { RandomStream } from '../../clock/random';
import type { Market } from '../../domain/market';
import type { ApiKeyRegistry } from '../api/api-keys';
import type { MatchingEngine } from '../engine/engine';
import { createListenKeyEndpoints, ListenKeyStore, type ListenKeyEndpoints } from './listen-key';
import { ListenKeyStream } from './listen-key-stream';
import { watchLiveness } from './liveness';
import type { AcceptConnection, VenueConnection, VenueSocket } from './socket';
import { StreamTimers } from './stream-timers';
import { UserDataHub } from './user-data-hub';
import { WsApiSession } from './ws-api-session';

/** Binance's paths: the WebSocket API, and a listenKey's raw stream on stream.binance.com. */
export const WS_API_PATH = '/ws-api/v3';
export const LISTEN_KEY_STREAM_PREFIX = '/ws/';
const NOT_FOUND = 404;

export interface StreamServerDeps {
  clock: Clock;
  engine: MatchingEngine;
  keys: ApiKeyRegistry;
  markets: readonly Market[];
  /** The API's clock (server time, recvWindow), which a nemesis clock jump moves. */
  apiNow: () => number;
  /** The seeded stream listenKeys are drawn from. */
  listenKeyTokens: RandomStream;
}

/** The venue's streaming side, for the transports and the REST routes. */
export interface VenueStream {
  /** Hand every upgrade here: "/ws-api/v3" and "/ws/<listenKey>" are served, anything else is 404. */
  readonly accept: AcceptConnection;
  /** POST/PUT/DELETE /api/v3/userDataStream, for the REST routes (USER_STREAM: API key only). */
  readonly listenKeys: ListenKeyEndpoints;
  /** Connections open now. */
  openConnections(): number;
  /** Stream timers waiting (pings, pong deadlines, expiries, 24-hour limits); 0 once all are closed. */
  pendingTimers(): number;
}

/** What one accepted connection does with traffic (a WS API session or a listenKey stream). */
interface ConnectionHandler {
  receive?(text: string): void;
  end(): void;
}

/**
 * Builds the venue's stream server. Every connection gets Binance's liveness rules (ping every
 * 20 s, closed after 60 s without the pong, closed at 24 h), all on the venue clock; when the
 * last connection is gone no stream timer remains.
 */
export function createStreamServer(deps: StreamServerDeps): VenueStream {
  const now = (): number => deps.clock.now();
  const timers = new StreamTimers(deps.clock);
  const hub = new UserDataHub(deps.engine, deps.markets);
  const store = new ListenKeyStore(deps.listenKeyTokens, now);
  let open = 0;

  /** Wraps a handler with liveness and makes ending idempotent, whoever ends the connection. */
  const connect = (socket: VenueSocket, makeHandler: (onClose: () => void) => ConnectionHandler): VenueConnection => {
    let live = true;
    open += 1;
    const finish = (): void => {
      if (!live) return;
      live = false;
      open -= 1;
      liveness.stop();
      handler.end();
    };
    const liveness = watchLiveness(socket, timers, now, finish);
    const handler = makeHandler(finish);
    return {
      message: (text) => {
        if (live) handler.receive?.(text);
      },
      pong: (payload) => {
        if (live) liveness.pong(payload);
      },
      closed: () => finish(),
    };
  };

  const accept: AcceptConnection = (path, socket) => {
    const route = path.split('?')[0] ?? '';
    if (route === WS_API_PATH) {
      return connect(socket, () => new WsApiSession(socket, { keys: deps.keys, hub, apiNow: deps.apiNow, eventNow: now }));
    }
    if (route.startsWith(LISTEN_KEY_STREAM_PREFIX)) {
      const listenKey = route.slice(LISTEN_KEY_STREAM_PREFIX.length);
      const state = store.active(listenKey);
      if (state === undefined) return { refused: NOT_FOUND };
      return connect(socket, (onClose) => new ListenKeyStream(socket, listenKey, state.account, { hub, store, timers, now, onClose }));
    }
    return { refused: NOT_FOUND };
  };

  return {
    accept,
    listenKeys: createListenKeyEndpoints(store),
    openConnections: () => open,
    pendingTimers: () => timers.pending(),
  };
}
