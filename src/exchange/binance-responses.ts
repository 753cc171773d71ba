import { z } from 'zod';
import type { Balances } from '../domain/balance';
import { DECIMAL_PATTERN, dec, formatDecimal } from '../domain/decimal';
import { deepFreeze } from '../domain/deep-freeze';
import { MalformedResponseError } from '../domain/errors';
import { MarketSchema, type Market } from '../domain/market';
import type { Trade } from '../domain/order';
import type { OrderFill, VenueOrderState } from './order-tracker';

/**
 * The raw Binance spot answers the adapter reads (ccxt keeps them in `info`), parsed at the edge.
 * Decimals are read only from Binance's strings ("0.00100000"), canonicalised, never from a JS
 * number. Anything that does not fit throws MalformedResponseError before the local view changes.
 */

const binanceDecimal = z.string().regex(DECIMAL_PATTERN).transform((value) => formatDecimal(dec(value)));
/** Binance ids are JSON integers; ccxt hands them on as parsed. They are ids, not amounts. */
const binanceId = z.union([z.number().int().nonnegative(), z.string().regex(/^\d+$/)]).transform(String);
const orderStatus = z.enum(['NEW', 'PARTIALLY_FILLED', 'FILLED', 'CANCELED', 'REJECTED', 'EXPIRED']);

const FillSchema = z.object({
  tradeId: binanceId,
  price: binanceDecimal,
  qty: binanceDecimal,
  commission: binanceDecimal,
  commissionAsset: z.string(),
});

/** POST /api/v3/order (newOrderRespType FULL), GET and DELETE /api/v3/order. */
const OrderSchema = z.object({
  symbol: z.string(),
  orderId: binanceId,
  clientOrderId: z.string(),
  /** DELETE answers with the cancel request's own id in clientOrderId and the order's here. */
  origClientOrderId: z.string().optional(),
  price: binanceDecimal,
  origQty: binanceDecimal,
  executedQty: binanceDecimal,
  status: orderStatus,
  side: z.enum(['BUY', 'SELL']),
  /**
   * Binance lists both on every answer but ACK (absent, they are not checked); any value, since
   * other clients of the account may place types this adapter does not.
   */
  type: z.string().optional(),
  timeInForce: z.string().optional(),
  /** quoteOrderQty of a MARKET order by quote quantity; zero otherwise. */
  origQuoteOrderQty: binanceDecimal.optional(),
  fills: z.array(FillSchema).optional(),
});

/**
 * A user-data stream `executionReport` (ccxt.pro keeps it as `info` of what watchOrders and
 * watchMyTrades yield). `t` is -1 unless `x` is TRADE; `C` is the canceled order's own client id
 * on a cancel (the cancel request's id is then in `c`), empty otherwise.
 */
const ExecutionReportSchema = z.object({
  e: z.literal('executionReport'),
  s: z.string(),
  c: z.string(),
  C: z.string().optional(),
  S: z.enum(['BUY', 'SELL']),
  o: z.string(),
  f: z.string(),
  q: binanceDecimal,
  p: binanceDecimal,
  x: z.string(),
  X: orderStatus,
  i: binanceId,
  l: binanceDecimal,
  z: binanceDecimal,
  L: binanceDecimal,
  n: binanceDecimal,
  N: z.string().nullable(),
  t: z.number().int(),
});

/** GET /api/v3/myTrades rows. */
const MyTradeSchema = z.object({
  id: binanceId,
  orderId: binanceId,
  price: binanceDecimal,
  qty: binanceDecimal,
  commission: binanceDecimal,
  commissionAsset: z.string(),
});

/** The fields of a myTrades row the account's trade list needs on top of a fill. */
const AccountTradeSchema = MyTradeSchema.extend({ symbol: z.string(), isBuyer: z.boolean(), isMaker: z.boolean() });

