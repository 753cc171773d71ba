import type { Clock } from '../clock/clock';
import type { RandomStream } from '../clock/random';
import type { Balances } from '../domain/balance';
import type { Market } from '../domain/market';
import type { OrderIntent, OrderView, Trade } from '../domain/order';
import type { AcceptConnection } from '../venue/stream/socket';
import type { AdapterSettings } from './config';

/**
 * The adapter contract: the whole surface the verifier talks to, free of ccxt types. Any module
 * exporting `createAdapter: AdapterFactory` can be verified with `tradeprop run --adapter MODULE`.
 *
 * Decimals cross this boundary as plain decimal strings ("0.1", never 1e-7). Failures are the
 * typed errors of `src/domain/errors.ts`.
 *
 * What each call must leave in the local view (`orders()`, `balances()`), which the properties
 * compare with the model after every command:
 * - `place` records the order as the venue answered, including fills it took on arrival, and
 *   moves the reserve (amount x price of the quote for a buy, amount of the base for a sell) from
 *   free to locked, less what those fills settled. Orders that never rest (LIMIT IOC and FOK,
 *   MARKET) come back ended (`filled` or `expired`), and whatever they did not fill is already
 *   free again. A MARKET buy's reserve is exactly what its fills cost. A LIMIT_MAKER that would
 *   take is refused by the venue (Binance -2010 "Order would immediately match and take."): an
 *   ORDER_REJECTED error, no order. A MARKET order by quantity whose notional the venue refuses
 *   (judged at its average price, unknown locally) is ORDER_REJECTED as well.
 * - `cancel` and `fetchOrder` bring that one order, and the ledger's share of it (fills, fees,
 *   release of what stays locked), up to the venue's truth.
 * - `cancelAll` (DELETE /api/v3/openOrders) cancels every open order of the symbol at the venue
 *   and brings each order it canceled, and the ledger's share of it, up to the venue's truth; it
 *   returns those orders' views (none when nothing was open). Orders it did not cancel keep their
 *   local view.
 * - `fetchOpenOrders`, `fetchMyTrades` and `fetchBalances` only report what the venue says; they
 *   change nothing. `fetchMyTrades` lists the account's trades on the symbol oldest first, each
 *   from its own order's side, with the client order id when the adapter knows the order.
 * - `reconcile` brings every order of this adapter and the ledger up to the venue's truth and
 *   reports how far the local ledger had drifted before it did.
 *
 * Exactly once (O4, O3). One intent (one client order id) yields at most one venue order,
 * whatever timeouts, resets, 5xx and retries happened. When `place` cannot learn whether the
 * venue took the order, it throws a retryable typed error (the reference: PlacementUnknownError,
 * OUTCOME_UNKNOWN) and the order is NOT in `orders()` or the ledger yet; the adapter remembers
 * the intent, and the next `place` of the same intent or `reconcile` looks its client order id
 * up at the venue and adds the order if it exists (so after `reconcile` every order this
 * adapter placed that the venue holds is in `orders()`, and only those; see Ownership). A non-retryable error from `place`
 * means the venue holds no order for the intent. The reference adapter's rule for when a POST
 * may be retried is in placement.ts.
 *
 * Ownership (X2). An adapter's orders are the ones placed through it: each intent it was given
 * (tracked once the venue answered, pending while the outcome is unknown), and, given a
 * `store`, those its earlier instances persisted there. It never adopts another order of the
 * account as its own, not at `reconcile`, not from a stream event: two instances (two processes
 * of one firm) may trade one account, each with its own store and its own client order ids (the
 * caller keeps ids unique across instances, e.g. a prefix per process; Binance refuses a reused
 * id only while its first order is open). So `reconcile` brings this adapter's orders up to the
 * venue's truth, and the account's balances too: those are shared, and after `reconcile` they
 * equal the venue's whoever else traded (the drift then includes the other instance's moves).
 *
 * Restarts (X3). Given a `store`, an adapter persists there, before it acts on it, what it must
 * not forget: every intent whose POST may have reached the venue and whose outcome it does not
 * know yet, every order it tracks and the trade ids it has applied to each. An adapter created
 * on a store with state restores it, and its first venue call (normally `loadMarkets`) brings
 * all of it up to the venue's truth before anything else: intents looked up (an order found is
 * tracked, one definitely not placed forgotten), unfinished orders fetched with the fills they
 * missed, each fill applied once, and the ledger adopted from the venue. A restart at any point,
 * even between a POST and its answer, then loses no order, duplicates none and books no fill twice.
 */
