import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../clock/virtual-clock';
import { NetworkError } from '../domain/errors';
import { BINANCE_ORIGIN } from './binance-client';
import { createBinanceProClient } from './binance-pro-client';
import { binanceUserData } from './binance-user-data';

/**
 * The ccxt.pro connection's own edges, without a socket: what it hears and what a closed one
 * refuses. Its stream end to end is reference-adapter.stream.test.ts's.
 */
async function connection() {
  const clock = new VirtualClock();
  const client = await createBinanceProClient({
    environment: 'sim',
    clock,
    credentials: { apiKey: 'key', secret: 'secret' },
    baseUrl: BINANCE_ORIGIN,
    fetch: async () => ({ status: 200, statusText: 'OK', headers: {}, text: async () => '{}' }),
  });
  return { clock, client, userData: binanceUserData(client, clock) };
}

describe('binanceUserData', () => {
  it('hears a pong and a message as frames, each at its time on the clock', async () => {
    const { clock, client, userData } = await connection();
    const wsClient = client.client(client.urls.api.ws['ws-api'].spot);
    expect(userData.lastHeardAt()).toBeUndefined();
    const heardAt: Array<number | undefined> = [];
    for (const frame of [() => wsClient.onPong(), () => wsClient.onMessage({ data: '{}' })]) {
      await clock.advance(1000);
      frame();
      heardAt.push(userData.lastHeardAt());
    }
    expect(heardAt).toEqual([clock.now() - 1000, clock.now()]);
    await userData.close();
  });

  it('refuses every watch once closed, saying so, instead of dialling a connection nobody closes', async () => {
    const { userData } = await connection();
    await userData.close();
    const refusal = userData.nextOrderReports();
    await expect(refusal).rejects.toThrow(NetworkError);
    await expect(refusal).rejects.toThrow('the user-data connection was closed');
  });
});
