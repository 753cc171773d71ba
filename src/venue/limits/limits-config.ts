import { z } from 'zod';

/**
 * One rate limiter as Binance lists it in GET /api/v3/exchangeInfo `rateLimits` (ENUM
 * "Rate limiters (rateLimitType)"): REQUEST_WEIGHT and RAW_REQUESTS are counted per IP,
 * ORDERS per account ("The number of unfilled orders is tracked for each account").
 */
export const RateLimitRuleSchema = z.object({
  rateLimitType: z.enum(['REQUEST_WEIGHT', 'ORDERS', 'RAW_REQUESTS']),
  interval: z.enum(['SECOND', 'MINUTE', 'HOUR', 'DAY']),
  intervalNum: z.number().int().positive(),
  limit: z.number().int().positive(),
});
export type RateLimitRule = z.infer<typeof RateLimitRuleSchema>;

/** Binance spot's production limits (exchangeInfo, checked against the LIMITS doc). */
export const BINANCE_RATE_LIMITS: readonly RateLimitRule[] = [
  { rateLimitType: 'REQUEST_WEIGHT', interval: 'MINUTE', intervalNum: 1, limit: 6000 },
  { rateLimitType: 'ORDERS', interval: 'SECOND', intervalNum: 10, limit: 100 },
  { rateLimitType: 'ORDERS', interval: 'DAY', intervalNum: 1, limit: 200000 },
  { rateLimitType: 'RAW_REQUESTS', interval: 'MINUTE', intervalNum: 5, limit: 61000 },
];

const TWO_MINUTES_MS = 2 * 60_000;
const THREE_DAYS_MS = 3 * 24 * 60 * 60_000;

/**
 * Binance: "IP bans are tracked and scale in duration for repeat offenders, from 2 minutes to
 * 3 days." The schedule is not published; the venue doubles from `firstMs` up to `maxMs`.
 */
export const IpBanSchema = z
  .object({
    firstMs: z.number().int().positive().default(TWO_MINUTES_MS),
    maxMs: z.number().int().positive().default(THREE_DAYS_MS),
  })
  .refine((ban) => ban.firstMs <= ban.maxMs, { path: ['maxMs'], message: 'must not be below firstMs' });
export type IpBanConfig = z.infer<typeof IpBanSchema>;

/** The venue's limits: Binance's rate limiters and the IP ban schedule, all on the venue clock. */
export const LimitsConfigSchema = z.object({
  rateLimits: z
    .array(RateLimitRuleSchema)
    .default(() => BINANCE_RATE_LIMITS.map((rule) => ({ ...rule })))
    .superRefine((rules, ctx) => {
      const seen = new Set<string>();
      rules.forEach((rule, index) => {
        const key = `${rule.rateLimitType} ${intervalLabel(rule)}`;
        if (seen.has(key)) ctx.addIssue({ code: 'custom', path: [index], message: `duplicate rate limit ${key}` });
        seen.add(key);
      });
    }),
  ipBan: IpBanSchema.default({ firstMs: TWO_MINUTES_MS, maxMs: THREE_DAYS_MS }),
});
export type LimitsConfig = z.infer<typeof LimitsConfigSchema>;
export type LimitsConfigInput = z.input<typeof LimitsConfigSchema>;

const INTERVAL_MS: Readonly<Record<RateLimitRule['interval'], number>> = {
  SECOND: 1000,
  MINUTE: 60_000,
  HOUR: 3_600_000,
  DAY: 86_400_000,
};

export function intervalMs(rule: RateLimitRule): number {
  return INTERVAL_MS[rule.interval] * rule.intervalNum;
}

/**
 * "(intervalNum)(intervalLetter)" as in the X-MBX-USED-WEIGHT-1M / X-MBX-ORDER-COUNT-10S
 * header names (LIMITS doc: SECOND => S, MINUTE => M, HOUR => H, DAY => D).
 */
export function intervalLabel(rule: RateLimitRule): string {
  return `${rule.intervalNum}${rule.interval.charAt(0)}`;
}

/** Response header for a rule, lower case as HTTP/2 sends it; RAW_REQUESTS has none. */
export function headerName(rule: RateLimitRule): string | undefined {
  const label = intervalLabel(rule).toLowerCase();
  if (rule.rateLimitType === 'REQUEST_WEIGHT') return `x-mbx-used-weight-${label}`;
  if (rule.rateLimitType === 'ORDERS') return `x-mbx-order-count-${label}`;
  return undefined;
}
