import { RandomSource } from '../src/clock/random';
import { VirtualClock } from '../src/clock/virtual-clock';
import { createVenue } from '../src/venue';
import { binanceClient, createLimitOrder, type BinanceClient } from '../src/venue/testing/ccxt-binance';
import { spreadOf, timed, type Spread } from './stats';

export interface CcxtVenueOptions {
  warmupPairs: number;
  pairsPerRepetition: number;
  repetitions: number;
}

export interface CcxtVenueResult extends CcxtVenueOptions {
  pairsPerSecond: Spread;
  /** Pairs per CPU second of this process (user + system, GC threads included). */
  pairsPerCpuSecond: Spread;
  /** Microseconds per create+cancel pair at the median rate. */
  microsecondsPerPairAtMedian: number;
}

/** A resting limit buy far below any ask, then its cancel: one round trip each through ccxt. */
async function createAndCancel(exchange: BinanceClient, index: number): Promise<void> {
  const order = await createLimitOrder(exchange, 'BTC/USDT', 'buy', '0.001', '20000', { clientOrderId: `bench-${index}` });
  if (order.id === undefined) throw new Error('the venue returned an order without an id');
  await exchange.cancelOrder(order.id, 'BTC/USDT');
}

async function pairs(exchange: BinanceClient, from: number, count: number): Promise<void> {
  for (let index = from; index < from + count; index += 1) await createAndCancel(exchange, index);
}

/**
 * Limit create+cancel pairs per second through the bare ccxt.binance against the venue's
 * in-process transport (configured as in the venue acceptance test), after a warm-up.
 */
export async function measureCcxtVenue(options: CcxtVenueOptions): Promise<CcxtVenueResult> {
  const clock = new VirtualClock();
  const venue = createVenue({ clock, random: new RandomSource('bench-ccxt-venue') });
  const credentials = venue.control.createAccount('bench');
  venue.control.deposit('bench', 'USDT', '1000000');
  const exchange = binanceClient(venue, credentials, clock);
  await exchange.loadMarkets();

  await pairs(exchange, 0, options.warmupPairs);
  let next = options.warmupPairs;
  const rates: number[] = [];
  const cpuRates: number[] = [];
  for (let repetition = 0; repetition < options.repetitions; repetition += 1) {
    const { seconds, cpuSeconds } = await timed(() => pairs(exchange, next, options.pairsPerRepetition));
    next += options.pairsPerRepetition;
    rates.push(options.pairsPerRepetition / seconds);
    cpuRates.push(options.pairsPerRepetition / cpuSeconds);
  }
  const pairsPerSecond = spreadOf(rates);
  return { ...options, pairsPerSecond, pairsPerCpuSecond: spreadOf(cpuRates), microsecondsPerPairAtMedian: 1e6 / pairsPerSecond.median };
}
