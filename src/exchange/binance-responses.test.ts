import { describe, expect, it } from 'vitest';
import { MalformedResponseError } from '../domain/errors';
import { DEFAULT_MARKETS } from '../domain/market';
import { assertListAnswer, parseAccountTrades, parseOrderTrades } from './binance-responses';

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
