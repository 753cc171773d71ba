import { describe, expect, it } from 'vitest';
import { MalformedResponseError } from '../domain/errors';
import { DEFAULT_MARKETS, type Market } from '../domain/market';
import {
  assertListAnswer,
  executionReportSymbol,
  isListEndpoint,
  parseAccountBalances,
  parseAccountTrades,
  parseExecutionReport,
  parseMarket,
  PARSED_MARKETS_LIMIT,
  serverTimeOfExchangeInfo,
  isExchangeInfoEndpoint,
  parseOrderResponse,
  parseOrderTrades,
} from './binance-responses';

describe('a list endpoint answer', () => {
  const openOrders = 'https://api.binance.com/api/v3/openOrders?symbol=BTCUSDT&signature=abc';

  it('passes when it is a JSON list, and for endpoints that answer objects', () => {
    expect(() => assertListAnswer(openOrders, 200, ' []')).not.toThrow();
    expect(() => assertListAnswer('https://api.binance.com/api/v3/order?symbol=BTCUSDT', 200, '{}')).not.toThrow();
    expect(() => assertListAnswer(openOrders, 400, '{"code":-1100}')).not.toThrow();
  });

  it('is a MalformedResponseError when a 2XX holds anything else: ccxt would read {} as no orders', () => {
    for (const body of ['{}', '{"code":-1001}', '<html></html>', '']) {
      expect(() => assertListAnswer(openOrders, 200, body)).toThrow(MalformedResponseError);
    }
    expect(() => assertListAnswer('http://127.0.0.1:9/api/v3/myTrades?orderId=1', 200, '{}')).toThrow('malformed answer from /api/v3/myTrades: expected a JSON list');
  });
});

describe('myTrades rows', () => {
  // ccxt sorts by timestamp, then by id as a string: one millisecond's trades come "10" before "9".
  const row = (id: number) => ({ id, orderId: 13, symbol: 'ETHUSDT', price: '2000', qty: '0.0001', commission: '0.0002', commissionAsset: 'USDT', isBuyer: false, isMaker: false });
  const market = DEFAULT_MARKETS[1];

  it('come back in the venue order, ascending by numeric trade id', () => {
    if (market === undefined) throw new RangeError('no ETH/USDT market');
    const rows = [row(10), row(9), row(100), row(11)];
    expect(parseAccountTrades(rows, market, () => 'tp-4').map((trade) => trade.tradeId)).toEqual(['9', '10', '11', '100']);
    expect(parseOrderTrades(rows, '13').map((fill) => fill.tradeId)).toEqual(['9', '10', '11', '100']);
  });
});

// Where the answers above meet a market: BTC/USDT, Binance id BTCUSDT.
function btcUsdt(): Market {
  const market = DEFAULT_MARKETS[0];
  if (market === undefined) throw new RangeError('no BTC/USDT market');
  return market;
}

const orderAnswer = (overrides: Record<string, unknown> = {}): Record<string, unknown> => ({
  symbol: 'BTCUSDT', orderId: 42, clientOrderId: 'tp-1', price: '30000.00000000', origQty: '0.50000000',
  executedQty: '0.20000000', status: 'PARTIALLY_FILLED', side: 'BUY', type: 'LIMIT', timeInForce: 'GTC',
  fills: [{ tradeId: 7, price: '29999.50000000', qty: '0.20000000', commission: '0.00020000', commissionAsset: 'BTC' }],
  ...overrides,
});