export interface ExchangeAdapter {
  loadMarkets(): Promise<readonly Market[]>;
  place(intent: OrderIntent): Promise<OrderView>;
  cancel(symbol: string, clientOrderId: string): Promise<OrderView>;
  fetchOrder(symbol: string, clientOrderId: string): Promise<OrderView>;
  cancelAll(symbol: string): Promise<OrderView[]>;
  fetchOpenOrders(symbol: string): Promise<OrderView[]>;
  fetchMyTrades(symbol: string): Promise<Trade[]>;
  fetchBalances(): Promise<Balances>;
  reconcile(): Promise<ReconcileReport>;
  /**
   * The local view: every order this adapter placed, as it last knew it; an adapter with a
   * bounded history (`retainedState`) may have forgotten orders that ended before its last
   * `historyLimit` ended ones.
   */
  orders(): OrderView[];
  /** The local ledger: free and locked per asset, as this adapter keeps it. */
  balances(): Balances;
  close(): Promise<void>;

  // ---- production-readiness capabilities: optional in the type, required by their properties ----

  /**
   * Monitoring (M2): the Prometheus text exposition of this adapter's metrics. It must hold the
   * counter `tradeprop_exchange_requests_total` with labels `endpoint` ("POST /api/v3/order") and
   * `status` (the HTTP status, "none" when no answer came), one count per request sent. An
   * adapter without it fails the monitoring property.
   */
  metricsText?(): Promise<string>;
  /**
   * Configuration (K1, K2): applies a new configuration document (src/exchange/config.ts) to
   * later requests, atomically; requests in flight keep the settings they started with. An
   * invalid document throws ConfigError naming the bad field's path, a change of environment,
   * baseUrl or credentials throws ConfigReloadRefusedError; either way the old settings stay.
   */
  reloadConfig?(document: unknown): void;
  /** Configuration (K2): the settings in effect now (after the last accepted reload). */
  effectiveSettings?(): AdapterSettings;
  /**
   * Streams (O5, O6, C4): where the adapter's user-data stream stands, when the environment gave it
   * one (`AdapterEnvironment.userDataStream`). The stream properties let virtual time pass and read
   * this: once it says `live` the adapter claims its view is the venue's, without `reconcile`.
   * Undefined when the environment gave no stream. An adapter without it is judged by the REST
   * properties only.
   */
  streamStatus?(): StreamStatus | undefined;
  /**
   * Performance (P2): how much the adapter holds now, in entries. However long it runs, `orders`
   * stays within its open orders plus `historyLimit` (its configured history of ended orders:
   * those that ended last stay in `orders()`, older ones may leave it), and `trades` within the
   * trades of the orders it holds. The property sets the history with `reloadConfig` (the
   * reference: `history.endedOrders`). An adapter without it fails the performance property.
   */
  retainedState?(): RetainedState;
}

export interface RetainedState {
  /** Orders in the local view (`orders()`), open and ended. */
  orders: number;
  /** Of those, the ones that ended (filled, canceled, expired). */
  endedOrders: number;
  /** Trades remembered (for counting each fill once). */
  trades: number;
  /** Intents sent whose outcome is still unknown. */
  pendingIntents: number;
  /** Ended orders kept at most, as configured now. */
  historyLimit: number;
}

/**
 * - `connecting`: opening the connection and subscribing;
 * - `resyncing`: subscribed, catching up from REST on what happened while it was not (the
 *   stream's events are applied meanwhile, but the view is not yet claimed complete);
 * - `live`: in sync: every venue event reaches the view through the stream;
 * - `backing_off`: the last connection ended (closed, reset, silent, expired, refused) and the
 *   next attempt waits its backoff;
 * - `closed`: `close()` was called.
 */
export type StreamState = 'connecting' | 'resyncing' | 'live' | 'backing_off' | 'closed';

export interface StreamStatus {
  state: StreamState;
  /** Connections that reached `live`, the first included. */
  sessions: number;
  /** Why the last connection ended, when one did. */
  lastEnd?: string | undefined;
}

