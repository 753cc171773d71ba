import { inspect } from 'node:util';
import { RandomSource } from '../src/clock/random';
import { VirtualClock } from '../src/clock/virtual-clock';
import { CallNeverSettledError, InvariantViolationError } from '../src/domain/errors';
import { DEFAULT_MARKETS, type Market } from '../src/domain/market';
import type { OrderView } from '../src/domain/order';
import type { AdapterEnvironment, AdapterFactory, Credentials, ExchangeAdapter, ExchangeFactoryBuilder } from '../src/exchange/contract';
import { createAdapterFactory } from '../src/exchange/factory';
import { InMemoryStateStore } from '../src/exchange/state-store';
import { createVenue } from '../src/venue';
import type { Venue, VenueEvent } from '../src/venue/types';
import { reportHeartbeat } from '../src/verifier/progress';
import { BINANCE_RATE_LIMITS, intervalLabel } from '../src/venue/limits/limits-config';
import type { RateLimitWeightUse, StepRow } from '../src/verifier/protocol';
import { TradingModel } from '../models/trading-model';
import type { TransitionRecorder } from '../models/transition-coverage';
import type { InvariantCheck } from './invariants/invariant-check';
import { LatencySchedule } from './interleaving/latency-schedule';
import { ProcessStore } from './process-store';

/** What frames and answers already on their way (1 ms each in-process) get to land after a close. */
export const CLOSE_GRACE_MS = 1_000;

/** The account the adapter under test trades from. */
export const TRADER = 'trader';

/** One step of calls in flight together, as its history shows them. */
export interface InterleavedStep {
  /** Calls the history judged (a reconcile answers nothing it could judge and is left out). */
  calls: number;
  /** Some call answered after one that started later. */
  answeredOutOfOrder: boolean;
  /** Two calls on one order were in flight at the same time. */
  sameOrderOverlapped: boolean;
  /** The history the checker judged, one operation a line with its logical call and return times. */
  history: string;
}

export interface WorldSetup {
  /** Seeds the venue's and the adapter's random streams for this run. */
  seed: number;
  /** The markets the venue lists and the model knows (properties/markets/); default: DEFAULT_MARKETS. */
  markets?: readonly Market[] | undefined;
  deposits: ReadonlyArray<{ asset: string; amount: string }>;
}

/** The factories and environment the adapter under test came from, for steps that build others (S4, F1, restarts). */
export interface AdapterOrigin {
  createAdapter: AdapterFactory;
  createExchangeFactory: ExchangeFactoryBuilder;
  environment: AdapterEnvironment;
  /** The adapter's handle on its store (`environment.store`): a restart kills it and opens the next. */
  store: ProcessStore;
}

/**
 * The real side of one model-based run: a venue on a virtual clock, the adapter under test
 * trading on it, and what the run has seen so far. Commands act on it; the invariant checks
 * read it after every step.
 */
export class TradingWorld {
  readonly trace: StepRow[] = [];
  /** The adapter's view of each order after the previous step, for O2's "only forward" checks. */
  readonly previousLocalOrders = new Map<string, OrderView>();
  /** The step number of the last reconcile: O3 is checked right after one. */
  reconciledAtStep: number | undefined;
  /**
   * The step at which the adapter last said its user-data stream was live after every frame had
   * had time to arrive: its view must then be the venue's, with no reconcile (streams.ts).
   */
  streamCaughtUpAtStep: number | undefined;
  /** How many times the adapter claimed a caught-up stream (each claim checked): what a stream run judged. */
  streamClaims = 0;
  /** What each interleaved step put in flight and how it overlapped: what an interleaved run judged. */
  readonly interleavedSteps: InterleavedStep[] = [];
  readonly markets: readonly Market[];
  private eventCursor = 0;
  private placed = 0;
  private readonly clientIdsByVenueId = new Map<string, string>();
  /** Set when a call driven on the clock could never settle: the step's verdict is then P1. */
  private stuck: CallNeverSettledError | undefined;
  private current: ExchangeAdapter;
  private currentOrigin: AdapterOrigin | undefined;
  /**
   * A second instance of the adapter under test on the run's account, another process of the
   * firm (X2), once a step started it (two-adapters-one-account).
   */
  peer: ExchangeAdapter | undefined;

  constructor(
    readonly clock: VirtualClock,
    readonly venue: Venue,
    adapter: ExchangeAdapter,
    readonly checks: readonly InvariantCheck[],
    /** Every line the adapter logged, when the property reads its log (else always empty). */
    readonly logLines: readonly string[] = [],
    /** Every error an adapter call threw, in every string form (message, cause chain), when the property reads the log. */
    readonly errorTexts: readonly string[] = [],
    /** The trader's API key and secret at the venue: what must never leak (S1). */
    readonly credentials?: Credentials | undefined,
    origin?: AdapterOrigin,
    /** The adapter's transport latencies, in interleaved runs (RunOptions.interleaved). */
    private readonly latencies?: LatencySchedule | undefined,
  ) {
    this.markets = venue.markets;
    this.current = adapter;
    this.currentOrigin = origin;
  }