describe('an order answer', () => {
  it('reads the state, what was asked and the fills, decimals canonical and ids as strings', () => {
    expect(parseOrderResponse(orderAnswer(), btcUsdt())).toEqual({
      state: {
        venueOrderId: '42', clientOrderId: 'tp-1', symbol: 'BTC/USDT', base: 'BTC', quote: 'USDT', side: 'buy',
        price: '30000', amount: '0.5', status: 'PARTIALLY_FILLED', executedQty: '0.2',
      },
      asked: { type: 'LIMIT', timeInForce: 'GTC', quoteOrderQty: undefined },
      fills: [{ tradeId: '7', price: '29999.5', quantity: '0.2', commission: '0.0002', commissionAsset: 'BTC' }],
    });
  });

  it('takes the order id of a DELETE answer from origClientOrderId, a SELL as sell, and no fills as none', () => {
    const parsed = parseOrderResponse(orderAnswer({ clientOrderId: 'cancel-9', origClientOrderId: 'tp-1', side: 'SELL', fills: undefined, status: 'CANCELED', origQuoteOrderQty: '0.00000000' }), btcUsdt());
    expect(parsed.state).toMatchObject({ clientOrderId: 'tp-1', side: 'sell', status: 'CANCELED' });
    expect(parsed.asked.quoteOrderQty).toBe('0');
    expect(parsed.fills).toEqual([]);
  });

  it('reads every Binance status and id as written: integers or digit strings, nothing else', () => {
    for (const status of ['NEW', 'PARTIALLY_FILLED', 'FILLED', 'CANCELED', 'REJECTED', 'EXPIRED']) {
      expect(parseOrderResponse(orderAnswer({ status }), btcUsdt()).state.status).toBe(status);
    }
    expect(parseOrderResponse(orderAnswer({ orderId: '12345678901234567890' }), btcUsdt()).state.venueOrderId).toBe('12345678901234567890');
    expect(parseOrderResponse(orderAnswer({ orderId: 0 }), btcUsdt()).state.venueOrderId).toBe('0');
    for (const orderId of [-1, 1.5, '', '12a', 'a12', '-3', '1 2']) {
      expect(() => parseOrderResponse(orderAnswer({ orderId }), btcUsdt()), String(orderId)).toThrow(MalformedResponseError);
    }
    expect(() => parseOrderResponse(orderAnswer({ status: 'PENDING_NEW' }), btcUsdt())).toThrow(MalformedResponseError);
  });

  it('is a MalformedResponseError naming the field, the nested path, or the root that does not fit', () => {
    expect(() => parseOrderResponse(orderAnswer({ price: 30000 }), btcUsdt())).toThrow(/^malformed order from the venue at price: \S/);
    expect(() => parseOrderResponse(orderAnswer({ fills: [{ tradeId: 7, price: '1', qty: '1e-3', commission: '0', commissionAsset: 'BTC' }] }), btcUsdt())).toThrow(
      /^malformed order from the venue at fills\.0\.qty: \S/,
    );
    expect(() => parseAccountBalances(null)).toThrow(/^malformed account from the venue at \(root\): \S/);
  });

  it('is a MalformedResponseError when it is about another symbol', () => {
    expect(() => parseOrderResponse(orderAnswer({ symbol: 'ETHUSDT' }), btcUsdt())).toThrow(new MalformedResponseError('order answer for ETHUSDT, expected BTCUSDT'));
  });
});

const executionReport = (overrides: Record<string, unknown> = {}): Record<string, unknown> => ({
  e: 'executionReport', s: 'BTCUSDT', c: 'tp-1', C: '', S: 'SELL', o: 'LIMIT', f: 'GTC', q: '1.00000000', p: '30000.00000000',
  x: 'TRADE', X: 'PARTIALLY_FILLED', i: 42, l: '0.25000000', z: '0.25000000', L: '30000.10000000', n: '7.50000000', N: 'USDT', t: 0,
  ...overrides,
});

