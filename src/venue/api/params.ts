import { z } from 'zod';
import { SELF_TRADE_PREVENTION_MODES } from '../engine/self-trade-prevention';
import { apiErrors, type BinanceReject } from './errors';

/** Query and body parameters together, as Binance reads them for a signed endpoint. */
export type RawParams = Readonly<Record<string, string>>;

const NEEDS_DECODING = /[%+]|^\?|[^\x00-\x7f]/;

/**
 * Query and body parameters of one request. Binance's rules: a name sent twice within the query
 * or within the body is -1101 "Duplicate values for a parameter detected."; a name sent in both
 * is read from the query string.
 */
export function readParams(query: string, body: string): RawParams {
  const params: Record<string, string> = {};
  readSource(query, params, undefined);
  if (body !== '') readSource(body, params, new Set(Object.keys(params)));
  return params;
}

function readSource(source: string, params: Record<string, string>, fromQuery: ReadonlySet<string> | undefined): void {
  const seen = new Set<string>();
  const put = (name: string, value: string): void => {
    if (seen.has(name)) throw apiErrors.duplicateParameter();
    seen.add(name);
    if (fromQuery === undefined || !fromQuery.has(name)) params[name] = value;
  };
  // Fast path with URLSearchParams' result: plain ASCII without '%' or '+' needs no decoding, so
  // splitting is enough (URLSearchParams showed up in the venue's profile on every request).
  // A leading '?' (which it drops) or non-ASCII text (which it re-encodes) takes the slow path.
  if (NEEDS_DECODING.test(source)) {
    for (const [name, value] of new URLSearchParams(source)) put(name, value);
    return;
  }
  for (const pair of source.split('&')) {
    if (pair === '') continue;
    const equals = pair.indexOf('=');
    if (equals === -1) put(pair, '');
    else put(pair.slice(0, equals), pair.slice(equals + 1));
  }
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

/**
 * POST /api/v3/order. Which of timeInForce, quantity, quoteOrderQty and price are mandatory, or
 * refused, depends on `type` (Binance's "Trade endpoints" table); order-endpoints.ts checks that.
 */
export const NewOrderParamsSchema = z.object({
  symbol: symbolParam,
  side: z.enum(['BUY', 'SELL']),
  type: z.enum(['LIMIT', 'LIMIT_MAKER', 'MARKET']),
  timeInForce: z.enum(['GTC', 'IOC', 'FOK']).optional(),
  quantity: decimalParam.optional(),
  quoteOrderQty: decimalParam.optional(),
  price: decimalParam.optional(),
  newClientOrderId: clientOrderIdParam.optional(),
  // Binance: "MARKET and LIMIT order types default to FULL, all other orders default to ACK."
  newOrderRespType: z.enum(['ACK', 'RESULT', 'FULL']).optional(),
  selfTradePreventionMode: z.enum(SELF_TRADE_PREVENTION_MODES).optional(),
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

/** GET /api/v3/allOrders */
export const AllOrdersParamsSchema = z.object({
  symbol: symbolParam,
  orderId: integerParam.optional(),
  startTime: integerParam.optional(),
  endTime: integerParam.optional(),
  limit: integerParam.optional(),
});

/** DELETE /api/v3/openOrders: every open order of one symbol. */
export const CancelAllParamsSchema = z.object({ symbol: symbolParam });

/** GET /api/v3/ping and GET /api/v3/time take no parameters. */
export const NoParamsSchema = z.object({});

/** GET /api/v3/exchangeInfo: the venue always answers every symbol, but accepts the filters. */
export const ExchangeInfoParamsSchema = z.object({
  symbol: z.string().optional(),
  symbols: z.string().optional(),
  permissions: z.string().optional(),
  showPermissionSets: z.string().optional(),
  symbolStatus: z.string().optional(),
});

/** Every SIGNED endpoint reads these besides its own parameters. */
const SIGNED_PARAM_NAMES: ReadonlySet<string> = new Set(Object.keys(SignedParamsSchema.shape));

const ENUM_ERRORS: Record<string, () => BinanceReject> = {
  side: apiErrors.invalidSide,
  type: apiErrors.invalidOrderType,
  timeInForce: apiErrors.invalidTimeInForce,
};

/**
 * An endpoint's parameters: Binance reads only the ones it knows, and a request that sent more
 * is -1104 "Not all sent parameters were read; read 'N' parameter(s) but was sent 'M'."
 * (timestamp, recvWindow and signature count as read).
 */
export function parseEndpointParams<Shape extends z.ZodRawShape>(schema: z.ZodObject<Shape>, raw: RawParams): z.infer<z.ZodObject<Shape>> {
  const names = Object.keys(raw);
  let read = 0;
  for (const name of names) if (name in schema.shape || SIGNED_PARAM_NAMES.has(name)) read += 1;
  if (read !== names.length) throw apiErrors.unreadParameters(read, names.length);
  return parseParams(schema, raw);
}

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