export interface BalanceDrift {
  asset: string;
  field: 'free' | 'locked';
  local: string;
  venue: string;
}

export interface ReconcileReport {
  /** Differences between the local ledger and the venue found before adopting the venue's. */
  drift: BalanceDrift[];
}

/** What a fetch-style transport returns: the subset of `Response` ccxt reads. */
export interface TransportResponse {
  status: number;
  statusText: string;
  headers: Record<string, string>;
  text(): Promise<string>;
}

export interface TransportRequest {
  method: string;
  headers: Record<string, string>;
  body?: string | undefined;
  timeout?: number | undefined;
  signal?: AbortSignal | undefined;
}

/** Usable as ccxt's `fetchImplementation`. */
export type FetchLike = (url: string, init: TransportRequest) => Promise<TransportResponse>;

export interface Credentials {
  apiKey: string;
  secret: string;
}

/** Everything an adapter may use. Time and randomness come only from here. */
export interface AdapterEnvironment {
  environment: 'sim' | 'sandbox' | 'live';
  clock: Clock;
  random: RandomStream;
  credentials: Credentials;
  /** Binance REST origin, e.g. https://api.binance.com (in-process) or http://127.0.0.1:PORT. */
  baseUrl: string;
  /** The in-process transport; absent when `baseUrl` is a real socket. */
  fetch?: FetchLike | undefined;
  /**
   * Where the adapter writes its log, one line per `write` (the reference: pino JSON lines).
   * The verifier passes one when a property reads the log (S1 no secret in it, M1 one line per
   * request); absent, an adapter may log nowhere.
   */
  log?: LogSink | undefined;
  /**
   * Present when the adapter should listen to the account's user-data stream (absent: REST only).
   * `endpoint` is the venue's WebSocket side in-process (src/venue/stream/socket.ts: the adapter's
   * client opens connections through it, frames arriving as steps on `clock`); without it the
   * stream is a real WebSocket on `baseUrl`'s origin in ws form (the loopback venue).
   */
  userDataStream?: { endpoint?: AcceptConnection | undefined } | undefined;
  /**
   * Where the adapter persists what a restart must not lose (see Restarts above); absent, it
   * keeps everything in memory and a restart forgets it. One store per adapter instance: two
   * instances on one account each have their own.
   */
  store?: StateStore | undefined;
}

/**
 * A small synchronous key-value store of strings. Synchronous on purpose: an adapter writes an
 * intent before its POST leaves and must not yield to the event loop in between. The runs use
 * InMemoryStateStore (state-store.ts); a deployment backs it with something that survives the
 * process and writes through before returning: an embedded database (SQLite in WAL mode, LMDB)
 * or an append-only journal fsynced per write, on a disk of the host, never shared between
 * instances.
 */
export interface StateStore {
  get(key: string): string | undefined;
  set(key: string, value: string): void;
  delete(key: string): void;
  /** Every key starting with `prefix` (all keys when it is empty). */
  keys(prefix?: string): string[];
}

export interface LogSink {
  write(line: string): void;
}

export type AdapterFactory = (env: AdapterEnvironment) => Promise<ExchangeAdapter>;

/** Which adapter an exchange factory hands out: one per exchange, account and environment. */
export interface AdapterKey {
  exchange: string;
  account: string;
  environment: AdapterEnvironment['environment'];
}

/**
 * The exchange factory (F1, F2): one adapter per key however many callers ask at once, each
 * closed once. A module may export `createExchangeFactory: ExchangeFactoryBuilder` to have its
 * own verified; without it the reference's (src/exchange/factory.ts) wraps its `createAdapter`.
 */
export interface ExchangeAdapterFactory {
  /**
   * The adapter for `key`, created on first use with `env`. Concurrent calls for one key share
   * one creation; a creation that fails is forgotten, so the next call tries again.
   */
  get(key: AdapterKey, env: AdapterEnvironment): Promise<ExchangeAdapter>;
  /** Closes every adapter once (each drains or rejects its queued work) and forgets it; later gets are refused. */
  closeAll(): Promise<void>;
}

export type ExchangeFactoryBuilder = (createAdapter: AdapterFactory) => ExchangeAdapterFactory;
