import { RandomSource } from '../src/clock/random';
import { VirtualClock } from '../src/clock/virtual-clock';
import { createBinanceClient } from '../src/exchange/binance-client';
import { createVenue } from '../src/venue';
import { createAndCancel } from './create-and-cancel';
import { binanceClient } from '../src/venue/testing/ccxt-binance';
import { startLoopbackServer } from '../src/venue/transport/http-server';
import { spreadOf, timed, type Spread } from './stats';

/** `in-process`: ccxt's fetchImplementation is `venue.fetch`; `loopback`: real HTTP to 127.0.0.1, server in this process. */
export type BenchTransport = 'in-process' | 'loopback';

export interface CcxtVenueOptions {
  warmupPairs: number;
  pairsPerRepetition: number;
  repetitions: number;
  /**
   * Pairs started together, each its own create-then-cancel chain: 1 is one order at a time;
   * PIPELINED_IN_FLIGHT is a client with a clock step's worth of orders on their way at once.
   */
  inFlight?: number;
}

export interface CcxtVenueResult extends CcxtVenueOptions {
  inFlight: number;
  transport: BenchTransport;
  pairsPerSecond: Spread;
  /** Pairs per CPU second of this process (user + system, GC threads included; over loopback the server's share too). */
  pairsPerCpuSecond: Spread;
  /** Microseconds per create+cancel pair at the median rate. */
  microsecondsPerPairAtMedian: number;
  /** CPU microseconds per pair at the median CPU rate: the figure to compare on a busy machine. */
  cpuMicrosecondsPerPairAtMedian: number;
}

/**
 * Virtual time moves 10 s after every this many pairs, so the venue's ORDERS limit (100 per
 * 10 s) and REQUEST_WEIGHT limit (6000 per minute) never refuse a bench order: the bench
 * measures the order path, not 429s. 40 orders and 80 weight per 10 s stay far below both.
 */
const PAIRS_PER_CLOCK_STEP = 40;
const CLOCK_STEP_MS = 10_000;

/** The pipelined figures' orders in flight: one clock step's pairs, all started at once. */
export const PIPELINED_IN_FLIGHT = PAIRS_PER_CLOCK_STEP;

/** `count` pairs from index `from`, `inFlight` at a time; the clock steps between batches. */
export async function pairsInFlight(run: (index: number) => Promise<void>, clock: VirtualClock | null, from: number, count: number, inFlight: number): Promise<void> {
  for (let batch = from; batch < from + count; batch += inFlight) {
    const size = Math.min(inFlight, from + count - batch);
    if (size === 1) await run(batch);
    else await Promise.all(Array.from({ length: size }, (_, offset) => run(batch + offset)));
    const crossedStep = Math.floor((batch + size) / PAIRS_PER_CLOCK_STEP) > Math.floor(batch / PAIRS_PER_CLOCK_STEP);
    if (clock !== null && crossedStep) await clock.advance(CLOCK_STEP_MS);
  }
}

/**
 * Limit create+cancel pairs per second through the bare ccxt.binance (configured as the
 * reference adapter configures it) against the venue, after a warm-up: in-process on
 * `venue.fetch`, or over loopback HTTP with `startLoopbackServer` in this same process.
 */
export async function measureCcxtVenue(options: CcxtVenueOptions, transport: BenchTransport = 'in-process'): Promise<CcxtVenueResult> {
  const clock = new VirtualClock();
  const venue = createVenue({ clock, random: new RandomSource(`bench-ccxt-venue-${transport}`) });
  const credentials = venue.control.createAccount('bench');
  venue.control.deposit('bench', 'USDT', '1000000');
  const server = transport === 'loopback' ? await startLoopbackServer(venue) : undefined;
  try {
    const exchange =
      server === undefined
        ? binanceClient(venue, credentials, clock)
        : createBinanceClient({ environment: 'sim', clock, credentials, baseUrl: server.baseUrl });
    await exchange.loadMarkets();
    const inFlight = options.inFlight ?? 1;
    const pairs = (from: number, count: number): Promise<void> => pairsInFlight((index) => createAndCancel(exchange, `bench-${index}`), clock, from, count, inFlight);

    await pairs(0, options.warmupPairs);
    let next = options.warmupPairs;
    const rates: number[] = [];
    const cpuRates: number[] = [];
    for (let repetition = 0; repetition < options.repetitions; repetition += 1) {
      const { seconds, cpuSeconds } = await timed(() => pairs(next, options.pairsPerRepetition));
      next += options.pairsPerRepetition;
      rates.push(options.pairsPerRepetition / seconds);
      cpuRates.push(options.pairsPerRepetition / cpuSeconds);
    }
    const pairsPerSecond = spreadOf(rates);
    const pairsPerCpuSecond = spreadOf(cpuRates);
    return {
      ...options,
      inFlight,
      transport,
      pairsPerSecond,
      pairsPerCpuSecond,
      microsecondsPerPairAtMedian: 1e6 / pairsPerSecond.median,
      cpuMicrosecondsPerPairAtMedian: 1e6 / pairsPerCpuSecond.median,
    };
  } finally {
    await server?.close();
  }
}
