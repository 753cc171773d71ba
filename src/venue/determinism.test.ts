import { describe, expect, it } from 'vitest';
import { RandomSource } from '../clock/random';
import { VirtualClock } from '../clock/virtual-clock';
import { createVenue } from './index';
import { binanceClient, createLimitOrder } from './testing/ccxt-binance';

/**
 * One fixed session through ccxt and the control API. Client order ids are always passed:
 * without one ccxt draws its own (`uuid22`) from Math.random, which no seed reaches.
 */
async function session(seed: string): Promise<{ eventLog: string; responses: string[]; credentials: string }> {
  const clock = new VirtualClock();
  const venue = createVenue({ clock, random: new RandomSource(seed) });
  const credentials = venue.control.createAccount('alice');
  venue.control.deposit('alice', 'USDT', '50000');
  venue.control.deposit('alice', 'ETH', '3');
  const exchange = binanceClient(venue, credentials, clock);
  const responses: unknown[] = [];
  await exchange.loadMarkets();
  responses.push((await exchange.fetchBalance()).info);
  venue.control.placeExternalOrder({ symbol: 'ETH/USDT', side: 'sell', price: '2000.5', quantity: '0.3' });
  await clock.advance(250);
  responses.push((await createLimitOrder(exchange, 'ETH/USDT', 'buy', '0.5', '2001', { clientOrderId: 'b-1' })).info);
  responses.push((await createLimitOrder(exchange, 'ETH/USDT', 'sell', '1.25', '2100', { clientOrderId: 's-1' })).info);
  await clock.advance(1000);
  venue.control.takeExternal({ symbol: 'ETH/USDT', side: 'buy', quantity: '0.4' });
  responses.push((await exchange.fetchOrder('', 'ETH/USDT', { origClientOrderId: 's-1' })).info);
  responses.push((await exchange.cancelOrder('2', 'ETH/USDT')).info);
  await createLimitOrder(exchange, 'ETH/USDT', 'buy', '100', '2000', { clientOrderId: 'too-big' }).catch(() => undefined);
  responses.push((await exchange.fetchOpenOrders()).map((order) => order.info));
  responses.push((await exchange.fetchMyTrades('ETH/USDT')).map((trade) => trade.info));
  responses.push((await exchange.fetchBalance()).info);
  return { eventLog: venue.control.eventLog(), responses: responses.map((response) => JSON.stringify(response)), credentials: JSON.stringify(credentials) };
}

describe('venue determinism', () => {
  it('gives a byte-identical event log and identical responses for the same seed and requests', async () => {
    const first = await session('seed-7');
    const second = await session('seed-7');
    expect(second.eventLog).toBe(first.eventLog);
    expect(second.responses).toEqual(first.responses);
    expect(second.credentials).toBe(first.credentials);
    expect(first.eventLog.split('\n').filter((line) => line.includes('"type":"trade"'))).toHaveLength(2);
  });

  it('draws credentials and generated ids from the seed', async () => {
    const [a, b] = await Promise.all([session('seed-7'), session('seed-8')]);
    expect(b.credentials).not.toBe(a.credentials);
    // The cancel's generated clientOrderId comes from the seeded stream, so responses differ.
    expect(b.responses).not.toEqual(a.responses);
  });

  it('numbers events from 1 on the venue clock and keeps secrets out of the log', async () => {
    const { eventLog, credentials } = await session('seed-7');
    const events = eventLog.trimEnd().split('\n').map((line) => JSON.parse(line) as { seq: number; at: number });
    expect(events.map((event) => event.seq)).toEqual(events.map((_, index) => index + 1));
    expect(events.every((event, index) => index === 0 || event.at >= (events[index - 1]?.at ?? 0))).toBe(true);
    const { apiKey, secret } = JSON.parse(credentials) as { apiKey: string; secret: string };
    expect(eventLog).not.toContain(apiKey);
    expect(eventLog).not.toContain(secret);
  });
});
