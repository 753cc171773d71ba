import { z } from 'zod';
import { DECIMAL_PATTERN } from './decimal';

const decimalString = z.string().regex(DECIMAL_PATTERN);

export const SideSchema = z.enum(['buy', 'sell']);
export type Side = z.infer<typeof SideSchema>;

/**
 * Lifecycle states shared by the model, the adapter's view and the venue (mapped from Binance's).
 * `expired`: Binance EXPIRED, the unfilled rest of an IOC, FOK or MARKET order ended by the venue.
 * `rejected`: refused by the venue before it held an order (Binance answers an error, no order).
 */
export const OrderStatusSchema = z.enum(['open', 'partially_filled', 'filled', 'canceled', 'expired', 'rejected']);
export type OrderStatus = z.infer<typeof OrderStatusSchema>;

export const TERMINAL_STATUSES: ReadonlySet<OrderStatus> = new Set(['filled', 'canceled', 'expired', 'rejected']);

/** Binance: newClientOrderId must match ^[a-zA-Z0-9-_]{1,36}$. */
export const ClientOrderIdSchema = z.string().regex(/^[a-zA-Z0-9_-]{1,36}$/);

export const TimeInForceSchema = z.enum(['GTC', 'IOC', 'FOK']);
export type TimeInForce = z.infer<typeof TimeInForceSchema>;

const intentCore = { clientOrderId: ClientOrderIdSchema, symbol: z.string(), side: SideSchema };

/** LIMIT: rests until filled or canceled (GTC, the default), or takes what crosses at once (IOC, FOK). */
export const LimitOrderIntentSchema = z.object({ ...intentCore, type: z.literal('limit'), timeInForce: TimeInForceSchema.default('GTC'), price: decimalString, amount: decimalString });
/** LIMIT_MAKER (post-only): rests like GTC; refused by the venue if it would take on arrival. */
export const LimitMakerIntentSchema = z.object({ ...intentCore, type: z.literal('limit_maker'), price: decimalString, amount: decimalString });
/** MARKET by base quantity: takes the book up to `amount`; the rest expires. */
export const MarketOrderIntentSchema = z.object({ ...intentCore, type: z.literal('market'), amount: decimalString });
/** MARKET by quote quantity (Binance quoteOrderQty): a buy spends, a sell receives, at most `cost`. */
export const MarketCostIntentSchema = z.object({ ...intentCore, type: z.literal('market_cost'), cost: decimalString });

/** What the trading system wants done; placed exactly once or definitely not placed. */
export const OrderIntentSchema = z.discriminatedUnion('type', [LimitOrderIntentSchema, LimitMakerIntentSchema, MarketOrderIntentSchema, MarketCostIntentSchema]);
/** As a caller writes it: a limit intent without `timeInForce` is GTC. */
export type OrderIntent = z.input<typeof OrderIntentSchema>;
/** As the adapter holds it after parsing: defaults filled in. */
export type ParsedOrderIntent = z.output<typeof OrderIntentSchema>;
/** The intents with a limit price and a base quantity: what the limit precision policy rounds. */
export type LimitOrderIntent = Extract<OrderIntent, { price: string }>;

/**
 * One order as a view reports it, decimals as plain strings. `averagePrice` is absent while
 * nothing is filled; `fee` is the total charged, in the asset received. A MARKET order has price
 * "0" (as Binance reports it) and, when placed by quote quantity, the amount it executed.
 */
export const OrderViewSchema = z.object({
  clientOrderId: ClientOrderIdSchema,
  venueOrderId: z.string().optional(),
  symbol: z.string(),
  side: SideSchema,
  price: decimalString,
  amount: decimalString,
  filled: decimalString,
  remaining: decimalString,
  status: OrderStatusSchema,
  averagePrice: decimalString.optional(),
  fee: z.object({ asset: z.string(), amount: decimalString }).optional(),
});
export type OrderView = z.infer<typeof OrderViewSchema>;

/** One trade of the account as GET /api/v3/myTrades reports it, from its own order's side. */
export const TradeSchema = z.object({
  tradeId: z.string(),
  venueOrderId: z.string(),
  /** Present when the adapter knows which of its orders the venue order is. */
  clientOrderId: ClientOrderIdSchema.optional(),
  symbol: z.string(),
  side: SideSchema,
  price: decimalString,
  amount: decimalString,
  fee: z.object({ asset: z.string(), amount: decimalString }),
  role: z.enum(['maker', 'taker']),
});
export type Trade = z.infer<typeof TradeSchema>;
