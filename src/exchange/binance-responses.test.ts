import { describe, expect, it } from 'vitest';
import { MalformedResponseError } from '../domain/errors';
import { assertListAnswer } from './binance-responses';

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
