import { RandomSource } from '../src/clock/random';
import { VirtualClock } from '../src/clock/virtual-clock';
import type { FetchLike, TransportResponse } from '../src/exchange/contract';
import { createVenue } from '../src/venue';
import { binanceClient, type BinanceClient } from '../src/venue/testing/ccxt-binance';

interface Canned {
  status: number;
  statusText: string;
  headers: Record<string, string>;
  body: string;
}

const keyOf = (method: string, url: string): string => `${method} ${url.split('?', 1)[0] ?? ''}`;

/**
 * A ccxt.binance whose every request is answered, with no venue work at all, by the venue's
 * answer to the same method and path while `record` ran once against a fresh venue: what ccxt
 * itself costs (request building, precision, signing, parsing), the floor under the venue figures.
 */
export async function cannedBinanceClient(seed: string, record: (exchange: BinanceClient) => Promise<void>): Promise<BinanceClient> {
  const clock = new VirtualClock();
  const venue = createVenue({ clock, random: new RandomSource(seed) });
  const credentials = venue.control.createAccount('bench');
  venue.control.deposit('bench', 'USDT', '1000000');
  const captured = new Map<string, Canned>();
  const recording: FetchLike = async (url, init) => {
    const response = await venue.fetch(url, init);
    const body = await response.text();
    captured.set(keyOf(init.method, url), { status: response.status, statusText: response.statusText, headers: response.headers, body });
    return { ...response, text: async () => body };
  };
  const recorder = binanceClient({ ...venue, fetch: recording }, credentials, clock);
  await recorder.loadMarkets();
  await record(recorder);
  const canned: FetchLike = async (url, init): Promise<TransportResponse> => {
    const answer = captured.get(keyOf(init.method, url));
    if (answer === undefined) throw new Error(`nothing captured for ${init.method} ${url}`);
    return { status: answer.status, statusText: answer.statusText, headers: answer.headers, text: async () => answer.body };
  };
  const exchange = binanceClient({ ...venue, fetch: canned }, credentials, clock);
  await exchange.loadMarkets();
  return exchange;
}