describe('an executionReport', () => {
  it('reads a TRADE as the order state and its one fill (trade id 0 included)', () => {
    expect(parseExecutionReport(executionReport(), btcUsdt())).toEqual({
      state: {
        venueOrderId: '42', clientOrderId: 'tp-1', symbol: 'BTC/USDT', base: 'BTC', quote: 'USDT', side: 'sell',
        price: '30000', amount: '1', status: 'PARTIALLY_FILLED', executedQty: '0.25',
      },
      asked: { type: 'LIMIT', timeInForce: 'GTC' },
      fills: [{ tradeId: '0', price: '30000.1', quantity: '0.25', commission: '7.5', commissionAsset: 'USDT' }],
    });
  });

  it('has no fill unless it is a TRADE, and names a canceled order by C', () => {
    const parsed = parseExecutionReport(executionReport({ x: 'CANCELED', X: 'CANCELED', c: 'cancel-9', C: 'tp-1', S: 'BUY', t: -1, N: null }), btcUsdt());
    expect(parsed.state).toMatchObject({ clientOrderId: 'tp-1', side: 'buy', status: 'CANCELED' });
    expect(parsed.fills).toEqual([]);
    const withoutC = executionReport({ x: 'NEW', X: 'NEW' });
    delete withoutC['C'];
    expect(parseExecutionReport(withoutC, btcUsdt()).state.clientOrderId).toBe('tp-1');
  });

  it('is a MalformedResponseError for a TRADE without a trade id or commission asset, or for another symbol', () => {
    const message = 'executionReport TRADE of order 42 without a trade id or commission asset';
    expect(() => parseExecutionReport(executionReport({ t: -1 }), btcUsdt())).toThrow(new MalformedResponseError(message));
    expect(() => parseExecutionReport(executionReport({ N: null }), btcUsdt())).toThrow(new MalformedResponseError(message));
    expect(() => parseExecutionReport(executionReport({ s: 'ETHUSDT' }), btcUsdt())).toThrow(new MalformedResponseError('executionReport for ETHUSDT, expected BTCUSDT'));
    expect(() => parseExecutionReport(executionReport({ e: 'outboundAccountPosition' }), btcUsdt())).toThrow(/^malformed executionReport from the venue at e: /);
  });

  it('names its symbol, and nothing else does', () => {
    expect(executionReportSymbol(executionReport())).toBe('BTCUSDT');
    expect(executionReportSymbol({ e: 'balanceUpdate', s: 'BTCUSDT' })).toBeUndefined();
    expect(executionReportSymbol('executionReport')).toBeUndefined();
  });
});

describe('myTrades rows of one order', () => {
  it('keeps only that order, canonical, even where the venue ignored orderId', () => {
    const rows = [
      { id: 5, orderId: 13, price: '2000.00000000', qty: '0.00010000', commission: '0.00020000', commissionAsset: 'USDT' },
      { id: 4, orderId: 14, price: '2000', qty: '1', commission: '0', commissionAsset: 'USDT' },
    ];
    expect(parseOrderTrades(rows, '13')).toEqual([{ tradeId: '5', price: '2000', quantity: '0.0001', commission: '0.0002', commissionAsset: 'USDT' }]);
    expect(() => parseOrderTrades([{ id: 5 }], '13')).toThrow(/^malformed trade from the venue at orderId: /);
  });
});

describe('account trades', () => {
  const row = { id: 3, orderId: 13, symbol: 'BTCUSDT', price: '30000.00000000', qty: '0.10000000', commission: '0.00010000', commissionAsset: 'BTC', isBuyer: true, isMaker: true };

  it('read side, role, fee and the client order id where the adapter knows the order', () => {
    expect(parseAccountTrades([row], btcUsdt(), (venueOrderId) => (venueOrderId === '13' ? 'tp-1' : undefined))).toEqual([
      { tradeId: '3', venueOrderId: '13', clientOrderId: 'tp-1', symbol: 'BTC/USDT', side: 'buy', price: '30000', amount: '0.1', fee: { asset: 'BTC', amount: '0.0001' }, role: 'maker' },
    ]);
    const [other] = parseAccountTrades([{ ...row, isBuyer: false, isMaker: false }], btcUsdt(), () => undefined);
    expect(other).toMatchObject({ side: 'sell', role: 'taker' });
    expect(other).not.toHaveProperty('clientOrderId');
  });

  it('is a MalformedResponseError for a row of another symbol', () => {
    expect(() => parseAccountTrades([{ ...row, symbol: 'ETHUSDT' }], btcUsdt(), () => undefined)).toThrow(new MalformedResponseError('trade answer for ETHUSDT, expected BTCUSDT'));
    expect(() => parseAccountTrades([{ ...row, isBuyer: 'yes' }], btcUsdt(), () => undefined)).toThrow(/^malformed trade from the venue at isBuyer: /);
  });

  it('keep rows of one trade id in the order the venue gave them', () => {
    const rows = [{ ...row, price: '1' }, { ...row, price: '2' }];
    expect(parseAccountTrades(rows, btcUsdt(), () => undefined).map((trade) => trade.price)).toEqual(['1', '2']);
  });
});

