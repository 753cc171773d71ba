import type { Clock } from '../../clock/clock';
import type { RandomStream } from '../../clock/random';
import type { Market } from '../../domain/market';
import type { ApiKeyRegistry } from '../api/api-keys';
import type { MatchingEngine } from '../engine/engine';
import { applyStreamFault, type StreamFaultTargets } from './apply-stream-fault';
import { FrameLog, type StreamFrame } from './frame-log';
import { createListenKeyEndpoints, ListenKeyStore, type ListenKeyEndpoints } from './listen-key';
import { ListenKeyStream } from './listen-key-stream';
import type { AcceptConnection, VenueConnection, VenueSocket } from './socket';
import { StreamConnection, type ConnectionHandler, type HandlerLink } from './stream-connection';
import { REFUSED_UPGRADE_STATUS, type StreamFault, type StreamFaultEffect } from './stream-faults';
import { StreamTimers } from './stream-timers';
import { UserDataHub } from './user-data-hub';
import { WsApiSession } from './ws-api-session';

/** Binance's paths: the WebSocket API, and a listenKey's raw stream on stream.binance.com. */
export const WS_API_PATH = '/ws-api/v3';
export const LISTEN_KEY_STREAM_PREFIX = '/ws/';
/** How fault events name the listenKey streams: the key is a bearer token and stays out of the event log. */
const LISTEN_KEY_ROUTE = `${LISTEN_KEY_STREAM_PREFIX}*`;
const NOT_FOUND = 404;
const NO_FRAMES: readonly StreamFrame[] = Object.freeze([]);

export interface StreamServerDeps {
  clock: Clock;
  engine: MatchingEngine;
  keys: ApiKeyRegistry;
  markets: readonly Market[];
  /** The API's clock (server time, recvWindow), which a nemesis clock jump moves. */
  apiNow: () => number;
  /** The seeded stream listenKeys are drawn from. */
  listenKeyTokens: RandomStream;
  /** Keep the frame log (`frames()`); off, it costs nothing. */
  recordFrames?: boolean | undefined;
}

/** The venue's streaming side, for the transports and the REST routes. */
export interface VenueStream {
  /** Hand every upgrade here: "/ws-api/v3" and "/ws/<listenKey>" are served, anything else is 404. */
  readonly accept: AcceptConnection;
  /** POST/PUT/DELETE /api/v3/userDataStream, for the REST routes (USER_STREAM: API key only). */
  readonly listenKeys: ListenKeyEndpoints;
  /** Connections open now (a silenced one until its client ends it). */
  openConnections(): number;
  /** Stream timers waiting (pings, pong deadlines, expiries, 24-hour limits); 0 once all are closed. */
  pendingTimers(): number;
  /**
   * Applies a stream fault at once and says what it did. Inject through
   * `venue.nemesis.injectStreamFault`, which checks the fault and logs it; RangeError for an unknown account.
   */
  injectFault(account: string, fault: StreamFault): StreamFaultEffect;
  /** Every frame so far when the venue records them (`recordFrames`), else none. */
  frames(): readonly StreamFrame[];
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
  const frameLog = deps.recordFrames === true ? new FrameLog(now) : undefined;
  /** Open connections, in the order they were accepted. */
  const connections = new Set<StreamConnection>();
  let upgrades = 0;
  let refusingUntil = Number.NEGATIVE_INFINITY;

  const connect = (id: number, path: string, route: string, socket: VenueSocket, makeHandler: (link: HandlerLink) => ConnectionHandler): VenueConnection => {
    const connection: StreamConnection = new StreamConnection(
      { id, path, route, socket, clock: deps.clock, timers, userData: hub, frames: frameLog, onEnd: () => connections.delete(connection) },
      makeHandler,
    );
    connections.add(connection);
    return connection.incoming;
  };

  const accept: AcceptConnection = (path, socket) => {
    upgrades += 1;
    const id = upgrades;
    const refuse = (status: number): { refused: number } => {
      frameLog?.record(id, 'out', 'refused', String(status));
      return { refused: status };
    };
    // stream_refuse answers every upgrade, whatever its path, as a server in front of the routes would.
    if (now() < refusingUntil) return refuse(REFUSED_UPGRADE_STATUS);
    const route = path.split('?')[0] ?? '';
    if (route === WS_API_PATH) {
      return connect(id, path, WS_API_PATH, socket, ({ socket: out, userData }) => new WsApiSession(out, { keys: deps.keys, hub: userData, apiNow: deps.apiNow, eventNow: now }));
    }
    if (route.startsWith(LISTEN_KEY_STREAM_PREFIX)) {
      const listenKey = route.slice(LISTEN_KEY_STREAM_PREFIX.length);
      const state = store.active(listenKey);
      if (state === undefined) return refuse(NOT_FOUND);
      return connect(id, path, LISTEN_KEY_ROUTE, socket, ({ socket: out, userData, onClose }) => new ListenKeyStream(out, listenKey, state.account, { hub: userData, store, timers, now, onClose }));
    }
    return refuse(NOT_FOUND);
  };

  const faultTargets: StreamFaultTargets = {
    connections: () => [...connections],
    expireListenKeys: (account) => store.expireAll(account),
    refuseUpgradesUntil: (until) => {
      refusingUntil = Math.max(refusingUntil, until);
      return refusingUntil;
    },
    now,
    routes: [WS_API_PATH, LISTEN_KEY_ROUTE],
  };

  return {
    accept,
    listenKeys: createListenKeyEndpoints(store),
    openConnections: () => connections.size,
    pendingTimers: () => timers.pending(),
    injectFault: (account, fault) => {
      if (!deps.engine.ledger.has(account)) throw new RangeError(`${fault.kind}: the venue has no account ${account}`);
      return applyStreamFault(account, fault, faultTargets);
    },
    frames: () => frameLog?.frames() ?? NO_FRAMES,
  };
}
