import { z } from 'zod';

/**
 * Strict zod schemas of every Binance spot REST answer the venue produces (Binance's "spot REST
 * API" docs, field for field). The reference adapter's schemas (src/exchange/binance-responses.ts)
 * read only the fields it needs and transform them, so they cannot tell a missing or misspelled
 * field; these reject both (strict objects), which is what a client not built on ccxt relies on.
 */

/** Binance's wire decimals: a plain decimal string with at least 8 decimals ("0.00100000"). */
const wireDecimal = z.string().regex(/^(0|[1-9]\d*)\.\d{8,}$/);
const id = z.number().int().nonnegative();
const time = z.number().int().nonnegative();
const side = z.enum(['BUY', 'SELL']);
// EXPIRED_IN_MATCH: expired by self-trade prevention (Binance ENUM "Order status").
const status = z.enum(['NEW', 'PARTIALLY_FILLED', 'FILLED', 'CANCELED', 'REJECTED', 'EXPIRED', 'EXPIRED_IN_MATCH']);
const orderType = z.enum(['LIMIT', 'LIMIT_MAKER', 'MARKET']);
const timeInForce = z.enum(['GTC', 'IOC', 'FOK']);
const stpMode = z.enum(['NONE', 'EXPIRE_TAKER', 'EXPIRE_MAKER', 'EXPIRE_BOTH', 'DECREMENT']);
const symbol = z.string().regex(/^[A-Z0-9]{2,20}$/);

export const ErrorSchema = z.strictObject({ code: z.number().int().negative(), msg: z.string().min(1) });
export const EmptySchema = z.strictObject({});
export const ServerTimeSchema = z.strictObject({ serverTime: time });

const filter = z.discriminatedUnion('filterType', [
  z.strictObject({ filterType: z.literal('PRICE_FILTER'), minPrice: wireDecimal, maxPrice: wireDecimal, tickSize: wireDecimal }),
  z.strictObject({ filterType: z.literal('LOT_SIZE'), minQty: wireDecimal, maxQty: wireDecimal, stepSize: wireDecimal }),
  z.strictObject({ filterType: z.literal('MARKET_LOT_SIZE'), minQty: wireDecimal, maxQty: wireDecimal, stepSize: wireDecimal }),
  z.strictObject({
    filterType: z.literal('NOTIONAL'),
    minNotional: wireDecimal,
    applyMinToMarket: z.boolean(),
    maxNotional: wireDecimal,
    applyMaxToMarket: z.boolean(),
    avgPriceMins: z.number().int().nonnegative(),
  }),
  z.strictObject({ filterType: z.literal('MAX_NUM_ORDERS'), maxNumOrders: z.number().int().positive() }),
]);

export const ExchangeInfoSchema = z.strictObject({
  timezone: z.literal('UTC'),
  serverTime: time,
  rateLimits: z.array(
    z.strictObject({
      rateLimitType: z.enum(['REQUEST_WEIGHT', 'ORDERS', 'RAW_REQUESTS']),
      interval: z.enum(['SECOND', 'MINUTE', 'HOUR', 'DAY']),
      intervalNum: z.number().int().positive(),
      limit: z.number().int().positive(),
    }),
  ),
  exchangeFilters: z.array(z.unknown()),
  symbols: z.array(
    z.strictObject({
      symbol,
      status: z.literal('TRADING'),
      baseAsset: z.string(),
      baseAssetPrecision: z.number().int(),
      quoteAsset: z.string(),
      quotePrecision: z.number().int(),
      quoteAssetPrecision: z.number().int(),
      baseCommissionPrecision: z.number().int(),
      quoteCommissionPrecision: z.number().int(),
      orderTypes: z.array(orderType).min(1),
      icebergAllowed: z.boolean(),
      ocoAllowed: z.boolean(),
      otoAllowed: z.boolean(),
      quoteOrderQtyMarketAllowed: z.boolean(),
      allowTrailingStop: z.boolean(),
      cancelReplaceAllowed: z.boolean(),
      amendAllowed: z.boolean(),
      isSpotTradingAllowed: z.boolean(),
      isMarginTradingAllowed: z.boolean(),
      filters: z.array(filter),
      permissions: z.array(z.string()),
      permissionSets: z.array(z.array(z.string())),
      defaultSelfTradePreventionMode: stpMode,
      allowedSelfTradePreventionModes: z.array(stpMode),
    }),
  ),
});