describe('account balances', () => {
  it('leaves out only assets with nothing free and nothing locked, canonical', () => {
    const raw = { balances: [
      { asset: 'BTC', free: '0.00000000', locked: '0.00000000' },
      { asset: 'ETH', free: '0.00000000', locked: '1.50000000' },
      { asset: 'USDT', free: '10.00000000', locked: '0.00000000' },
    ] };
    expect(parseAccountBalances(raw)).toEqual({ ETH: { free: '0', locked: '1.5' }, USDT: { free: '10', locked: '0' } });
  });
});

describe('an exchangeInfo symbol', () => {
  const filters = [
    { filterType: 'PRICE_FILTER', minPrice: '0.01000000', maxPrice: '1000000.00000000', tickSize: '0.01000000' },
    { filterType: 'LOT_SIZE', minQty: '0.00001000', maxQty: '9000.00000000', stepSize: '0.00001000' },
    { filterType: 'NOTIONAL', minNotional: '5.00000000', maxNotional: '9000000.00000000', applyMinToMarket: true },
  ];
  const symbol = (overrides: Record<string, unknown> = {}): Record<string, unknown> => ({
    symbol: 'BTCUSDT', baseAsset: 'BTC', quoteAsset: 'USDT', orderTypes: ['LIMIT', 'ICEBERG', 'MARKET'], filters, ...overrides,
  });

  it('reads the filters, MARKET_LOT_SIZE where listed, and only the order types tradeprop knows', () => {
    const market = parseMarket(symbol(), 'BTC/USDT');
    expect(market).toMatchObject({ orderTypes: ['LIMIT', 'MARKET'], marketLotSize: { minQty: '0', maxQty: '0', stepSize: '0' }, lotSize: { stepSize: '0.00001' } });
    const marketLotSize = { filterType: 'MARKET_LOT_SIZE', minQty: '0.00100000', maxQty: '100.00000000', stepSize: '0.00100000' };
    expect(parseMarket(symbol({ filters: [...filters, marketLotSize] }), 'BTC/USDT').marketLotSize).toEqual({ minQty: '0.001', maxQty: '100', stepSize: '0.001' });
  });

  it('parses each distinct entry once: equal entries share one Market, frozen all the way down', () => {
    const first = parseMarket(symbol(), 'BTC/USDT');
    expect(parseMarket(JSON.parse(JSON.stringify(symbol())), 'BTC/USDT')).toBe(first);
    expect([first, first.lotSize, first.notional, first.orderTypes].every((part) => Object.isFrozen(part))).toBe(true);
    expect(parseMarket(symbol({ orderTypes: ['LIMIT'] }), 'BTC/USDT').orderTypes).toEqual(['LIMIT']);
    expect(parseMarket(symbol(), 'BTC/USDC').symbol).toBe('BTC/USDC');
  });

  it('holds at most PARSED_MARKETS_LIMIT entries, then starts over: bounded memory in a long worker', () => {
    const entry = (index: number) => symbol({ orderTypes: ['LIMIT', `bound-${index}`] });
    let next = 1;
    /** New entries parsed until `probe`'s Market is no longer the one kept (it is parsed again, and kept). */
    const entriesUntilForgotten = (probe: unknown): number => {
      const kept = parseMarket(probe, 'BTC/USDT');
      let added = 0;
      do {
        parseMarket(entry(next), 'BTC/USDT');
        next += 1;
        added += 1;
      } while (parseMarket(probe, 'BTC/USDT') === kept && added <= PARSED_MARKETS_LIMIT);
      return added;
    };
    // Whatever other tests left, the first round ends in a clear; then the cache holds the last
    // entry and the probe, and forgets the probe when the next clear comes.
    expect(entriesUntilForgotten(entry(0))).toBeLessThanOrEqual(PARSED_MARKETS_LIMIT);
    expect(entriesUntilForgotten(entry(0))).toBe(PARSED_MARKETS_LIMIT - 1);
  });

  it('is a MalformedResponseError naming a missing or malformed filter', () => {
    expect(() => parseMarket(symbol({ filters: filters.slice(1) }), 'BTC/USDT')).toThrow(new MalformedResponseError('exchangeInfo BTCUSDT lists no PRICE_FILTER filter'));
    const badLot = [filters[0], { filterType: 'LOT_SIZE', minQty: '0.001' }, filters[2]];
    expect(() => parseMarket(symbol({ filters: badLot }), 'BTC/USDT')).toThrow(/^malformed BTCUSDT LOT_SIZE filter from the venue at maxQty: /);
    expect(() => parseMarket(symbol({ orderTypes: ['ICEBERG'] }), 'BTC/USDT')).toThrow(/^malformed market from the venue at orderTypes: /);
    expect(() => parseMarket(symbol({ baseAsset: 1 }), 'BTC/USDT')).toThrow(/^malformed exchangeInfo symbol from the venue at baseAsset: /);
    expect(() => parseMarket(symbol({ filters: [{ filterType: 5 }, ...filters] }), 'BTC/USDT')).toThrow(/^malformed exchangeInfo symbol from the venue at filters\.0\.filterType: /);
  });
});

