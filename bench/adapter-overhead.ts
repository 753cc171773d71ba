import { RandomSource } from '../src/clock/random';
import { VirtualClock } from '../src/clock/virtual-clock';
import { BINANCE_ORIGIN } from '../src/exchange/binance-client';
import { ReferenceAdapter } from '../src/exchange/reference-adapter';
import { createVenue, type Venue } from '../src/venue';
import { binanceClient, createLimitOrder, type BinanceClient } from '../src/venue/testing/ccxt-binance';
import { spreadOf, timed, type Spread } from './stats';

export interface AdapterOverheadOptions {
  /** Placements (each followed by its cancel) per path before timing, to let the JIT settle. */
  warmupOrders: number;
  /** Placements per path in one round. */
  ordersPerRound: number;
  /** Rounds; each times bare ccxt, then the adapter, back to back (interleaved). */
  rounds: number;
}

export interface AdapterOverheadResult extends AdapterOverheadOptions {
  transport: 'in-process';
  /** CPU microseconds per placed order (its limit POST and its cancel) through bare ccxt, per round. */
  bareCpuMicrosecondsPerOrder: Spread;
  /** The same through the reference adapter (`place` + `cancel`). */
  adapterCpuMicrosecondsPerOrder: Spread;
  /** Wall microseconds per placed order, for reference (CPU is the figure to compare). */
  bareMicrosecondsPerOrder: Spread;
  adapterMicrosecondsPerOrder: Spread;
  /** adapter - bare CPU us per order, round by round (paired; may be negative in a noisy round). */
  overheadCpuMicrosecondsPerRound: number[];
  /** adapterCpuMicrosecondsPerOrder.median - bareCpuMicrosecondsPerOrder.median. */
  overheadCpuMicrosecondsPerOrderAtMedian: number;
  /** Median of the paired per-round differences: steadier than the difference of medians when one round is disturbed (GC, a busy core). */
  overheadCpuMicrosecondsPerOrderPairedMedian: number;
  /** adapter median / bare median. */
  overheadRatio: number;
}

/** As in ccxt-venue.ts: 10 s of virtual time every 40 orders keeps the venue's order and weight limits away. */
const ORDERS_PER_CLOCK_STEP = 40;
const CLOCK_STEP_MS = 10_000;

interface Path {
  clock: VirtualClock;
  /** Places and cancels orders `from` .. `from + count - 1`. */
  orders(from: number, count: number): Promise<void>;
}

function newVenue(name: string): { clock: VirtualClock; venue: Venue; credentials: { apiKey: string; secret: string } } {
  const clock = new VirtualClock();
  const venue = createVenue({ clock, random: new RandomSource(`bench-adapter-overhead-${name}`) });
  const credentials = venue.control.createAccount('bench');
  venue.control.deposit('bench', 'USDT', '1000000000');
  return { clock, venue, credentials };
}

/** Bare ccxt.binance (configured as the adapter configures it) on `venue.fetch`: createOrder, then cancelOrder. */
async function barePath(): Promise<Path> {
  const { clock, venue, credentials } = newVenue('bare');
  const exchange: BinanceClient = binanceClient(venue, credentials, clock);
  await exchange.loadMarkets();
  return {
    clock,
    async orders(from, count) {
      for (let index = from; index < from + count; index += 1) {
        const order = await createLimitOrder(exchange, 'BTC/USDT', 'buy', '0.001', '20000', { clientOrderId: `bench-${index}` });
        if (order.id === undefined) throw new Error('the venue returned an order without an id');
        await exchange.cancelOrder(order.id, 'BTC/USDT');
        if ((index + 1) % ORDERS_PER_CLOCK_STEP === 0) await clock.advance(CLOCK_STEP_MS);
      }
    },
  };
}