  /** The adapter under test: the one the run started with, or the one its last restart built. */
  get adapter(): ExchangeAdapter {
    return this.current;
  }

  get origin(): AdapterOrigin | undefined {
    return this.currentOrigin;
  }

  /**
   * A restart: from now on the run acts on `next`, built on the origin's environment with the
   * store handle `store` (the old adapter's is dead). Closing the old one is the caller's part.
   */
  replaceAdapter(next: ExchangeAdapter, store: ProcessStore): void {
    const origin = this.currentOrigin;
    if (origin === undefined) throw new RangeError('the world has no adapter module to restart from');
    this.current = next;
    this.currentOrigin = { ...origin, environment: { ...origin.environment, store }, store };
  }

  /** The scheduler of the requests of an interleaved run: only those have one. */
  get latency(): LatencySchedule {
    if (this.latencies === undefined) throw new RangeError('this run does not interleave calls: its property must set `interleaved`');
    return this.latencies;
  }

  /** The adapter's whole local view as text: a read-only call must leave it byte for byte. */
  localViewText(): string {
    return JSON.stringify([this.adapter.orders(), this.adapter.balances()]);
  }

  /** The venue faults this run injected, by kind (the nemesis logs each as a `fault` event). */
  faultsInjected(): ReadonlyMap<string, number> {
    const counts = new Map<string, number>();
    for (const event of this.venue.control.events()) {
      if (event.type === 'fault') counts.set(event.kind, (counts.get(event.kind) ?? 0) + 1);
    }
    return counts;
  }

  /** The venue's REQUEST_WEIGHT windows of this run against its limit, for the HTML report's chart. */
  weightUsed(): Omit<RateLimitWeightUse, 'peak'> {
    // The world's venue runs Binance's production limits (createRun passes none).
    const rule = BINANCE_RATE_LIMITS.find((candidate) => candidate.rateLimitType === 'REQUEST_WEIGHT');
    const windows = this.venue.control.weightWindows().map((window) => ({ subject: window.subject, start: window.start, weight: window.count }));
    return { limit: rule?.limit ?? 0, interval: rule === undefined ? '' : intervalLabel(rule), windows };
  }

  market(symbol: string): Market {
    const market = this.markets.find((candidate) => candidate.symbol === symbol);
    if (market === undefined) throw new RangeError(`no market ${symbol}`);
    return market;
  }

  /**
   * Runs adapter work on the virtual clock: time jumps whenever it only waits on timers. Work
   * that can never settle is rejected, and remembered, so that however a command wraps the
   * error its step is judged a P1 violation (TradingCommand.run).
   */
  drive<T>(work: Promise<T>): Promise<T> {
    return this.clock.run(work).catch((error: unknown) => {
      if (error instanceof CallNeverSettledError) this.stuck ??= error;
      throw error;
    });
  }

  /** The call of this step that never settled, if one did; cleared. */
  takeStuck(): CallNeverSettledError | undefined {
    const stuck = this.stuck;
    this.stuck = undefined;
    return stuck;
  }

  /** Closes the adapter on the clock: a close that can never settle is a P1 violation too. */
  async closeAdapter(): Promise<void> {
    if (this.peer !== undefined) await settleOrViolate("the second instance's close()", this.clock.run(this.peer.close()));
    await settleOrViolate('close()', this.clock.run(this.adapter.close()));
  }

  /**
   * F2: once `close()` has settled, nothing of the adapter is left: no timer pending on the
   * run's clock (the venue's own stream timers end with its connections), no connection open at
   * the venue. Frames still travelling get a grace of CLOSE_GRACE_MS to land first.
   */
  async closeAdapterLeavingNothing(): Promise<void> {
    await this.closeAdapter();
    await this.clock.advance(CLOSE_GRACE_MS);
    const timers = this.clock.pendingTimers();
    const connections = this.venue.stream.openConnections();
    if (timers > 0 || connections > 0) {
      throw new InvariantViolationError('F2', `${CLOSE_GRACE_MS} ms after close() settled, ${timers} timer(s) still pending on the clock and ${connections} stream connection(s) still open at the venue`);
    }
  }

  /** Venue events appended since the last call. */
  takeNewEvents(): VenueEvent[] {
    const events = this.venue.control.events().slice(this.eventCursor);
    this.eventCursor += events.length;
    return events;
  }

