import { RequestTimeout, type Exchange } from 'ccxt';
import { createWebSocketStream } from 'ws';
import type { Clock } from '../../clock/clock';
import { TransportRefusedError } from '../../domain/errors';
import type { WebSocketTransport } from '../../exchange/binance-pro-client';
import { DEFAULT_REMOTE_ADDRESS } from '../limits/request-weight';
import type { AcceptConnection } from '../stream/socket';
import { BINANCE_ORIGIN } from './in-process';
import { InProcessWebSocket } from './in-process-socket';

/** The one WebSocket origin the in-process transport serves: the REST origin's in ws form. */
export const BINANCE_WS_ORIGIN = BINANCE_ORIGIN.replace(/^https:/, 'wss:');

/** One way, for the upgrade, its answer, every frame and every close: a loopback-like 1 ms. */
export const DEFAULT_WS_LATENCY_MS = 1;

export interface InProcessWebSocketOptions {
  /** Every open, frame and close arrives as a step on this clock (the venue's, shared with the client). */
  clock: Clock;
  /** Virtual ms each of them travels, one way; default DEFAULT_WS_LATENCY_MS. */
  latencyMs?: number | undefined;
  /** What the venue sees as the client's address; default the in-process REST caller's. */
  remoteAddress?: string | undefined;
}

type WsClient = ReturnType<Exchange['client']>;

/**
 * A WebSocketTransport that carries the real, unmodified ccxt.pro's connections to `accept`
 * without a socket: ccxt's Client/WsClient logic (futures, subscriptions, reset, reconnect, its
 * node delivery loop through a `ws` duplex) runs as shipped; only how a connection is made and
 * ccxt's real-time timers are taken over, per client, here:
 *
 * - `exchange.client(url)` refuses any origin but BINANCE_WS_ORIGIN with TransportRefusedError
 *   before a client exists (the watch rejects with it), and feeds each new WsClient in-process.
 * - `createConnection`: WsClient.createConnection builds `new WebSocket(url)` from a module-level
 *   import of `ws`, so it cannot be handed another socket; ours is its node branch line for line
 *   with an InProcessWebSocket (a `ws` WebSocket without a socket: WsClient.close()'s `instanceof`,
 *   isOpen()'s readyState and createWebSocketStream keep working) in place of the dial.
 * - Timers, on the injected clock instead of the globals: the connection timeout
 *   (setConnectionTimeout), the keepAlive ping (setPingInterval; a pong is recorded at virtual
 *   time, since Client.onPingInterval compares against the real Date.now), and the reconnect
 *   backoff (WsClient.connect sleeps on a real setTimeout). clearConnectionTimeout and
 *   clearPingInterval are ours too: they abort the sleep (node's clearTimeout, which ccxt's call,
 *   would ignore it), so a closed connection leaves no timer on the clock (invariant F2).
 *
 * Also `exchange.sleep` (Exchange.close() awaits its real sleep(0); REST retry delays use it too).
 * Not taken over: the real `milliseconds()` in Client.onOpen (connectionEstablished, which
 * nothing reads to decide) and the dates in its verbose logs.
 *
 * Rejected alternative: a byte pipe under ccxt's own `ws` client (its `createConnection` option)
 * with node's HTTP parser and `ws` server on the venue end would patch nothing of ccxt's
 * connection code, but `ws` then arms real 30 s close-handshake timers on both ends and ccxt's
 * timers would still need taking over.
 */
export function createInProcessWebSocket(accept: AcceptConnection, options: InProcessWebSocketOptions): WebSocketTransport {
  const wire = {
    accept,
    clock: options.clock,
    latencyMs: options.latencyMs ?? DEFAULT_WS_LATENCY_MS,
    remoteAddress: options.remoteAddress ?? DEFAULT_REMOTE_ADDRESS,
  };
  return (exchange) => {
    // Exchange.close() yields with `await this.sleep(0)` (a real timer) before closing its clients;
    // meanwhile a driven clock would jump to whatever timer is next (a keepAlive tick, minutes
    // ahead) depending on real timing. On the clock, the yield is one step like any other.
    exchange.sleep = (ms) => options.clock.sleep(ms);
    const ccxtClient = exchange.client.bind(exchange);
    const fed = new WeakSet<WsClient>();
    exchange.client = (url) => {
      const path = url === undefined ? undefined : venuePathOf(url);
      const client = ccxtClient(url);
      if (path !== undefined && !fed.has(client)) {
        fed.add(client);
        feedInProcess(client, () => new InProcessWebSocket({ ...wire, path }), options.clock);
      }
      return client;
    };
  };
}

