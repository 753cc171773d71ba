import type { Clock } from '../clock/clock';
import type { Balances } from '../domain/balance';
import type { Market } from '../domain/market';
import type { Side } from '../domain/order';
import type { Credentials, FetchLike } from '../exchange/contract';
import type { VenueHttpRequest, VenueHttpResponse } from './api/http-message';
import type { LimitWindow } from './limits/fixed-windows';
import type { LimitsSnapshot } from './limits/rate-limiter';
import type { Nemesis } from './nemesis/nemesis';
import type { VenueStream } from './stream/stream-server';

/** Binance order statuses the venue produces. */
export type VenueOrderStatus = 'NEW' | 'PARTIALLY_FILLED' | 'FILLED' | 'CANCELED' | 'REJECTED' | 'EXPIRED';

/** One order as the venue holds it. Decimals are plain strings (canonical, trailing zeros dropped). */
export interface VenueOrderSnapshot {
  orderId: string;
  clientOrderId: string;
  account: string;
  /** Unified symbol, e.g. "BTC/USDT". */
  symbol: string;
  side: Side;
  price: string;
  quantity: string;
  executedQty: string;
  cumulativeQuoteQty: string;
  status: VenueOrderStatus;
  /** Commission charged so far, in the asset this order receives. */
  commission: { asset: string; amount: string };
  createdAt: number;
}

export interface VenueFill {
  tradeId: string;
  symbol: string;
  price: string;
  quantity: string;
  quoteQuantity: string;
  makerOrderId: string;
  takerOrderId: string;
  makerAccount: string;
  takerAccount: string;
  /** Side of the taker. */
  takerSide: Side;
  makerCommission: { asset: string; amount: string };
  takerCommission: { asset: string; amount: string };
  at: number;
}

/** Every state change of the venue, in order: the ground truth of a run. */
export type VenueEvent =
  | { seq: number; at: number; type: 'account_created'; account: string }
  | { seq: number; at: number; type: 'deposit'; account: string; asset: string; amount: string }
  | { seq: number; at: number; type: 'order_accepted'; order: VenueOrderSnapshot }
  | { seq: number; at: number; type: 'order_rejected'; account: string; clientOrderId: string; code: number; reason: string }
  | { seq: number; at: number; type: 'trade'; fill: VenueFill }
  | { seq: number; at: number; type: 'order_canceled'; order: VenueOrderSnapshot }
  /**
   * An order ended without filling completely; its reserve is released. `time_in_force`: the
   * unfilled rest of an IOC, FOK or MARKET order (Binance status EXPIRED); `self_trade_prevention`:
   * expired instead of trading with its own account (Binance status EXPIRED_IN_MATCH).
   */
  | { seq: number; at: number; type: 'order_expired'; order: VenueOrderSnapshot; reason: 'time_in_force' | 'self_trade_prevention' }
  /**
   * One answered request. `ip` is the address REQUEST_WEIGHT is counted against and `weight`
   * what it counted (0 when answered 418), so the weights of a window's requests sum to the
   * venue's counter for it (invariant R2, `control.weightWindows()`).
   */
  | { seq: number; at: number; type: 'request'; method: string; path: string; status: number; code?: number | undefined; ip: string; weight: number }
  /** An IP earned its `bans`-th ban (HTTP 418 until `until`) by not backing off after a 429. */
  | { seq: number; at: number; type: 'ip_banned'; ip: string; until: number; bans: number }
  /**
   * The nemesis changed what one request did or what its client saw (src/venue/nemesis). Logged
   * when the fault takes effect: after the venue's own events when it applied the request
   * (`response_lost` after `order_accepted`), alone when the request never reached it. A stream
   * fault is logged once, when injected, with method "WS" and what it reached in `detail`.
   */
  | { seq: number; at: number; type: 'fault'; kind: VenueFaultKind; method: string; path: string; detail: VenueFaultDetail };

/**
 * Every fault the nemesis injects: the REST faults (`Fault['kind']`, src/venue/nemesis/fault.ts)
 * then the stream faults (`StreamFault['kind']`, src/venue/stream/stream-faults.ts).
 */