/** GET /api/v3/account. */
const AccountSchema = z.object({
  balances: z.array(z.object({ asset: z.string(), free: binanceDecimal, locked: binanceDecimal })),
});

const PriceFilterSchema = z.object({ minPrice: binanceDecimal, maxPrice: binanceDecimal, tickSize: binanceDecimal });
const LotSizeSchema = z.object({ minQty: binanceDecimal, maxQty: binanceDecimal, stepSize: binanceDecimal });
const NotionalSchema = z.object({ minNotional: binanceDecimal, maxNotional: binanceDecimal });

/** GET /api/v3/exchangeInfo, one entry of `symbols`. */
const SymbolSchema = z.object({
  symbol: z.string(),
  baseAsset: z.string(),
  quoteAsset: z.string(),
  orderTypes: z.array(z.string()),
  filters: z.array(z.object({ filterType: z.string() }).loose()),
});

function parseOrThrow<T extends z.ZodType>(schema: T, raw: unknown, what: string): z.infer<T> {
  const result = schema.safeParse(raw);
  if (!result.success) {
    const issue = result.error.issues[0];
    const where = issue === undefined ? '' : ` at ${issue.path.join('.') || '(root)'}: ${issue.message}`;
    throw new MalformedResponseError(`malformed ${what} from the venue${where}`);
  }
  return result.data;
}

export interface ParsedOrder {
  state: VenueOrderState;
  /** What the answer says was asked: the type, time in force and quote quantity, where listed. */
  asked: { type?: string | undefined; timeInForce?: string | undefined; quoteOrderQty?: string | undefined };
  /** The fills a FULL create response carries; empty for GET and DELETE answers. */
  fills: OrderFill[];
}

/** One order answer, checked to belong to `market`. */
export function parseOrderResponse(raw: unknown, market: Market): ParsedOrder {
  const order = parseOrThrow(OrderSchema, raw, 'order');
  if (order.symbol !== market.id) throw new MalformedResponseError(`order answer for ${order.symbol}, expected ${market.id}`);
  return {
    state: {
      venueOrderId: order.orderId,
      clientOrderId: order.origClientOrderId ?? order.clientOrderId,
      symbol: market.symbol,
      base: market.base,
      quote: market.quote,
      side: order.side === 'BUY' ? 'buy' : 'sell',
      price: order.price,
      amount: order.origQty,
      status: order.status,
      executedQty: order.executedQty,
    },
    asked: { type: order.type, timeInForce: order.timeInForce, quoteOrderQty: order.origQuoteOrderQty },
    fills: (order.fills ?? []).map((fill) => ({
      tradeId: fill.tradeId,
      price: fill.price,
      quantity: fill.qty,
      commission: fill.commission,
      commissionAsset: fill.commissionAsset,
    })),
  };
}

/**
 * One executionReport as an order answer: the order's state after the event, and its one fill
 * when the event is a TRADE. Checked to belong to `market`; anything else is MalformedResponseError.
 */
export function parseExecutionReport(raw: unknown, market: Market): ParsedOrder {
  const report = parseOrThrow(ExecutionReportSchema, raw, 'executionReport');
  if (report.s !== market.id) throw new MalformedResponseError(`executionReport for ${report.s}, expected ${market.id}`);
  const isTrade = report.x === 'TRADE';
  if (isTrade && (report.t < 0 || report.N === null)) throw new MalformedResponseError(`executionReport TRADE of order ${report.i} without a trade id or commission asset`);
  return {
    state: {
      venueOrderId: report.i,
      clientOrderId: report.C !== undefined && report.C !== '' ? report.C : report.c,
      symbol: market.symbol,
      base: market.base,
      quote: market.quote,
      side: report.S === 'BUY' ? 'buy' : 'sell',
      price: report.p,
      amount: report.q,
      status: report.X,
      executedQty: report.z,
    },
    asked: { type: report.o, timeInForce: report.f },
    fills: isTrade ? [{ tradeId: String(report.t), price: report.L, quantity: report.l, commission: report.n, commissionAsset: report.N ?? '' }] : [],
  };
}

