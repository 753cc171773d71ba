import { createLimitOrder, type BinanceClient } from '../src/venue/testing/ccxt-binance';

/** A resting limit buy far below any ask, then its cancel: one round trip each through ccxt. */
export async function createAndCancel(exchange: BinanceClient, clientOrderId: string): Promise<void> {
  const order = await createLimitOrder(exchange, 'BTC/USDT', 'buy', '0.001', '20000', { clientOrderId });
  if (order.id === undefined) throw new Error('the venue returned an order without an id');
  await exchange.cancelOrder(order.id, 'BTC/USDT');
}

/** Venue limits far above any loop here: the tools measure the order path, not 429s. */
export const NO_LIMITS = {
  rateLimits: [
    { rateLimitType: 'REQUEST_WEIGHT' as const, interval: 'MINUTE' as const, intervalNum: 1, limit: 1_000_000_000 },
    { rateLimitType: 'ORDERS' as const, interval: 'SECOND' as const, intervalNum: 10, limit: 1_000_000_000 },
  ],
};
