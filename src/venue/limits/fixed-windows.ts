import { intervalLabel, intervalMs, type RateLimitRule } from './limits-config';

/** One counted window of one rate limiter for one IP or account: the truth for R2. */
export interface LimitWindow {
  rateLimitType: RateLimitRule['rateLimitType'];
  /** "(intervalNum)(intervalLetter)", e.g. "1M", "10S", "1D". */
  interval: string;
  /** The IP (REQUEST_WEIGHT, RAW_REQUESTS) or account (ORDERS) counted. */
  subject: string;
  /** Inclusive start and exclusive end on the venue clock, in ms. */
  start: number;
  end: number;
  count: number;
}

/**
 * Fixed windows as Binance counts them: "a 1 MINUTE interval starts every minute. Request
 * submitted at 00:01:23.456 counts towards the 00:01:00 minute's limit. Once the 00:02:00 minute
 * starts, the count will reset to zero again." Windows are aligned to multiples of their length
 * since the Unix epoch, so a DAY window is a UTC day. Every window ever counted is kept, in the
 * order it was opened, so a property can compare it with the requests in it.
 */
export class FixedWindowCounter {
  private readonly current = new Map<string, LimitWindow>();
  private readonly history: LimitWindow[] = [];
  private readonly lengthMs: number;
  private readonly label: string;

  constructor(readonly rule: RateLimitRule) {
    this.lengthMs = intervalMs(rule);
    this.label = intervalLabel(rule);
  }

  /** The start of the window `at` falls in. */
  windowStart(at: number): number {
    return Math.floor(at / this.lengthMs) * this.lengthMs;
  }

  /** The end of the window `at` falls in: when its count resets. */
  windowEnd(at: number): number {
    return this.windowStart(at) + this.lengthMs;
  }

  /** What `subject` has used in the window `at` falls in. */
  used(subject: string, at: number): number {
    const window = this.current.get(subject);
    return window !== undefined && window.start === this.windowStart(at) ? window.count : 0;
  }

  /** Counts `amount` for `subject` in the window `at` falls in; returns the new total. */
  add(subject: string, at: number, amount: number): number {
    const start = this.windowStart(at);
    let window = this.current.get(subject);
    if (window === undefined || window.start !== start) {
      window = { rateLimitType: this.rule.rateLimitType, interval: this.label, subject, start, end: start + this.lengthMs, count: 0 };
      this.current.set(subject, window);
      this.history.push(window);
    }
    window.count += amount;
    return window.count;
  }

  /** Every subject counted, in first-seen order. */
  subjects(): string[] {
    return [...this.current.keys()];
  }

  /** Copies of every window opened so far, oldest first. */
  windows(): LimitWindow[] {
    return this.history.map((window) => ({ ...window }));
  }
}