/** The exchange symbol (e.g. "BTCUSDT") an executionReport is about, or undefined when it is not one. */
export function executionReportSymbol(raw: unknown): string | undefined {
  const parsed = z.object({ e: z.literal('executionReport'), s: z.string() }).safeParse(raw);
  return parsed.success ? parsed.data.s : undefined;
}

/** myTrades rows of one order (filtered here too, in case the venue ignored `orderId`). */
export function parseOrderTrades(rows: readonly unknown[], venueOrderId: string): OrderFill[] {
  return rows
    .map((row) => parseOrThrow(MyTradeSchema, row, 'trade'))
    .filter((trade) => trade.orderId === venueOrderId)
    .map((trade) => ({ tradeId: trade.id, price: trade.price, quantity: trade.qty, commission: trade.commission, commissionAsset: trade.commissionAsset }))
    .sort(byTradeId);
}

/**
 * Binance's trade ids are integers, listed ascending. ccxt hands `info` rows back sorted by
 * timestamp and then by id as a string (base/Exchange.js parseTrades, sortBy2), so trades of one
 * millisecond come as "10" before "9": put them back in the venue's order, or paging by fromId
 * from the last id would skip or repeat trades.
 */
function byTradeId(a: { tradeId: string }, b: { tradeId: string }): number {
  const difference = BigInt(a.tradeId) - BigInt(b.tradeId);
  return difference < 0n ? -1 : difference > 0n ? 1 : 0;
}

/**
 * myTrades rows of one symbol as the account's trades, ascending by trade id as Binance lists
 * them; `clientOrderIdOf` names the venue orders the adapter knows.
 */
export function parseAccountTrades(rows: readonly unknown[], market: Market, clientOrderIdOf: (venueOrderId: string) => string | undefined): Trade[] {
  return rows.map((row): Trade => {
    const trade = parseOrThrow(AccountTradeSchema, row, 'trade');
    if (trade.symbol !== market.id) throw new MalformedResponseError(`trade answer for ${trade.symbol}, expected ${market.id}`);
    const clientOrderId = clientOrderIdOf(trade.orderId);
    return {
      tradeId: trade.id,
      venueOrderId: trade.orderId,
      ...(clientOrderId === undefined ? {} : { clientOrderId }),
      symbol: market.symbol,
      side: trade.isBuyer ? 'buy' : 'sell',
      price: trade.price,
      amount: trade.qty,
      fee: { asset: trade.commissionAsset, amount: trade.commission },
      role: trade.isMaker ? 'maker' : 'taker',
    };
  }).sort(byTradeId);
}

/** Account balances in canonical form: assets holding nothing left out, as the ledger reports. */
export function parseAccountBalances(raw: unknown): Balances {
  const account = parseOrThrow(AccountSchema, raw, 'account');
  const balances: Balances = {};
  for (const { asset, free, locked } of account.balances) {
    if (free === '0' && locked === '0') continue;
    balances[asset] = { free, locked };
  }
  return balances;
}

/** Markets already parsed, by symbol and exchangeInfo entry; cleared when full. */
const PARSED_MARKETS = new Map<string, Market>();
export const PARSED_MARKETS_LIMIT = 256;

/**
 * One exchangeInfo symbol as a Market. Every adapter of a worker loads the same few symbols, so
 * each distinct entry is parsed once and its Market shared: frozen all the way down, it carries
 * nothing from one adapter to the next (properties/determinism.test.ts).
 */
export function parseMarket(raw: unknown, symbol: string): Market {
  const key = `${symbol}\u0000${JSON.stringify(raw)}`;
  const known = PARSED_MARKETS.get(key);
  if (known !== undefined) return known;
  const market = deepFreeze(parseMarketAfresh(raw, symbol));
  if (PARSED_MARKETS.size >= PARSED_MARKETS_LIMIT) PARSED_MARKETS.clear();
  PARSED_MARKETS.set(key, market);
  return market;
}

