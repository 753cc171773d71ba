import { createLimitOrder, type BinanceClient } from '../src/venue/testing/ccxt-binance';
import { cannedBinanceClient } from './canned-client';
import { pairsInFlight, type CcxtVenueOptions } from './ccxt-venue';
import { spreadOf, timed, type Spread } from './stats';

export interface CcxtFloorResult extends CcxtVenueOptions {
  inFlight: number;
  pairsPerSecond: Spread;
  pairsPerCpuSecond: Spread;
  cpuMicrosecondsPerPairAtMedian: number;
}

async function cannedPair(exchange: BinanceClient): Promise<void> {
  const order = await createLimitOrder(exchange, 'BTC/USDT', 'buy', '0.001', '20000', { clientOrderId: 'floor' });
  if (order.id === undefined) throw new Error('the canned answer has no order id');
  await exchange.cancelOrder(order.id, 'BTC/USDT');
}

function loop(exchange: BinanceClient, count: number, inFlight = 1): Promise<void> {
  return pairsInFlight(() => cannedPair(exchange), null, 0, count, inFlight);
}

/** The floor under every venue figure: the same ccxt create+cancel loop on canned answers. */
export async function measureCcxtFloor(options: CcxtVenueOptions): Promise<CcxtFloorResult> {
  const exchange = await cannedBinanceClient('bench-ccxt-floor', cannedPair);
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
