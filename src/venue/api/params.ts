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

/**
 * Puts one source's pairs into `params`. No closures here: under tsx every closure created per
 * request also costs a `__name` call (esbuild's keepNames), which showed up in the bench profile.
 */
function readSource(source: string, params: Record<string, string>, fromQuery: ReadonlySet<string> | undefined): void {
  const seen = new Set<string>();
  // Fast path with URLSearchParams' result: plain ASCII without '%' or '+' needs no decoding, so
  // splitting is enough (URLSearchParams showed up in the venue's profile on every request).
  // A leading '?' (which it drops) or non-ASCII text (which it re-encodes) takes the slow path.
  if (NEEDS_DECODING.test(source)) {
    for (const [name, value] of new URLSearchParams(source)) putParam(params, seen, fromQuery, name, value);
    return;
  }
  let start = 0;
  const length = source.length;
  while (start <= length) {
    let end = source.indexOf('&', start);
    if (end === -1) end = length;
    if (end > start) {
      const equals = source.indexOf('=', start);
      if (equals === -1 || equals >= end) putParam(params, seen, fromQuery, source.slice(start, end), '');
      else putParam(params, seen, fromQuery, source.slice(start, equals), source.slice(equals + 1, end));
    }
    start = end + 1;
  }
}

function putParam(params: Record<string, string>, seen: Set<string>, fromQuery: ReadonlySet<string> | undefined, name: string, value: string): void {
  if (seen.has(name)) throw apiErrors.duplicateParameter();
  seen.add(name);
  if (fromQuery === undefined || !fromQuery.has(name)) params[name] = value;
}

// Binance's legal ranges, quoted back in its -1100 messages. The zod schemas below define the
// parameters and every error; `fastParsers` accepts exactly what they accept, with the same
// output, using the same patterns, and leaves every failure to zod (params.test.ts checks both
// agree on generated input): zod was a visible share of the venue's cost per request.
const DECIMAL_RE = /^([0-9]{1,20})(\.[0-9]{1,20})?$/;
const INTEGER_RE = /^[0-9]{1,20}$/;
const SYMBOL_RE = /^[A-Z0-9-_.]{1,20}$/;
const CLIENT_ORDER_ID_RE = /^[.A-Z:/a-z0-9_-]{1,36}$/;
const SIGNATURE_RE = /^[0-9a-fA-F]{64}$/;
const decimalParam = z.string().regex(DECIMAL_RE);
const integerParam = z
  .string()
  .regex(INTEGER_RE)
  .transform(Number)
  .refine((value) => Number.isSafeInteger(value));
const symbolParam = z.string().regex(SYMBOL_RE);
const clientOrderIdParam = z.string().regex(CLIENT_ORDER_ID_RE);

const SIDES = ['BUY', 'SELL'] as const;
const ORDER_TYPES = ['LIMIT', 'LIMIT_MAKER', 'MARKET'] as const;
const TIMES_IN_FORCE = ['GTC', 'IOC', 'FOK'] as const;
const RESP_TYPES = ['ACK', 'RESULT', 'FULL'] as const;

export const SignedParamsSchema = z.object({
  timestamp: integerParam,
  recvWindow: integerParam.optional(),
  signature: z.string().regex(SIGNATURE_RE),
});

/**
 * POST /api/v3/order. Which of timeInForce, quantity, quoteOrderQty and price are mandatory, or
 * refused, depends on `type` (Binance's "Trade endpoints" table); order-endpoints.ts checks that.
 */
