import { RandomSource } from '../../clock/random';
import { VirtualClock } from '../../clock/virtual-clock';
import { createBinanceProClient, type BinanceProClient } from '../../exchange/binance-pro-client';
import type { Credentials } from '../../exchange/contract';
import { createVenue, type Venue } from '../index';
import { BINANCE_ORIGIN } from '../transport/in-process';
import { createInProcessWebSocket } from '../transport/in-process-ws';

export interface CcxtProWorld {
  clock: VirtualClock;
  venue: Venue;
  credentials: Credentials;
  exchange: BinanceProClient;
}

/**
 * A venue on a virtual clock with one funded account (alice: 100000 USDT, and `btc` BTC when
 * given), and the real ccxt.pro.binance trading it in-process (REST through `venue.fetch`, the
 * user-data stream through the in-process WebSocket), markets loaded.
 */
export async function ccxtProWorld(seed: string, options: { btc?: string; recordFrames?: boolean } = {}): Promise<CcxtProWorld> {
  const clock = new VirtualClock();
  const venue = createVenue({ clock, random: new RandomSource(seed), recordFrames: options.recordFrames });
  const credentials = venue.control.createAccount('alice');
  venue.control.deposit('alice', 'USDT', '100000');
  if (options.btc !== undefined) venue.control.deposit('alice', 'BTC', options.btc);
  const exchange = await createBinanceProClient({
    environment: 'sim',
    clock,
    credentials,
    baseUrl: BINANCE_ORIGIN,
    fetch: venue.fetch,
    webSocket: createInProcessWebSocket(venue.stream.accept, { clock }),
  });
  await clock.run(exchange.loadMarkets());
  return { clock, venue, credentials, exchange };
}
