import { describe, expect, it } from 'vitest';
import type { ParsedOrder } from './binance-responses';
import { answerMatchesRequest, describeRequest, type OrderRequest } from './order-request';

/**
 * The O4 rule at its core: an answer names the order the request asked for, or it is another
 * intent's order under a reused client order id and must not be adopted. Each field that differs
 * is refused on its own; a field the answer does not list is not held against it.
 */
function answer(fields: { side?: 'buy' | 'sell'; price?: string; amount?: string; asked?: ParsedOrder['asked'] } = {}): ParsedOrder {
  return {
    state: {
      venueOrderId: '1',
      clientOrderId: 'c-1',
      symbol: 'BTC/USDT',
      base: 'BTC',
      quote: 'USDT',
      side: fields.side ?? 'buy',
      price: fields.price ?? '30000.00',
      amount: fields.amount ?? '0.0100',
      status: 'NEW',
      executedQty: '0',
    },
    asked: fields.asked ?? {},
    fills: [],
  };
}

const LIMIT: OrderRequest = { kind: 'limit', side: 'buy', timeInForce: 'GTC', price: '30000', amount: '0.01' };
const MAKER: OrderRequest = { kind: 'limit_maker', side: 'buy', price: '30000', amount: '0.01' };
const MARKET: OrderRequest = { kind: 'market', side: 'buy', amount: '0.01' };
const MARKET_COST: OrderRequest = { kind: 'market_cost', side: 'buy', cost: '300' };

describe('answerMatchesRequest', () => {
  it('accepts the order it asked for, decimals compared by value, unlisted fields not held against it', () => {
    expect(answerMatchesRequest(answer({ asked: { type: 'LIMIT', timeInForce: 'GTC' } }), LIMIT)).toBe(true);
    expect(answerMatchesRequest(answer(), LIMIT)).toBe(true);
    expect(answerMatchesRequest(answer({ asked: { type: 'LIMIT_MAKER' } }), MAKER)).toBe(true);
    expect(answerMatchesRequest(answer({ price: '0', asked: { type: 'MARKET' } }), MARKET)).toBe(true);
    expect(answerMatchesRequest(answer({ price: '0', amount: '0.00999', asked: { type: 'MARKET', quoteOrderQty: '300.00' } }), MARKET_COST)).toBe(true);
    expect(answerMatchesRequest(answer({ price: '0', asked: {} }), MARKET_COST)).toBe(true);
  });

  it('refuses another side for every kind', () => {
    for (const request of [LIMIT, MAKER, MARKET, MARKET_COST]) expect(answerMatchesRequest(answer({ side: 'sell' }), request), request.kind).toBe(false);
  });

  it('refuses another type for every kind', () => {
    expect(answerMatchesRequest(answer({ asked: { type: 'LIMIT_MAKER' } }), LIMIT)).toBe(false);
    expect(answerMatchesRequest(answer({ asked: { type: 'LIMIT' } }), MAKER)).toBe(false);
    expect(answerMatchesRequest(answer({ asked: { type: 'LIMIT' } }), MARKET)).toBe(false);
    expect(answerMatchesRequest(answer({ asked: { type: 'LIMIT' } }), MARKET_COST)).toBe(false);
  });

  it('refuses a limit order with another time in force, price or amount', () => {
    expect(answerMatchesRequest(answer({ asked: { type: 'LIMIT', timeInForce: 'IOC' } }), LIMIT)).toBe(false);
    expect(answerMatchesRequest(answer({ price: '30000.01' }), LIMIT)).toBe(false);
    expect(answerMatchesRequest(answer({ amount: '0.02' }), LIMIT)).toBe(false);
  });

  it('refuses a maker order with another price or amount', () => {
    expect(answerMatchesRequest(answer({ price: '29999', asked: { type: 'LIMIT_MAKER' } }), MAKER)).toBe(false);
    expect(answerMatchesRequest(answer({ amount: '0.011', asked: { type: 'LIMIT_MAKER' } }), MAKER)).toBe(false);
  });

  it('refuses a market order for another amount, and one by cost for another quote quantity', () => {
    expect(answerMatchesRequest(answer({ amount: '0.02', asked: { type: 'MARKET' } }), MARKET)).toBe(false);
    expect(answerMatchesRequest(answer({ asked: { type: 'MARKET', quoteOrderQty: '301' } }), MARKET_COST)).toBe(false);
  });
});

describe('describeRequest', () => {
  it('says what each kind of request asked', () => {
    expect([LIMIT, MAKER, MARKET, MARKET_COST].map(describeRequest)).toEqual(['buy 0.01 @ 30000 GTC', 'buy 0.01 @ 30000 maker', 'buy 0.01 at market', 'buy for 300 at market']);
  });
});
