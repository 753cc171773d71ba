import type { Clock } from '../clock/clock';
import { ConfigError, QueueClosedError, QueueFullError } from '../domain/errors';
import { requestCost, type LimitedRequestShape, type RequestCost } from './endpoint-weights';
import {
  BINANCE_SPOT_LIMITS,
  bannedUntil,
  headerName,
  holdUntil,
  initialLimiterState,
  nextSendTime,
  recordSend,
  resyncFromHeaders,
  usedAt,
  windowStart,
  type LimitRule,
  type LimiterState,
} from './limit-windows';

/**
 * Which waiting request goes first. Cancels before everything: a cancel reduces exposure and
 * Binance lets cancels through even after an ORDERS 429 (invariant R4: never starved by new
 * orders). Queries next: they are how the adapter resolves unknown outcomes (exactly-once
 * placement looks an order up before placing again). New orders last: they add exposure.
 */
export type RequestPriority = 'cancel' | 'query' | 'order';

const PRIORITY_RANK: Readonly<Record<RequestPriority, number>> = { cancel: 0, query: 1, order: 2 };

export interface ScheduledRequest extends LimitedRequestShape {
  priority: RequestPriority;
}

export interface RequestLimiterOptions {
  clock: Clock;
  /** Default: Binance spot's production limits. */
  rules?: readonly LimitRule[] | undefined;
  /** Requests that may wait at once; default 1000. */
  maxQueueDepth?: number | undefined;
}

export interface LimitWindowSnapshot {
  header: string;
  start: number;
  used: number;
  limit: number;
}

export interface RequestLimiterSnapshot {
  queued: Record<RequestPriority, number>;
  inFlight: number;
  sent: number;
  windows: LimitWindowSnapshot[];
  /** Present while a 429's Retry-After holds every request back. */
  retryAfterUntil?: number | undefined;
  /** Present while the IP is banned (418). */
  bannedUntil?: number | undefined;
  closed: boolean;
}

interface Waiting {
  rank: number;
  priority: RequestPriority;
  label: string;
  cost: RequestCost;
  start: () => void;
  reject: (error: unknown) => void;
}

export const DEFAULT_MAX_QUEUE_DEPTH = 1000;

/**
 * A client-side limiter that keeps every request within Binance's spot limits (R1-R4): it sends
 * a request only when every fixed window has room for its weight (and, for a placement, its
 * order count), never during a Retry-After hold or a ban, and otherwise queues it. The queue is
 * bounded and ordered by priority, first in first out within one; the head blocks everything
 * behind it, so a waiting cancel is never overtaken by a lighter new order. Waiting is a
 * `clock.sleep` until the head's send time, so on a VirtualClock `run` jumps straight there.
 *
 * The decisions are the pure functions of limit-windows.ts; this class holds the state, the
 * queue and the timers.
 */
export class RequestLimiter {
  /** Protected for the seeded-bug fixtures that misjudge the windows (properties/fixtures/adapters/). */
  protected state: LimiterState;
  private readonly queue: Waiting[] = [];
  private readonly clock: Clock;
  private readonly maxQueueDepth: number;
  private inFlight = 0;
  private sent = 0;
  private wakeAt = Number.POSITIVE_INFINITY;
  private closedFor: string | undefined;

  constructor(options: RequestLimiterOptions) {
    this.clock = options.clock;
    this.state = initialLimiterState(options.rules ?? BINANCE_SPOT_LIMITS);
    this.maxQueueDepth = options.maxQueueDepth ?? DEFAULT_MAX_QUEUE_DEPTH;
    if (!Number.isInteger(this.maxQueueDepth) || this.maxQueueDepth < 1) throw new ConfigError('limits.maxQueueDepth', 'must be an integer of at least 1');
  }

  /**
   * Sends `request` through `send` as soon as the limits allow, after every waiting request
   * of a higher priority and every earlier one of its own. Rejects with QueueClosedError after
   * `close`; with QueueFullError when the queue is full and holds nothing of a lower priority
   * (otherwise the newest request of the lowest priority is dropped with QueueFullError to make
   * room, so a cancel always finds a place while new orders wait).
   */
  schedule<T>(request: ScheduledRequest, send: () => Promise<T>): Promise<T> {
    const label = `${request.method.toUpperCase()} ${request.path}`;
    if (this.closedFor !== undefined) return Promise.reject(new QueueClosedError(this.closedFor, label));
    const cost = requestCost(request);
    if (nextSendTime(initialLimiterState(this.state.rules), cost, 0) === Number.POSITIVE_INFINITY) {
      return Promise.reject(new ConfigError('limits.rules', `${label} costs ${cost.weight} weight and ${cost.orders} orders, more than a window allows`));
    }
    return new Promise<T>((resolve, reject) => {
      const entry: Waiting = {
        rank: PRIORITY_RANK[request.priority],
        priority: request.priority,
        label,
        cost,
        reject,
        start: () => {
          this.inFlight += 1;
          let response: Promise<T>;
          try {
            response = send();
          } catch (error: unknown) {
            response = Promise.reject(error);
          }
          response.then(resolve, reject).finally(() => {
            this.inFlight -= 1;
          });
        },
      };
      if (!this.makeRoomFor(entry)) {
        reject(new QueueFullError(this.maxQueueDepth, label));
        return;
      }
      this.enqueue(entry);
      this.pump();
    });
  }