/** The reference adapter on the same kind of venue: `place` (validation, rounding, filters, exactly-once, parsing, ledger) then `cancel`. */
async function adapterPath(): Promise<Path> {
  const { clock, venue, credentials } = newVenue('adapter');
  const random = new RandomSource('bench-adapter-overhead-adapter-random');
  const adapter = new ReferenceAdapter({ environment: 'sim', clock, random: random.stream('adapter'), credentials, baseUrl: BINANCE_ORIGIN, fetch: venue.fetch });
  await clock.run(adapter.loadMarkets());
  return {
    clock,
    async orders(from, count) {
      for (let index = from; index < from + count; index += 1) {
        const clientOrderId = `bench-${index}`;
        await adapter.place({ clientOrderId, symbol: 'BTC/USDT', side: 'buy', type: 'limit', price: '20000', amount: '0.001' });
        await adapter.cancel('BTC/USDT', clientOrderId);
        if ((index + 1) % ORDERS_PER_CLOCK_STEP === 0) await clock.advance(CLOCK_STEP_MS);
      }
    },
  };
}

/**
 * The reference adapter's cost per placed order over bare ccxt, in-process (issue 5, acceptance 5).
 * Both paths run the same limit buys, each followed by its cancel, against their own venue on
 * `venue.fetch`. After a warm-up of both, each round times `ordersPerRound` through bare ccxt
 * and then through the adapter, so a busy moment hits both alike. Each batch runs inside
 * `clock.run` so a virtual sleep in the adapter (a limiter wait, say) could never hang the bench;
 * in the fault-free loop none happens and `run` costs one setImmediate per batch.
 */
export async function measureAdapterOverhead(options: AdapterOverheadOptions): Promise<AdapterOverheadResult> {
  const bare = await barePath();
  const adapter = await adapterPath();
  const batch = (path: Path, from: number, count: number) => timed(() => path.clock.run(path.orders(from, count)));
  await batch(bare, 0, options.warmupOrders);
  await batch(adapter, 0, options.warmupOrders);
  let next = options.warmupOrders;
  const bareCpu: number[] = [];
  const adapterCpu: number[] = [];
  const bareWall: number[] = [];
  const adapterWall: number[] = [];
  for (let round = 0; round < options.rounds; round += 1) {
    const b = await batch(bare, next, options.ordersPerRound);
    const a = await batch(adapter, next, options.ordersPerRound);
    next += options.ordersPerRound;
    bareCpu.push((1e6 * b.cpuSeconds) / options.ordersPerRound);
    adapterCpu.push((1e6 * a.cpuSeconds) / options.ordersPerRound);
    bareWall.push((1e6 * b.seconds) / options.ordersPerRound);
    adapterWall.push((1e6 * a.seconds) / options.ordersPerRound);
  }
  const bareCpuMicrosecondsPerOrder = spreadOf(bareCpu);
  const adapterCpuMicrosecondsPerOrder = spreadOf(adapterCpu);
  const differences = adapterCpu.map((value, index) => value - (bareCpu[index] ?? value));
  return {
    ...options,
    transport: 'in-process',
    bareCpuMicrosecondsPerOrder,
    adapterCpuMicrosecondsPerOrder,
    bareMicrosecondsPerOrder: spreadOf(bareWall),
    adapterMicrosecondsPerOrder: spreadOf(adapterWall),
    overheadCpuMicrosecondsPerRound: differences,
    overheadCpuMicrosecondsPerOrderPairedMedian: median(differences),
    overheadCpuMicrosecondsPerOrderAtMedian: adapterCpuMicrosecondsPerOrder.median - bareCpuMicrosecondsPerOrder.median,
    overheadRatio: adapterCpuMicrosecondsPerOrder.median / bareCpuMicrosecondsPerOrder.median,
  };
}

/** The median of samples that may be zero or negative (spreadOf's callers are rates, always positive). */
function median(samples: readonly number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const upper = sorted[middle] ?? 0;
  const lower = sorted[middle - 1];
  return sorted.length % 2 === 1 || lower === undefined ? upper : (lower + upper) / 2;
}