/**
 * A domain Market from a raw exchangeInfo symbol: PRICE_FILTER, LOT_SIZE and NOTIONAL read from
 * Binance's strings. `symbol` is ccxt's unified name for it.
 */
function parseMarketAfresh(raw: unknown, symbol: string): Market {
  const info = parseOrThrow(SymbolSchema, raw, 'exchangeInfo symbol');
  const findFilter = <T extends z.ZodType>(schema: T, type: string): z.infer<T> => {
    const found = info.filters.find((entry) => entry.filterType === type);
    if (found === undefined) throw new MalformedResponseError(`exchangeInfo ${info.symbol} lists no ${type} filter`);
    return parseOrThrow(schema, found, `${info.symbol} ${type} filter`);
  };
  const knownOrderTypes = MarketSchema.shape.orderTypes.element.options as readonly string[];
  return parseOrThrow(
    MarketSchema,
    {
      symbol,
      id: info.symbol,
      base: info.baseAsset,
      quote: info.quoteAsset,
      priceFilter: findFilter(PriceFilterSchema, 'PRICE_FILTER'),
      lotSize: findFilter(LotSizeSchema, 'LOT_SIZE'),
      // Optional on Binance's side: a symbol without it has no separate MARKET order step.
      ...(info.filters.some((entry) => entry.filterType === 'MARKET_LOT_SIZE') ? { marketLotSize: findFilter(LotSizeSchema, 'MARKET_LOT_SIZE') } : {}),
      notional: findFilter(NotionalSchema, 'NOTIONAL'),
      orderTypes: info.orderTypes.filter((type) => knownOrderTypes.includes(type)),
    },
    'market',
  );
}

/**
 * Binance's list endpoints (openOrders, allOrders, myTrades) answer a JSON array. ccxt's parseOrders
 * and parseTrades take any object's values as the list (base/Exchange.js toArray), so `{}` or an
 * error object on a 200 would read as "no orders" or "no trades": a wrong value, not an error.
 * The transport checks the body's first character, before ccxt parses it.
 */
const LIST_ENDPOINT = /\/api\/v3\/(?:openOrders|allOrders|myTrades)(?:[?#]|$)/;

/** Whether `url` names a list endpoint, whose 2XX answers must be JSON arrays. */
export function isListEndpoint(url: string): boolean {
  return LIST_ENDPOINT.test(url);
}

const EXCHANGE_INFO_ENDPOINT = /\/api\/v3\/exchangeInfo(?:[?#]|$)/;

/** Whether `url` names GET /api/v3/exchangeInfo, whose answer carries the venue's time. */
export function isExchangeInfoEndpoint(url: string): boolean {
  return EXCHANGE_INFO_ENDPOINT.test(url);
}

/**
 * The venue time a 2XX exchangeInfo `body` carries (Binance's top-level `serverTime`), or
 * undefined where it carries none a time sync could adopt: an error, or no whole number there.
 */
export function serverTimeOfExchangeInfo(status: number, body: string): number | undefined {
  if (status < 200 || status > 299) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return undefined;
  }
  const serverTime = typeof parsed === 'object' && parsed !== null && 'serverTime' in parsed ? parsed.serverTime : undefined;
  return typeof serverTime === 'number' && Number.isSafeInteger(serverTime) && serverTime >= 0 ? serverTime : undefined;
}

/** Throws MalformedResponseError unless a list endpoint's 2XX `body` is a JSON array. */
export function assertListAnswer(url: string, status: number, body: string): void {
  if (status < 200 || status >= 300 || !isListEndpoint(url) || body.trimStart().startsWith('[')) return;
  const path = url.replace(/^[a-z]+:\/\/[^/]+/, '').replace(/[?#].*$/, '');
  throw new MalformedResponseError(`malformed answer from ${path}: expected a JSON list`);
}
