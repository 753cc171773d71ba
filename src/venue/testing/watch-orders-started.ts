import type { Order } from 'ccxt';
import type { VirtualClock } from '../../clock/virtual-clock';
import type { BinanceProClient } from '../../exchange/binance-pro-client';

/**
 * Starts ccxt.pro's `watchOrders` and gives it the time to connect and send its subscription
 * (10 virtual ms: round trips at the in-process transport's 1 ms). The watch is handled, so a
 * test may settle it later or never; so is ccxt 4.5.84's `authenticate:signature:spot` future,
 * which ensureUserDataStreamWsSubscribeSignature rejects with nobody awaiting it when the
 * connection fails before the subscription is confirmed (Node would end the run on it).
 * Wrapped in an object: an async function returning the watch itself would wait for it to settle.
 */
export async function watchOrdersStarted(clock: VirtualClock, exchange: BinanceProClient, symbol = 'BTC/USDT'): Promise<{ watch: Promise<Order[]> }> {
  const watch = exchange.watchOrders(symbol);
  watch.catch(() => undefined);
  await clock.run(clock.sleep(0));
  const future: unknown = exchange.client(exchange.urls.api.ws['ws-api'].spot).futures['authenticate:signature:spot'];
  if (future instanceof Promise) future.catch(() => undefined);
  await clock.run(clock.sleep(10));
  return { watch };
}
