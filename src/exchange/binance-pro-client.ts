import { pro } from 'ccxt';
import { LiveEnvironmentRefusedError } from '../domain/errors';
import { BINANCE_ORIGIN, pointApiAt, putOnInjectedClock, sharedClientOptions } from './binance-client';
import { clientFromTemplate } from './client-template';
import type { AdapterEnvironment } from './contract';

export type BinanceProClient = InstanceType<typeof pro.binance>;

/**
 * Carries the WebSocket connections ccxt.pro opens instead of ccxt's own `ws` sockets; called once
 * on a new client, before any watch. The in-process venue's transport is one
 * (src/venue/transport/in-process-ws.ts: frames as steps on the virtual clock).
 */
export type WebSocketTransport = (exchange: BinanceProClient) => void;

export interface BinanceProEnvironment extends Pick<AdapterEnvironment, 'environment' | 'clock' | 'credentials' | 'baseUrl' | 'fetch'> {
  /** Absent: ccxt's own `ws` sockets to `baseUrl`'s ws:// or wss:// origin (the loopback venue). */
  webSocket?: WebSocketTransport | undefined;
}

/**
 * A `ccxt.pro.binance` configured exactly as createBinanceClient configures `ccxt.binance` (spot
 * only, the injected clock and REST transport, decimals as strings), with every WebSocket URL on
 * the venue's origin: `urls.api.ws['ws-api'].spot` is `<origin in ws form>/ws-api/v3`, where spot
 * user data goes in ccxt 4.5.84 (shared/notes/ccxt-binance.md). Throws LiveEnvironmentRefusedError
 * for `live` before anything is built (invariant S4).
 */
export async function createBinanceProClient(env: BinanceProEnvironment): Promise<BinanceProClient> {
  if (env.environment === 'live') throw new LiveEnvironmentRefusedError();
  // ccxt.pro's class itself (its describe() adds the ws URLs and streaming defaults), made from
  // the process's template of it as ccxt.binance is (client-template.ts); the options and the
  // clock are createBinanceClient's.
  const exchange = clientFromTemplate(pro.binance, sharedClientOptions(), env);
  putOnInjectedClock(exchange, env);
  const origin = env.baseUrl.replace(/\/+$/, '');
  // On ccxt's own REST origin the REST URLs stay as they are (createBinanceClient), the ws ones
  // move to wss://api.binance.com, the one origin the in-process WebSocket transport serves.
  exchange.urls.api = origin === BINANCE_ORIGIN ? { ...exchange.urls.api, ws: pointApiAt(exchange.urls.api.ws, origin) } : pointApiAt(exchange.urls.api, origin);
  if (env.webSocket !== undefined) {
    env.webSocket(exchange);
  } else if (origin.startsWith('http://')) {
    // ccxt refuses ws:// URLs with NotSupported until this is done (Exchange.getHttpAgentIfNeeded).
    await exchange.loadHttpProxyAgent();
  }
  return exchange;
}
