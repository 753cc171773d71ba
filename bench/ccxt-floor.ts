import { RandomSource } from '../src/clock/random';
import { VirtualClock } from '../src/clock/virtual-clock';
import type { FetchLike, TransportResponse } from '../src/exchange/contract';
import { createVenue } from '../src/venue';
import { binanceClient, createLimitOrder, type BinanceClient } from '../src/venue/testing/ccxt-binance';
import { pairsInFlight, type CcxtVenueOptions } from './ccxt-venue';
import { spreadOf, timed, type Spread } from './stats';

export interface CcxtFloorResult extends CcxtVenueOptions {
  inFlight: number;
  pairsPerSecond: Spread;
  pairsPerCpuSecond: Spread;
  cpuMicrosecondsPerPairAtMedian: number;
}

interface Canned {
  status: number;
  statusText: string;
  headers: Record<string, string>;
  body: string;
}

async function cannedPair(exchange: BinanceClient): Promise<void> {
  const order = await createLimitOrder(exchange, 'BTC/USDT', 'buy', '0.001', '20000', { clientOrderId: 'floor' });
  if (order.id === undefined) throw new Error('the canned answer has no order id');
  await exchange.cancelOrder(order.id, 'BTC/USDT');
}

function loop(exchange: BinanceClient, count: number, inFlight = 1): Promise<void> {
  return pairsInFlight(() => cannedPair(exchange), null, 0, count, inFlight);
}

/**
 * The floor under every venue figure: the same ccxt create+cancel loop against a transport that
 * answers each request with a response captured once from the venue (no venue work at all).
 * What ccxt itself costs on this machine: request building, precision, signing, parsing.
 */
export async function measureCcxtFloor(options: CcxtVenueOptions): Promise<CcxtFloorResult> {
  const clock = new VirtualClock();
  const venue = createVenue({ clock, random: new RandomSource('bench-ccxt-floor') });
  const credentials = venue.control.createAccount('bench');
  venue.control.deposit('bench', 'USDT', '1000000');
  const captured = new Map<string, Canned>();
  const keyOf = (method: string, url: string): string => `${method} ${url.split('?', 1)[0] ?? ''}`;
  const recording: FetchLike = async (url, init) => {
    const response = await venue.fetch(url, init);
    const body = await response.text();
    captured.set(keyOf(init.method, url), { status: response.status, statusText: response.statusText, headers: response.headers, body });
    return { ...response, text: async () => body };
  };
  const recorder = binanceClient({ ...venue, fetch: recording }, credentials, clock);
  await recorder.loadMarkets();
  await loop(recorder, 1);
  const canned: FetchLike = async (url, init): Promise<TransportResponse> => {
    const answer = captured.get(keyOf(init.method, url));
    if (answer === undefined) throw new Error(`nothing captured for ${init.method} ${url}`);
    return { status: answer.status, statusText: answer.statusText, headers: answer.headers, text: async () => answer.body };
  };
  const exchange = binanceClient({ ...venue, fetch: canned }, credentials, clock);
  await exchange.loadMarkets();
  const inFlight = options.inFlight ?? 1;
  await loop(exchange, options.warmupPairs, inFlight);
  const rates: number[] = [];
  const cpuRates: number[] = [];
  for (let repetition = 0; repetition < options.repetitions; repetition += 1) {
    const { seconds, cpuSeconds } = await timed(() => loop(exchange, options.pairsPerRepetition, inFlight));
    rates.push(options.pairsPerRepetition / seconds);
    cpuRates.push(options.pairsPerRepetition / cpuSeconds);
  }
  const pairsPerCpuSecond = spreadOf(cpuRates);
  return { ...options, inFlight, pairsPerSecond: spreadOf(rates), pairsPerCpuSecond, cpuMicrosecondsPerPairAtMedian: 1e6 / pairsPerCpuSecond.median };
}
