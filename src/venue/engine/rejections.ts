/**
 * Why the engine refuses a request, with Binance's code and message for it (spot REST error
 * codes doc). The messages are matched by ccxt's binance.handleErrors, so they are exact.
 */
export const REJECTIONS = {
  PRICE_FILTER: { code: -1013, msg: 'Filter failure: PRICE_FILTER' },
  LOT_SIZE: { code: -1013, msg: 'Filter failure: LOT_SIZE' },
  MARKET_LOT_SIZE: { code: -1013, msg: 'Filter failure: MARKET_LOT_SIZE' },
  NOTIONAL: { code: -1013, msg: 'Filter failure: NOTIONAL' },
  /** More open orders on the symbol than the account may have. */
  MAX_NUM_ORDERS: { code: -1013, msg: 'Filter failure: MAX_NUM_ORDERS' },
  /** A LIMIT_MAKER that would cross the book (ccxt: OrderImmediatelyFillable). */
  WOULD_TAKE: { code: -2010, msg: 'Order would immediately match and take.' },
  INSUFFICIENT_BALANCE: { code: -2010, msg: 'Account has insufficient balance for requested action.' },
  DUPLICATE_ORDER: { code: -2010, msg: 'Duplicate order sent.' },
  /** DELETE /api/v3/order of an order that is unknown or no longer open. */
  /** Also DELETE /api/v3/openOrders when the symbol has no open order of the account. */
  CANCEL_UNKNOWN_ORDER: { code: -2011, msg: 'Unknown order sent.' },
  /** GET /api/v3/order of an order this account does not have. */
  ORDER_DOES_NOT_EXIST: { code: -2013, msg: 'Order does not exist.' },
} as const;

export type RejectReason = keyof typeof REJECTIONS;
