import { banDurationMs } from './ban-schedule';
import { FixedWindowCounter, type LimitWindow } from './fixed-windows';
import { headerName, intervalLabel, type LimitsConfig, type RateLimitRule } from './limits-config';

/** Who sent a request and what it costs, as the limiter needs it. */
export interface LimitedRequest {
  ip: string;
  /** The account of the X-MBX-APIKEY, when the key is one the venue issued. */
  account?: string | undefined;
  weight: number;
  /** POST /api/v3/order: checked and counted against ORDERS. */
  placesOrder: boolean;
}

/**
 * The limiter's answer to one request. `retryAt` is the venue time the violated window ends,
 * `until` the end of the IP's ban; the handler turns both into Retry-After seconds.
 */
export type LimitVerdict = { kind: 'admit' } | LimitExceeded | { kind: 'banned'; until: number; newBan: boolean; bans: number };

export interface LimitExceeded {
  kind: 'weight_exceeded' | 'raw_requests_exceeded' | 'orders_exceeded';
  rule: RateLimitRule;
  retryAt: number;
}

/** One IP's state in `LimitsSnapshot`; counts are of the windows `at` falls in. */
export interface IpLimitState {
  ip: string;
  /** REQUEST_WEIGHT used per interval label, e.g. { "1M": 26 }. */
  usedWeight: Record<string, number>;
  /** RAW_REQUESTS counted per interval label, e.g. { "5M": 3 }. */
  rawRequests: Record<string, number>;
  /** How many bans this IP has earned so far. */
  bans: number;
  /** Present while the IP is banned (418). */
  bannedUntil?: number | undefined;
  /** Present while the IP must back off after a 429: a request before then earns a ban. */
  backOffUntil?: number | undefined;
}

export interface AccountLimitState {
  account: string;
  /** ORDERS counted per interval label, e.g. { "10S": 3, "1D": 41 }. */
  orderCount: Record<string, number>;
}

/** The venue's counters at one moment: the truth for rate-limit properties. */
export interface LimitsSnapshot {
  at: number;
  ips: IpLimitState[];
  accounts: AccountLimitState[];
}

interface IpState {
  bans: number;
  bannedUntil: number;
  /** Set by a weight or raw-request 429: any request before it earns a ban. */
  weightBackOffUntil: number;
  /** Set by an ORDERS 429, per account: an order for it placed from this IP before then earns a ban. */
  orderBackOffUntil: Map<string, number>;
}

/**
 * Binance's REST limits as a pure state machine over the venue time passed in: REQUEST_WEIGHT
 * and RAW_REQUESTS per IP, ORDERS per account, fixed windows, and the IP ban for clients that
 * do not back off. When a ban starts: Binance bans for "failing to back off after receiving
 * 429s", so a request that arrives before the Retry-After of a weight 429, or an order for the
 * same account placed before the Retry-After of its ORDERS 429, from the same IP starts a ban
 * (cancels and queries stay allowed after an ORDERS 429: Binance asks only to stop sending orders). During a ban every
 * request from that IP is answered 418 and counted nowhere; the ban is not extended by them.
 */
export class RateLimiter {
  private readonly ipCounters: FixedWindowCounter[];
  private readonly orderCounters: FixedWindowCounter[];
  private readonly ips = new Map<string, IpState>();
  /** headerName(counter.rule) per counter that has one, computed once. */
  private readonly headerNames = new Map<FixedWindowCounter, string>();

  constructor(private readonly config: LimitsConfig) {
    const counters = config.rateLimits.map((rule) => new FixedWindowCounter(rule));
    for (const counter of counters) {
      const name = headerName(counter.rule);
      if (name !== undefined) this.headerNames.set(counter, name);
    }
    this.ipCounters = counters.filter((counter) => counter.rule.rateLimitType !== 'ORDERS');
    this.orderCounters = counters.filter((counter) => counter.rule.rateLimitType === 'ORDERS');
  }