export const VENUE_FAULT_KINDS = [
  'delay',
  'response_lost',
  'connection_reset',
  'server_error',
  'rate_limit_storm',
  'maintenance',
  'clock_jump',
  'read_lag',
  'cancel_race',
  'tamper',
  'corrupt_response',
  'stream_drop',
  'stream_duplicate',
  'stream_late',
  'stream_silent',
  'stream_expire',
  'stream_refuse',
] as const;
export type VenueFaultKind = (typeof VENUE_FAULT_KINDS)[number];

/** A fault's particulars (status answered, whether the venue applied the request, ids hidden, ...). */
export type VenueFaultDetail = Readonly<Record<string, string | number | boolean | readonly number[]>>;

export interface ExternalOrderInput {
  symbol: string;
  side: Side;
  price: string;
  quantity: string;
}

export interface ExternalTakeInput {
  symbol: string;
  side: Side;
  quantity: string;
  /** Worst price the taker accepts; absent for a market sweep. */
  limitPrice?: string | undefined;
  /**
   * The quantity is what several takers took together, each order within the filters: only
   * the price is checked, as a sum may pass maxQty or fill a remainder below minQty (a cancel
   * race takes what rests ahead of an order and all of it).
   */
  severalTakers?: boolean | undefined;
}

export interface ExternalResult {
  order: VenueOrderSnapshot;
  fills: VenueFill[];
}

/**
 * The control API: how a test moves the world outside the adapter. Other traders' orders and
 * trades enter only here, so a test always knows why a fill happened.
 */
export interface VenueControl {
  /** Creates an account with a key and secret drawn from the venue's seeded stream. */
  createAccount(name: string): Credentials;
  deposit(account: string, asset: string, amount: string): void;
  /** Every account, the venue's own external trader included, sorted by name. */
  accounts(): string[];
  balances(account: string): Balances;
  order(account: string, symbol: string, clientOrderId: string): VenueOrderSnapshot | undefined;
  /**
   * Every order of `account`, oldest first; with `since`, only those after its first `since`
   * (orders are only ever added, and an order's price and quantity never change).
   */
  orders(account: string, since?: number): VenueOrderSnapshot[];
  /** A resting GTC limit order of another trader (funded by the venue); matches if it crosses. */
  placeExternalOrder(input: ExternalOrderInput): ExternalResult;
  /** Another trader takes liquidity (IOC): sweeps the book up to `quantity`, within `limitPrice`. */
  takeExternal(input: ExternalTakeInput): ExternalResult;
  book(symbol: string): { bids: Array<[price: string, quantity: string]>; asks: Array<[price: string, quantity: string]> };
  /** Total commission collected per asset. */
  feesCollected(): Record<string, string>;
  /** Total deposited per asset, over all accounts. */
  deposits(): Record<string, string>;
  /** Sum of free + locked over every account (the venue's external one included), per asset. */
  holdings(): Record<string, string>;
  events(): readonly VenueEvent[];
  /** The event log as JSON lines: byte-identical for the same seed and the same requests. */
  eventLog(): string;
  /** The rate-limit counters now: weight and bans per IP, order counts per account. */
  limits(): LimitsSnapshot;
  /** Every REQUEST_WEIGHT window counted so far, per IP, oldest first: the truth for R2. */
  weightWindows(): LimitWindow[];
  /** Every window of every rate limiter (ORDERS per account included), oldest first. */
  limitWindows(): LimitWindow[];
}

export interface Venue {
  readonly clock: Clock;
  readonly markets: readonly Market[];
  readonly control: VenueControl;
  /** In-process transport: a ccxt `fetchImplementation` that serves https://api.binance.com only. */
  readonly fetch: FetchLike;
  /** The API as a pure request -> response function, for other transports (loopback HTTP). */
  readonly handle: (request: VenueHttpRequest) => VenueHttpResponse;
  /**
   * The fault injector; off until a fault is scheduled or planned. `fetch` applies its
   * decisions; another transport applies them with `exchangeWithFaults` (src/venue/nemesis).
   */
  readonly nemesis: Nemesis;
  /**
   * The user-data stream (src/venue/stream): `stream.accept` takes every WebSocket upgrade a
   * transport receives; `stream.listenKeys` are the REST listenKey endpoints for the routes.
   */
  readonly stream: VenueStream;
}
