import { NetworkError } from '../domain/errors';
import type { Clock } from '../clock/clock';
import type { BinanceProClient } from './binance-pro-client';
import type { UserDataConnection } from './user-data-stream';

/** ccxt.pro's future for the spot subscription (pro/binance.js ensureUserDataStreamWsSubscribeSignature). */
const SUBSCRIBE_FUTURE = 'authenticate:signature:spot';

/**
 * One ccxt.pro.binance client as a UserDataConnection: the spot user-data stream over the
 * WebSocket API, read through ccxt's own `watchOrders`, `watchMyTrades` and `watchBalance`. Each
 * connection is a fresh client: closing it rejects every pending watch, and nothing of an old
 * connection's caches leaks into the next.
 *
 * watchOrders keeps one entry per order (ArrayCacheBySymbolById), so two reports of one order in
 * one batch arrive as the later one; watchMyTrades keeps every trade. The reports are applied
 * from both: the trades path brings each fill, the orders path each status, and a fill applied
 * by either is skipped by the other (by trade id).
 */
export function binanceUserData(client: BinanceProClient, clock: Clock): UserDataConnection {
  let subscriptionEnded: (() => void) | undefined;
  let closed = false;
  let lastHeardAt: number | undefined;
  const heard = (): void => {
    lastHeardAt = clock.now();
  };
  const watched = new WeakSet<object>();
  // ccxt.pro's close() forgets its clients, and a watch called after it (or one that was past its
  // first await) would dial a new connection nobody closes: a closed connection stays closed.
  const clientFor = client.client.bind(client);
  client.client = (url) => {
    if (closed) throw new NetworkError('the user-data connection was closed');
    const wsClient = clientFor(url);
    if (!watched.has(wsClient)) {
      watched.add(wsClient);
      hearFrames(wsClient, heard);
    }
    return wsClient;
  };
  // ccxt clears its subscription flag and rejects only a future nobody waits on; the adapter
  // must hear of it to subscribe again (else the stream stays quiet and nothing says so).
  const handleEventStreamTerminated = client.handleEventStreamTerminated.bind(client);
  client.handleEventStreamTerminated = (wsClient, message) => {
    handleEventStreamTerminated(wsClient, message);
    subscriptionEnded?.();
  };
  return {
    subscribe: async () => {
      const subscribing = client.authenticate({ type: 'spot' });
      // ccxt 4.5.84 rejects this future too when the connect fails before the subscription is
      // answered, and nothing else awaits it: unhandled, it would end the process.
      const url = client.urls.api.ws['ws-api'].spot;
      const future: unknown = client.client(url).futures[SUBSCRIBE_FUTURE];
      if (future instanceof Promise) future.catch(() => undefined);
      await subscribing;
    },
    nextOrderReports: async () => (await client.watchOrders()).map((order) => order.info),
    nextTradeReports: async () => (await client.watchMyTrades()).map((trade) => trade.info),
    nextBalanceEvent: async () => (await client.watchBalance()).info,
    lastHeardAt: () => lastHeardAt,
    onSubscriptionEnded: (listener) => {
      subscriptionEnded = listener;
    },
    close: async () => {
      closed = true;
      await client.close();
    },
  };
}

type WsClient = ReturnType<BinanceProClient['client']>;

/**
 * Stamps every frame that arrives, the venue's pings included (Binance pings every 20 s): a
 * connection that has gone half-open stops them, long before ccxt's own keepAlive (a ping every
 * 180 s, dead after two missed pongs) gives up. Both transports bind these handlers when they
 * dial, so wrapping them on the client before it connects is enough.
 */
function hearFrames(wsClient: WsClient, heard: () => void): void {
  const onPing = wsClient.onPing.bind(wsClient);
  const onPong = wsClient.onPong.bind(wsClient);
  const onMessage = wsClient.onMessage.bind(wsClient);
  wsClient.onPing = () => {
    heard();
    onPing();
  };
  wsClient.onPong = () => {
    heard();
    onPong();
  };
  wsClient.onMessage = (messageEvent: unknown) => {
    heard();
    onMessage(messageEvent);
  };
}