/** The path and query the venue is asked to accept, or TransportRefusedError for any other origin. */
function venuePathOf(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new TransportRefusedError(url);
  }
  if (parsed.origin !== BINANCE_WS_ORIGIN || parsed.username !== '' || parsed.password !== '') throw new TransportRefusedError(url);
  return parsed.pathname + parsed.search;
}

function feedInProcess(client: WsClient, open: () => InProcessWebSocket, clock: Clock): void {
  let dialDelayMs = 0;
  // Exchange.watch asks for a backoff before a redial; WsClient.connect would wait it out on a
  // real timer, so it is handed 0 and the wait happens on the clock in createConnection.
  const ccxtConnect = client.connect.bind(client);
  client.connect = (backoffDelay = 0) => {
    dialDelayMs = backoffDelay;
    return ccxtConnect(0);
  };
  const dial = (): void => {
    client.connectionStarted = clock.now();
    client.setConnectionTimeout();
    const connection = open();
    client.connection = connection;
    // WsClient.createConnection's node branch: one message per deliverLoop step through the duplex.
    const duplex = createWebSocketStream(connection, { readableObjectMode: true, readableHighWaterMark: 1024 });
    duplex.on('error', () => undefined);
    client.duplex = duplex;
    connection.onopen = client.onConnectionOpen.bind(client);
    connection.onerror = client.onError.bind(client);
    connection.onclose = client.onClose.bind(client);
    connection.on('ping', client.onPing.bind(client));
    // Client.onPong stamps the real Date.now; the keepAlive below reads virtual time.
    connection.on('pong', () => {
      client.lastPong = clock.now();
    });
  };
  client.createConnection = () => {
    const delayMs = dialDelayMs;
    dialDelayMs = 0;
    if (delayMs > 0) void clock.sleep(delayMs).then(dial);
    else dial();
  };
  // Each timer is a sleep its clear aborts: a connection closed early leaves nothing on the clock.
  let connectionTimer = new AbortController();
  let pingInterval = new AbortController();
  client.setConnectionTimeout = () => {
    const timeoutMs: unknown = client.connectionTimeout;
    if (typeof timeoutMs !== 'number' || timeoutMs <= 0) return;
    connectionTimer.abort();
    const timer = new AbortController();
    connectionTimer = timer;
    client.connectionTimer = timer;
    void clock.sleep(timeoutMs, timer.signal).then(() => {
      if (!timer.signal.aborted && client.connectionTimer === timer) client.onConnectionTimeout();
    });
  };
  client.clearConnectionTimeout = () => {
    connectionTimer.abort();
    client.connectionTimer = undefined;
  };
  client.setPingInterval = () => {
    const keepAliveMs = client.keepAlive;
    if (!(keepAliveMs > 0)) return;
    pingInterval.abort();
    const interval = new AbortController();
    pingInterval = interval;
    client.pingInterval = interval;
    const next = (): void => {
      void clock.sleep(keepAliveMs, interval.signal).then(() => {
        if (interval.signal.aborted || client.pingInterval !== interval) return;
        pingOrGiveUp(client, keepAliveMs, clock.now());
        next();
      });
    };
    next();
  };
  client.clearPingInterval = () => {
    pingInterval.abort();
    client.pingInterval = undefined;
  };
}

/** Client.onPingInterval, on virtual time: ping, or give up after maxPingPongMisses silent intervals. */
function pingOrGiveUp(client: WsClient, keepAliveMs: number, now: number): void {
  if (!client.isOpen()) return;
  const lastPong = typeof client.lastPong === 'number' ? client.lastPong : now;
  client.lastPong = lastPong;
  const misses = typeof client.maxPingPongMisses === 'number' ? client.maxPingPongMisses : 2;
  if (lastPong + keepAliveMs * misses < now) {
    client.onError(new RequestTimeout(`Connection to ${client.url} timed out due to a ping-pong keepalive missing on time`));
    void client.close();
    return;
  }
  const message: unknown = typeof client.ping === 'function' ? client.ping(client) : undefined;
  if (message !== undefined && message !== null && message !== '') {
    client.send(message).catch((error: unknown) => client.onError(error));
    return;
  }
  const connection: unknown = client.connection;
  if (connection instanceof InProcessWebSocket) connection.ping();
}