  /** Client order ids are numbered per run, so a replay sends the very same ids. */
  nextClientOrderId(): string {
    this.placed += 1;
    return `tp-${this.placed}`;
  }

  rememberVenueOrder(venueOrderId: string, clientOrderId: string): void {
    this.clientIdsByVenueId.set(venueOrderId, clientOrderId);
  }

  clientOrderIdOf(venueOrderId: string): string | undefined {
    return this.clientIdsByVenueId.get(venueOrderId);
  }
}

export interface RunUnderTest {
  model: TradingModel;
  world: TradingWorld;
}

export interface RunOptions {
  /**
   * Give the adapter a log sink and keep its lines in `world.logLines` (S1, M1), and keep every
   * error an adapter call throws in `world.errorTexts`: together, everything the adapter lets out.
   */
  captureLogs?: boolean | undefined;
  /** Offer the adapter the venue's user-data stream in-process (AdapterEnvironment.userDataStream). */
  stream?: boolean | undefined;
  /** The module's exchange factory (F1); default the reference's around `createAdapter`. */
  createExchangeFactory?: ExchangeFactoryBuilder | undefined;
  /**
   * Every request of the adapter passes a LatencySchedule, so steps can put several calls in
   * flight and choose how their requests and answers interleave (X1). Off, the transport is the
   * venue's own, untouched.
   */
  interleaved?: boolean | undefined;
}

export async function createRun(
  setup: WorldSetup,
  createAdapter: AdapterFactory,
  checks: readonly InvariantCheck[],
  coverage: TransitionRecorder,
  options: RunOptions = {},
): Promise<RunUnderTest> {
  const clock = new VirtualClock();
  const random = new RandomSource(String(setup.seed));
  const venue = createVenue({ clock, random, markets: setup.markets ?? DEFAULT_MARKETS });
  const credentials = venue.control.createAccount(TRADER);
  const model = new TradingModel({ markets: venue.markets, coverage });
  for (const { asset, amount } of setup.deposits) {
    venue.control.deposit(TRADER, asset, amount);
    model.deposit(asset, amount);
  }
  const logLines: string[] = [];
  const errorTexts: string[] = [];
  const latencies = options.interleaved === true ? new LatencySchedule() : undefined;
  const store = new ProcessStore(new InMemoryStateStore());
  const environment: AdapterEnvironment = {
    environment: 'sim',
    clock,
    random: random.stream('adapter'),
    credentials,
    baseUrl: 'https://api.binance.com',
    fetch: latencies === undefined ? venue.fetch : latencies.wrap(venue.fetch, clock),
    log: options.captureLogs === true ? { write: (line) => void logLines.push(line) } : undefined,
    userDataStream: options.stream === true ? { endpoint: venue.stream.accept } : undefined,
    store,
  };
  reportHeartbeat('createAdapter()');
  const created = await settleOrViolate('createAdapter()', clock.run(createAdapter(environment)));
  const adapter = options.captureLogs === true ? keepingErrors(created, errorTexts) : created;
  await settleOrViolate('loadMarkets()', clock.run(adapter.loadMarkets()));
  const world = new TradingWorld(clock, venue, adapter, checks, logLines, errorTexts, credentials, {
    createAdapter,
    createExchangeFactory: options.createExchangeFactory ?? createAdapterFactory,
    environment,
    store,
  }, latencies);
  world.takeNewEvents();
  return { model, world };
}

/** `work`, or a P1 violation naming `call` when it can never settle. */
async function settleOrViolate<T>(call: string, work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (error instanceof CallNeverSettledError) throw new InvariantViolationError('P1', `${call} ${error.message}`);
    throw error;
  }
}

/**
 * The adapter as it is, except that every error one of its calls throws is also written to
 * `texts` in each form a trading system might print it: message, `String()`, and `inspect`
 * with the whole cause chain (where a ccxt error quoting a request would hide).
 */
function keepingErrors(adapter: ExchangeAdapter, texts: string[]): ExchangeAdapter {
  const keep = (error: unknown): never => {
    texts.push(error instanceof Error ? `${error.message}\n${String(error)}\n${inspect(error, { depth: null })}` : inspect(error, { depth: null }));
    throw error;
  };
  // A proxy, so every call of the contract (optional capabilities included) is kept, sync or async.
  return new Proxy(adapter, {
    get(target, key, receiver) {
      const value: unknown = Reflect.get(target, key, receiver);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]): unknown => {
        let result: unknown;
        try {
          result = Reflect.apply(value, target, args);
        } catch (error) {
          return keep(error);
        }
        return result instanceof Promise ? result.catch(keep) : result;
      };
    },
  });
}