export const NewOrderParamsSchema = z.object({
  symbol: symbolParam,
  side: z.enum(SIDES),
  type: z.enum(ORDER_TYPES),
  timeInForce: z.enum(TIMES_IN_FORCE).optional(),
  quantity: decimalParam.optional(),
  quoteOrderQty: decimalParam.optional(),
  price: decimalParam.optional(),
  newClientOrderId: clientOrderIdParam.optional(),
  // Binance: "MARKET and LIMIT order types default to FULL, all other orders default to ACK."
  newOrderRespType: z.enum(RESP_TYPES).optional(),
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

/**
 * Binance's legal range for the `symbols` parameter of the tickers: a JSON array of symbols without
 * spaces, quoted back in its -1100 message (e.g. binance-connector-go issue #59).
 */
const SYMBOLS_RE = /^\[("[A-Z0-9-_.]{1,20}"(,"[A-Z0-9-_.]{1,20}"){0,}){0,1}\]$/;

/** GET /api/v3/depth. `symbolStatus` filters by trading status (TRADING, HALT, BREAK). */
export const DepthParamsSchema = z.object({
  symbol: symbolParam,
  limit: integerParam.optional(),
  // Checked by the endpoint: Binance answers a bad value with -1122, not a -1100 pattern error.
  symbolStatus: z.string().optional(),
});

/** GET /api/v3/trades: the most recent trades. */
export const RecentTradesParamsSchema = z.object({ symbol: symbolParam, limit: integerParam.optional() });

/** GET /api/v3/aggTrades */
export const AggTradesParamsSchema = z.object({
  symbol: symbolParam,
  fromId: integerParam.optional(),
  startTime: integerParam.optional(),
  endTime: integerParam.optional(),
  limit: integerParam.optional(),
});

/** GET /api/v3/avgPrice */
export const AvgPriceParamsSchema = z.object({ symbol: symbolParam });

/** GET /api/v3/ticker/price and GET /api/v3/ticker/bookTicker: one symbol, a list, or all. */
export const TickerParamsSchema = z.object({
  symbol: symbolParam.optional(),
  symbols: z.string().regex(SYMBOLS_RE).optional(),
  symbolStatus: z.string().optional(),
});

/** GET /api/v3/ticker/24hr; `type` (FULL or MINI) is checked by the endpoint, as -1139. */
export const Ticker24hrParamsSchema = TickerParamsSchema.extend({ type: z.string().optional() });

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
  const fast = fastParsers.get(schema);
  if (fast !== undefined) {
    const parsed = fast(raw);
    if (parsed !== undefined) return parsed as z.infer<Schema>;
  }
  return parseWithZod(schema, raw);
}

/** What zod decides, errors included: the definition `fastParsers` must agree with. */
export function parseWithZod<Schema extends z.ZodType>(schema: Schema, raw: RawParams): z.infer<Schema> {
  const result = schema.safeParse(raw);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const name = String(issue?.path[0] ?? '');
  const value = raw[name];
  if (value === undefined || value === '') throw apiErrors.mandatory(name);
  const enumError = ENUM_ERRORS[name];
  if (enumError !== undefined) throw enumError();
  if (issue !== undefined && issue.code === 'invalid_format' && 'pattern' in issue && typeof issue.pattern === 'string') {
    // zod quotes a RegExp with its slashes ("/^...$/"); Binance's message quotes the bare pattern.
    throw apiErrors.illegalCharacters(name, issue.pattern.replace(/^\/(.*)\/[a-z]*$/, '$1'));
  }
  throw apiErrors.invalidParameter(name);
}

/**
 * One field as its zod schema checks it: a string matching a pattern, an integer (pattern, then
 * Number, then a safe integer), or one of an enum's values; optional or not.
 */
type FieldCheck = { name: string; optional: boolean } & ({ kind: 'pattern'; pattern: RegExp } | { kind: 'integer' } | { kind: 'enum'; values: ReadonlySet<string> });

const pattern = (name: string, re: RegExp, optional = true): FieldCheck => ({ name, optional, kind: 'pattern', pattern: re });
const integer = (name: string, optional = true): FieldCheck => ({ name, optional, kind: 'integer' });
const oneOf = (name: string, values: readonly string[], optional = true): FieldCheck => ({ name, optional, kind: 'enum', values: new Set(values) });

/**
 * The success path of `schema.safeParse` for an object of string fields: the output holds the
 * present fields in shape order (unknown ones dropped, as zod strips them), integers as numbers.
 * `undefined` for any input zod would refuse; zod then produces the error.
 */
function fastObject(fields: readonly FieldCheck[]): (raw: RawParams) => Record<string, unknown> | undefined {
  return (raw) => {
    const out: Record<string, unknown> = {};
    for (const field of fields) {
      const value = raw[field.name];
      if (value === undefined) {
        if (field.optional) continue;
        return undefined;
      }
      if (field.kind === 'pattern') {
        if (!field.pattern.test(value)) return undefined;
        out[field.name] = value;
      } else if (field.kind === 'integer') {
        if (!INTEGER_RE.test(value)) return undefined;
        const number = Number(value);
        if (!Number.isSafeInteger(number)) return undefined;
        out[field.name] = number;
      } else {
        if (!field.values.has(value)) return undefined;
        out[field.name] = value;
      }
    }
    return out;
  };
}

/** The hot schemas (every signed request, orders and cancels); the rest go through zod alone. */
const fastParsers = new Map<z.ZodType, (raw: RawParams) => Record<string, unknown> | undefined>([
  [SignedParamsSchema, fastObject([integer('timestamp', false), integer('recvWindow'), pattern('signature', SIGNATURE_RE, false)])],
  [
    NewOrderParamsSchema,
    fastObject([
      pattern('symbol', SYMBOL_RE, false),
      oneOf('side', SIDES, false),
      oneOf('type', ORDER_TYPES, false),
      oneOf('timeInForce', TIMES_IN_FORCE),
      pattern('quantity', DECIMAL_RE),
      pattern('quoteOrderQty', DECIMAL_RE),
      pattern('price', DECIMAL_RE),
      pattern('newClientOrderId', CLIENT_ORDER_ID_RE),
      oneOf('newOrderRespType', RESP_TYPES),
      oneOf('selfTradePreventionMode', SELF_TRADE_PREVENTION_MODES),
    ]),
  ],
  [OrderRefParamsSchema, fastObject([pattern('symbol', SYMBOL_RE, false), integer('orderId'), pattern('origClientOrderId', CLIENT_ORDER_ID_RE)])],
  [
    CancelParamsSchema,
    fastObject([pattern('symbol', SYMBOL_RE, false), integer('orderId'), pattern('origClientOrderId', CLIENT_ORDER_ID_RE), pattern('newClientOrderId', CLIENT_ORDER_ID_RE)]),
  ],
]);

/** For params.test.ts: the fast parser of a schema, to compare with zod. */
export function fastParserOf(schema: z.ZodType): ((raw: RawParams) => Record<string, unknown> | undefined) | undefined {
  return fastParsers.get(schema);
}