export const AccountSchema = z.strictObject({
  makerCommission: z.number().int().nonnegative(),
  takerCommission: z.number().int().nonnegative(),
  buyerCommission: z.number().int().nonnegative(),
  sellerCommission: z.number().int().nonnegative(),
  commissionRates: z.strictObject({ maker: wireDecimal, taker: wireDecimal, buyer: wireDecimal, seller: wireDecimal }),
  canTrade: z.boolean(),
  canWithdraw: z.boolean(),
  canDeposit: z.boolean(),
  brokered: z.boolean(),
  requireSelfTradePrevention: z.boolean(),
  preventSor: z.boolean(),
  updateTime: time,
  accountType: z.literal('SPOT'),
  balances: z.array(z.strictObject({ asset: z.string(), free: wireDecimal, locked: wireDecimal })),
  permissions: z.array(z.string()),
  uid: id,
});

/** Fields every order answer past ACK carries (Binance "Response RESULT"). */
const orderCore = {
  price: wireDecimal,
  origQty: wireDecimal,
  executedQty: wireDecimal,
  origQuoteOrderQty: wireDecimal,
  cummulativeQuoteQty: wireDecimal,
  status,
  timeInForce,
  type: orderType,
  side,
  selfTradePreventionMode: stpMode,
};
/** Present only when self-trade prevention acted on the order (Binance docs, STP section). */
const preventedFields = {
  preventedMatchId: id.optional(),
  preventedQuantity: wireDecimal.optional(),
};

export const OrderAckSchema = z.strictObject({ symbol, orderId: id, orderListId: z.literal(-1), clientOrderId: z.string(), transactTime: time });
export const OrderResultSchema = OrderAckSchema.extend({ ...orderCore, ...preventedFields, workingTime: time });
export const OrderFullSchema = OrderResultSchema.extend({
  fills: z.array(z.strictObject({ price: wireDecimal, qty: wireDecimal, commission: wireDecimal, commissionAsset: z.string(), tradeId: id })),
});
/** POST /api/v3/order answers ACK, RESULT or FULL; a strict union tells them apart by their keys. */
export const NewOrderSchema = z.union([OrderFullSchema, OrderResultSchema, OrderAckSchema]);

export const QueryOrderSchema = z.strictObject({
  symbol,
  orderId: id,
  orderListId: z.literal(-1),
  clientOrderId: z.string(),
  ...orderCore,
  ...preventedFields,
  stopPrice: wireDecimal,
  icebergQty: wireDecimal,
  time,
  updateTime: time,
  isWorking: z.boolean(),
  workingTime: time,
});

export const CancelOrderSchema = z.strictObject({
  symbol,
  origClientOrderId: z.string(),
  orderId: id,
  orderListId: z.literal(-1),
  clientOrderId: z.string(),
  transactTime: time,
  ...orderCore,
  ...preventedFields,
});

export const MyTradeSchema = z.strictObject({
  symbol,
  id,
  orderId: id,
  orderListId: z.literal(-1),
  price: wireDecimal,
  qty: wireDecimal,
  quoteQty: wireDecimal,
  commission: wireDecimal,
  commissionAsset: z.string(),
  time,
  isBuyer: z.boolean(),
  isMaker: z.boolean(),
  isBestMatch: z.boolean(),
});

/** The success schema of each route the venue serves; errors are ErrorSchema on every route. */
export const SUCCESS_SCHEMAS: Readonly<Record<string, z.ZodType>> = {
  'GET /api/v3/ping': EmptySchema,
  'GET /api/v3/time': ServerTimeSchema,
  'GET /api/v3/exchangeInfo': ExchangeInfoSchema,
  'GET /api/v3/account': AccountSchema,
  'POST /api/v3/order': NewOrderSchema,
  'GET /api/v3/order': QueryOrderSchema,
  'DELETE /api/v3/order': CancelOrderSchema,
  'GET /api/v3/openOrders': z.array(QueryOrderSchema),
  'GET /api/v3/allOrders': z.array(QueryOrderSchema),
  'DELETE /api/v3/openOrders': z.array(CancelOrderSchema),
  'GET /api/v3/myTrades': z.array(MyTradeSchema),
};