describe('the venue time an exchangeInfo answer carries', () => {
  it('names exchangeInfo with or without a query, nothing longer', () => {
    for (const url of ['http://h/api/v3/exchangeInfo', 'http://h/api/v3/exchangeInfo?symbol=BTCUSDT']) expect(isExchangeInfoEndpoint(url), url).toBe(true);
    for (const url of ['http://h/api/v3/time', 'http://h/api/v3/exchangeInfoX', 'http://h/api/v1/exchangeInfo']) expect(isExchangeInfoEndpoint(url), url).toBe(false);
  });

  it('is its top-level whole serverTime on a 2XX, and nothing for an error, a malformed body or another value', () => {
    expect(serverTimeOfExchangeInfo(200, '{"timezone":"UTC","serverTime":1700000000123,"symbols":[]}')).toBe(1_700_000_000_123);
    expect(serverTimeOfExchangeInfo(299, '{"serverTime":0}')).toBe(0);
    // JSON, but no object to hold a serverTime: none, rather than a TypeError from `in`.
    for (const body of ['"serverTime"', '1700000000123', 'null', '[1700000000123]']) expect(serverTimeOfExchangeInfo(200, body), body).toBeUndefined();
    for (const [status, body] of [
      [503, '{"serverTime":1700000000123}'],
      [199, '{"serverTime":1700000000123}'],
      [200, '{"serverTime":1700000000123'],
      [200, '{"symbols":[{"serverTime":5}]}'],
      [200, '{"serverTime":"1700000000123"}'],
      [200, '{"serverTime":1700000000123.5}'],
      [200, '{"serverTime":-1}'],
      [200, '[1700000000123]'],
      [200, 'null'],
    ] as const) expect(serverTimeOfExchangeInfo(status, body), `${status} ${body}`).toBeUndefined();
  });
});

describe('which endpoints must answer a list', () => {
  it('openOrders, allOrders and myTrades, with or without a query, and nothing longer', () => {
    for (const url of ['http://h/api/v3/openOrders', 'http://h/api/v3/allOrders?symbol=X', 'http://h/api/v3/myTrades#x']) expect(isListEndpoint(url), url).toBe(true);
    for (const url of ['http://h/api/v3/order', 'http://h/api/v3/openOrderList', 'http://h/api/v3/myTradesX', 'http://h/api/v3/allOrdersList?x=1']) expect(isListEndpoint(url), url).toBe(false);
  });

  it('checks 2XX answers only, whatever their first whitespace', () => {
    const url = 'https://api.binance.com/api/v3/allOrders?symbol=BTCUSDT';
    expect(() => assertListAnswer(url, 199, '{}')).not.toThrow();
    expect(() => assertListAnswer(url, 300, '{}')).not.toThrow();
    expect(() => assertListAnswer(url, 299, '{}')).toThrow(MalformedResponseError);
    expect(() => assertListAnswer(url, 200, '\n\t [{}]')).not.toThrow();
    expect(() => assertListAnswer('https://api.binance.com/api/v3/openOrders#frag', 200, '{}')).toThrow('malformed answer from /api/v3/openOrders: expected a JSON list');
  });
});
