import { z } from 'zod';
import { DECIMAL_PATTERN } from './decimal';

const decimalString = z.string().regex(DECIMAL_PATTERN);

export const SideSchema = z.enum(['buy', 'sell']);
export type Side = z.infer<typeof SideSchema>;

/** Lifecycle states shared by the model, the adapter's view and the venue (mapped from Binance's). */
export const OrderStatusSchema = z.enum(['open', 'partially_filled', 'filled', 'canceled', 'rejected']);
export type OrderStatus = z.infer<typeof OrderStatusSchema>;

export const TERMINAL_STATUSES: ReadonlySet<OrderStatus> = new Set(['filled', 'canceled', 'rejected']);

/** Binance: newClientOrderId must match ^[a-zA-Z0-9-_]{1,36}$. */
export const ClientOrderIdSchema = z.string().regex(/^[a-zA-Z0-9_-]{1,36}$/);

/** What the trading system wants done; placed exactly once or definitely not placed. */
export const OrderIntentSchema = z.object({
  clientOrderId: ClientOrderIdSchema,
  symbol: z.string(),
  side: SideSchema,
  type: z.literal('limit'),
  price: decimalString,
  amount: decimalString,
});
export type OrderIntent = z.infer<typeof OrderIntentSchema>;

/**
 * One order as a view reports it, decimals as plain strings. `averagePrice` is absent while
 * nothing is filled; `fee` is the total charged, in the asset received.
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