  /**
   * Decides a request and counts it. A request the limiter answers 429 still spends its weight
   * (Binance's X-MBX-USED-WEIGHT-1M keeps rising past the limit while a client keeps sending),
   * so the counters show what the client really sent; a 418 spends nothing.
   */
  admit(request: LimitedRequest, now: number): LimitVerdict {
    const ip = this.ipState(request.ip);
    if (now < ip.bannedUntil) return { kind: 'banned', until: ip.bannedUntil, newBan: false, bans: ip.bans };
    const account = request.account;
    const orderBackOffUntil = request.placesOrder && account !== undefined ? (ip.orderBackOffUntil.get(account) ?? 0) : 0;
    if (now < ip.weightBackOffUntil || now < orderBackOffUntil) {
      ip.bans += 1;
      ip.bannedUntil = now + banDurationMs(ip.bans, this.config.ipBan);
      ip.weightBackOffUntil = 0;
      ip.orderBackOffUntil.clear();
      return { kind: 'banned', until: ip.bannedUntil, newBan: true, bans: ip.bans };
    }
    let exceeded: LimitExceeded | undefined;
    for (const counter of this.ipCounters) {
      const isWeight = counter.rule.rateLimitType === 'REQUEST_WEIGHT';
      const used = counter.add(request.ip, now, isWeight ? request.weight : 1);
      if (used > counter.rule.limit && exceeded === undefined) {
        exceeded = { kind: isWeight ? 'weight_exceeded' : 'raw_requests_exceeded', rule: counter.rule, retryAt: counter.windowEnd(now) };
      }
    }
    if (exceeded !== undefined) {
      ip.weightBackOffUntil = exceeded.retryAt;
      return exceeded;
    }
    if (request.placesOrder && account !== undefined) {
      // "Every successful request to place an order adds to the unfilled order count": the
      // check is before the order, the count after it was accepted (`recordOrderPlaced`).
      const full = this.orderCounters.filter((counter) => counter.used(account, now) >= counter.rule.limit);
      const last = full.reduce<FixedWindowCounter | undefined>((latest, counter) => (latest === undefined || counter.windowEnd(now) > latest.windowEnd(now) ? counter : latest), undefined);
      if (last !== undefined) {
        const retryAt = last.windowEnd(now);
        ip.orderBackOffUntil.set(account, retryAt);
        return { kind: 'orders_exceeded', rule: last.rule, retryAt };
      }
    }
    return { kind: 'admit' };
  }

  /**
   * Counts an accepted order. Rejected orders are not counted ("Every successful request to
   * place an order adds to the unfilled order count"). Binance also takes one off the count
   * when an order first fills; the venue does not model that rebate, so its count is the upper
   * bound Binance's starts from.
   */
  recordOrderPlaced(account: string, now: number): void {
    for (const counter of this.orderCounters) counter.add(account, now, 1);
  }

  /**
   * X-MBX-USED-WEIGHT-(intervalNum)(intervalLetter) for every REQUEST_WEIGHT limiter ("Every
   * request will contain" it) and, on order placements by a known account,
   * X-MBX-ORDER-COUNT-(intervalNum)(intervalLetter) for every ORDERS limiter.
   */
  headers(request: LimitedRequest, now: number): Record<string, string> {
    const headers: Record<string, string> = {};
    this.writeHeaders(headers, request, now);
    return headers;
  }

  /** `headers(request, now)` written into `target` (later keys win, as in a spread). */
  writeHeaders(headers: Record<string, string>, request: LimitedRequest, now: number): void {
    for (const counter of this.ipCounters) {
      const name = this.headerNames.get(counter);
      if (name !== undefined) headers[name] = String(counter.used(request.ip, now));
    }
    const account = request.account;
    if (request.placesOrder && account !== undefined) {
      for (const counter of this.orderCounters) {
        const name = this.headerNames.get(counter);
        if (name !== undefined) headers[name] = String(counter.used(account, now));
      }
    }
  }

  snapshot(now: number): LimitsSnapshot {
    const ipNames = new Set([...this.ips.keys(), ...this.ipCounters.flatMap((counter) => counter.subjects())]);
    const ips = [...ipNames].sort().map((name): IpLimitState => {
      const state = this.ips.get(name);
      const backOffUntil = Math.max(state?.weightBackOffUntil ?? 0, ...(state?.orderBackOffUntil.values() ?? []));
      return {
        ip: name,
        usedWeight: this.usedBy(this.ipCounters, 'REQUEST_WEIGHT', name, now),
        rawRequests: this.usedBy(this.ipCounters, 'RAW_REQUESTS', name, now),
        bans: state?.bans ?? 0,
        bannedUntil: state !== undefined && now < state.bannedUntil ? state.bannedUntil : undefined,
        backOffUntil: now < backOffUntil ? backOffUntil : undefined,
      };
    });
    const accountNames = new Set(this.orderCounters.flatMap((counter) => counter.subjects()));
    const accounts = [...accountNames].sort().map((account) => ({ account, orderCount: this.usedBy(this.orderCounters, 'ORDERS', account, now) }));
    return { at: now, ips, accounts };
  }

  /** Every window counted so far, per limiter and subject, oldest first. */
  windows(type?: RateLimitRule['rateLimitType']): LimitWindow[] {
    const all = [...this.ipCounters, ...this.orderCounters].flatMap((counter) => counter.windows());
    const selected = type === undefined ? all : all.filter((window) => window.rateLimitType === type);
    return selected.sort((a, b) => a.start - b.start);
  }

  private usedBy(counters: readonly FixedWindowCounter[], type: RateLimitRule['rateLimitType'], subject: string, now: number): Record<string, number> {
    const used: Record<string, number> = {};
    for (const counter of counters) {
      if (counter.rule.rateLimitType === type) used[intervalLabel(counter.rule)] = counter.used(subject, now);
    }
    return used;
  }

  private ipState(ip: string): IpState {
    let state = this.ips.get(ip);
    if (state === undefined) {
      state = { bans: 0, bannedUntil: 0, weightBackOffUntil: 0, orderBackOffUntil: new Map() };
      this.ips.set(ip, state);
    }
    return state;
  }
}
