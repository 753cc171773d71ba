import { z } from 'zod';
import { DECIMAL_PATTERN, tryDec } from '../domain/decimal';
import { ConfigError } from '../domain/errors';
import { DEFAULT_MARKETS, MarketSchema } from '../domain/market';
import { LimitsConfigSchema } from './limits/limits-config';

const feeRate = z
  .string()
  .regex(DECIMAL_PATTERN, 'a plain decimal string such as "0.001"')
  .refine((value) => tryDec(value)?.lt(1) ?? false, 'a fee rate below 1, such as "0.001"');

/**
 * A market whose filters can hold an order at all: steps and ticks above zero, min <= max.
 * zod 4 runs refinements even after a regex failed, hence `tryDec` (undefined skips the check).
 */
const VenueMarketSchema = MarketSchema.superRefine((market, ctx) => {
  const positive: Array<[string[], string]> = [
    [['priceFilter', 'tickSize'], market.priceFilter.tickSize],
    [['lotSize', 'stepSize'], market.lotSize.stepSize],
  ];
  for (const [path, value] of positive) {
    if (!(tryDec(value)?.gt(0) ?? true)) ctx.addIssue({ code: 'custom', path, message: 'must be above zero' });
  }
  const ranges: Array<[string[], string, string]> = [
    [['priceFilter', 'maxPrice'], market.priceFilter.minPrice, market.priceFilter.maxPrice],
    [['lotSize', 'maxQty'], market.lotSize.minQty, market.lotSize.maxQty],
    [['notional', 'maxNotional'], market.notional.minNotional, market.notional.maxNotional],
  ];
  for (const [path, min, max] of ranges) {
    const [low, high] = [tryDec(min), tryDec(max)];
    if (low !== undefined && high !== undefined && low.gt(high)) ctx.addIssue({ code: 'custom', path, message: `must not be below the minimum ${min}` });
  }
  if (market.id !== `${market.base}${market.quote}` || market.symbol !== `${market.base}/${market.quote}`) {
    ctx.addIssue({ code: 'custom', path: ['id'], message: 'id must be base+quote and symbol base/quote' });
  }
});

/** The venue's configuration: the markets it lists and its maker/taker fee rates. */
export const VenueConfigSchema = z.object({
  markets: z
    .array(VenueMarketSchema)
    .min(1)
    .default(() => [...DEFAULT_MARKETS])
    .superRefine((markets, ctx) => {
      const seen = new Set<string>();
      markets.forEach((market, index) => {
        if (seen.has(market.id)) ctx.addIssue({ code: 'custom', path: [index, 'id'], message: `duplicate market ${market.id}` });
        seen.add(market.id);
      });
    }),
  fees: z.object({ maker: feeRate, taker: feeRate }).default({ maker: '0.001', taker: '0.001' }),
  /** Rate limits and the IP ban schedule; Binance's production values by default. */
  limits: LimitsConfigSchema.default(() => LimitsConfigSchema.parse({})),
});
export type VenueConfig = z.infer<typeof VenueConfigSchema>;

/** Parses at the edge; the first bad field becomes a ConfigError naming its path (invariant K1). */
export function parseVenueConfig(input: unknown): VenueConfig {
  const parsed = VenueConfigSchema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  if (issue === undefined) throw new ConfigError('', 'invalid venue configuration');
  throw new ConfigError(issue.path.map(String).join('.'), issue.message);
}
