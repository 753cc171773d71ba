import { z } from 'zod';
import { apiErrors, type BinanceReject } from './errors';

/** Query and body parameters together, as Binance reads them for a signed endpoint. */
export type RawParams = Readonly<Record<string, string>>;

export function readParams(query: string, body: string): RawParams {
  const params: Record<string, string> = {};
  for (const source of [query, body]) {
    for (const [name, value] of new URLSearchParams(source)) params[name] = value;
  }
  return params;
}

// Binance's legal ranges, quoted back in its -1100 messages.
const decimalParam = z.string().regex(/^([0-9]{1,20})(\.[0-9]{1,20})?$/);
const integerParam = z
  .string()
  .regex(/^[0-9]{1,20}$/)
  .transform(Number)
  .refine((value) => Number.isSafeInteger(value));
const symbolParam = z.string().regex(/^[A-Z0-9-_.]{1,20}$/);
const clientOrderIdParam = z.string().regex(/^[.A-Z:/a-z0-9_-]{1,36}$/);

export const SignedParamsSchema = z.object({
  timestamp: integerParam,
  recvWindow: integerParam.optional(),
  signature: z.string().regex(/^[0-9a-fA-F]{64}$/),
});

/** POST /api/v3/order: LIMIT GTC only in this slice, so timeInForce, quantity and price are mandatory. */
export const NewOrderParamsSchema = z.object({
  symbol: symbolParam,
  side: z.enum(['BUY', 'SELL']),
  type: z.enum(['LIMIT']),
  timeInForce: z.enum(['GTC']),
  quantity: decimalParam,
  price: decimalParam,
  newClientOrderId: clientOrderIdParam.optional(),
  // Binance: LIMIT and MARKET default to FULL.
  newOrderRespType: z.enum(['ACK', 'RESULT', 'FULL']).default('FULL'),
});
export type NewOrderParams = z.infer<typeof NewOrderParamsSchema>;

export const OrderRefParamsSchema = z.object({
  symbol: symbolParam,
  orderId: integerParam.optional(),
  origClientOrderId: clientOrderIdParam.optional(),
});
export type OrderRefParams = z.infer<typeof OrderRefParamsSchema>;

export const CancelParamsSchema = OrderRefParamsSchema.extend({ newClientOrderId: clientOrderIdParam.optional() });

export const OpenOrdersParamsSchema = z.object({ symbol: symbolParam.optional() });

export const AccountParamsSchema = z.object({ omitZeroBalances: z.enum(['true', 'false']).optional() });

export const MyTradesParamsSchema = z.object({
  symbol: symbolParam,
  orderId: integerParam.optional(),
  fromId: integerParam.optional(),
  startTime: integerParam.optional(),
  endTime: integerParam.optional(),
  limit: integerParam.optional(),
});
export type MyTradesParams = z.infer<typeof MyTradesParamsSchema>;

const ENUM_ERRORS: Record<string, () => BinanceReject> = {
  side: apiErrors.invalidSide,
  type: apiErrors.invalidOrderType,
  timeInForce: apiErrors.invalidTimeInForce,
};

/** Parses at the edge; the first bad parameter becomes Binance's error for it. */
export function parseParams<Schema extends z.ZodType>(schema: Schema, raw: RawParams): z.infer<Schema> {
  const result = schema.safeParse(raw);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const name = String(issue?.path[0] ?? '');
  const value = raw[name];
  if (value === undefined || value === '') throw apiErrors.mandatory(name);
  const enumError = ENUM_ERRORS[name];
  if (enumError !== undefined) throw enumError();
  if (issue !== undefined && issue.code === 'invalid_format' && 'pattern' in issue && typeof issue.pattern === 'string') {
    throw apiErrors.illegalCharacters(name, issue.pattern);
  }
  throw apiErrors.invalidParameter(name);
}