  /** Adopts the venue's counts from a response's X-MBX-USED-WEIGHT-* / X-MBX-ORDER-COUNT-* headers. */
  observeHeaders(headers: Readonly<Record<string, string>>, at: number = this.clock.now()): void {
    this.state = resyncFromHeaders(this.state, headers, at);
  }

  /** A 429 answered with Retry-After (converted to ms): nothing is sent before it elapses. */
  observeRetryAfter(ms: number): void {
    this.state = holdUntil(this.state, this.clock.now() + Math.max(0, ms));
  }

  /** A 418: the IP is banned until `untilMs` on this clock; nothing is sent before then. */
  observeBan(untilMs: number): void {
    this.state = bannedUntil(this.state, untilMs);
  }

  /**
   * Everything one response tells the limiter: the X-MBX counts, and on a 429 or 418 its
   * Retry-After ("the number of seconds required to wait", LIMITS doc) as a hold or a ban.
   * ccxt reads neither (ccxt note), so the adapter's transport passes every response here.
   */
  observeResponse(response: { status: number; headers: Readonly<Record<string, string>> }): void {
    const now = this.clock.now();
    this.observeHeaders(response.headers, now);
    const retryAfter = Object.entries(response.headers).find(([name]) => name.toLowerCase() === 'retry-after')?.[1];
    if (retryAfter === undefined || !/^\d+$/.test(retryAfter.trim())) return;
    const waitMs = Number.parseInt(retryAfter, 10) * 1000;
    if (response.status === 418) this.observeBan(now + waitMs);
    else if (response.status === 429) this.observeRetryAfter(waitMs);
  }

  /** Requests waiting to be sent (not those in flight). */
  queueDepth(): number {
    return this.queue.length;
  }

  snapshot(): RequestLimiterSnapshot {
    const now = this.clock.now();
    const queued: Record<RequestPriority, number> = { cancel: 0, query: 0, order: 0 };
    for (const entry of this.queue) queued[entry.priority] += 1;
    return {
      queued,
      inFlight: this.inFlight,
      sent: this.sent,
      windows: this.state.rules.map((rule, index) => ({ header: headerName(rule), start: windowStart(rule, now), used: usedAt(this.state, rule, index, now), limit: rule.limit })),
      retryAfterUntil: now < this.state.retryAfterUntil ? this.state.retryAfterUntil : undefined,
      bannedUntil: now < this.state.bannedUntil ? this.state.bannedUntil : undefined,
      closed: this.closedFor !== undefined,
    };
  }

  /** Rejects every waiting request and every later one with QueueClosedError; requests in flight finish. */
  close(reason: string): void {
    this.closedFor ??= reason;
    for (const entry of this.queue.splice(0)) entry.reject(new QueueClosedError(reason, entry.label));
  }

  /** Sends every request the limits allow now, in queue order, and sleeps until the head's turn. */
  private pump(): void {
    for (;;) {
      const head = this.queue[0];
      if (head === undefined) return;
      const now = this.clock.now();
      const sendAt = nextSendTime(this.state, head.cost, now);
      if (sendAt > now) {
        this.wakeUpAt(sendAt);
        return;
      }
      this.queue.shift();
      this.state = recordSend(this.state, head.cost, now);
      this.sent += 1;
      head.start();
    }
  }

  /** One timer for the earliest time the queue needs looking at; later timers are left to fire harmlessly. */
  private wakeUpAt(at: number): void {
    if (at >= this.wakeAt) return;
    this.wakeAt = at;
    void this.clock.sleep(at - this.clock.now()).then(() => {
      if (this.wakeAt === at) this.wakeAt = Number.POSITIVE_INFINITY;
      this.pump();
    });
  }

  private makeRoomFor(entry: Waiting): boolean {
    if (this.queue.length < this.maxQueueDepth) return true;
    const lowest = this.queue[this.queue.length - 1];
    if (lowest === undefined || lowest.rank <= entry.rank) return false;
    this.queue.pop();
    lowest.reject(new QueueFullError(this.maxQueueDepth, lowest.label));
    return true;
  }

  /** Keeps the queue ordered by priority, then arrival. */
  private enqueue(entry: Waiting): void {
    const index = this.queue.findIndex((waiting) => waiting.rank > entry.rank);
    if (index === -1) this.queue.push(entry);
    else this.queue.splice(index, 0, entry);
  }
}
