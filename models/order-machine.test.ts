import { describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import { dec } from '../src/domain/decimal';
import type { Side } from '../src/domain/order';
import { OrderNotAcceptedError, orderMachine, orderStateOf, orderViewOf, type OrderViewMeta } from './order-machine';

const BTC_USDT: OrderViewMeta = { clientOrderId: 'tp-1', venueOrderId: '7', symbol: 'BTC/USDT', base: 'BTC', quote: 'USDT' };

function acceptedOrder(side: Side, price: string, amount: string) {
  const actor = createActor(orderMachine, { input: { side, price: dec(price), amount: dec(amount) } }).start();
  actor.send({ type: 'ACCEPT' });
  return actor;
}

function fill(quantity: string, price: string, commission = '0') {
  return { type: 'FILL', quantity: dec(quantity), price: dec(price), commission: dec(commission) } as const;
}

describe('order machine', () => {
  it('an open order has no average price and no fee in its view', () => {
    expect(orderViewOf(acceptedOrder('buy', '100', '2').getSnapshot(), BTC_USDT)).toEqual({
      clientOrderId: 'tp-1', venueOrderId: '7', symbol: 'BTC/USDT', side: 'buy',
      price: '100', amount: '2', filled: '0', remaining: '2', status: 'open',
    });
  });

  it('average price is cost / filled rounded down to 16 decimals, canonical', () => {
    const order = acceptedOrder('buy', '2', '3');
    order.send(fill('1', '1'));
    order.send(fill('2', '2'));
    const view = orderViewOf(order.getSnapshot(), BTC_USDT);
    // 5 / 3 = 1.6666…: rounded down, never up to …67.
    expect(view.averagePrice).toBe('1.6666666666666666');
    expect(view.status).toBe('filled');
  });

  it('average price drops trailing zeros', () => {
    const order = acceptedOrder('sell', '1.5', '4');
    order.send(fill('2', '2.50'));
    expect(orderViewOf(order.getSnapshot(), BTC_USDT)).toMatchObject({ averagePrice: '2.5', filled: '2', remaining: '2', status: 'partially_filled' });
  });

  it('fee is in the received asset and present as soon as something is filled, even when zero', () => {
    const buy = acceptedOrder('buy', '100', '2');
    buy.send(fill('0.5', '100', '0'));
    expect(orderViewOf(buy.getSnapshot(), BTC_USDT).fee).toEqual({ asset: 'BTC', amount: '0' });
    const sell = acceptedOrder('sell', '100', '2');
    sell.send(fill('0.5', '100', '0.05'));
    sell.send(fill('0.5', '100', '0.05'));
    expect(orderViewOf(sell.getSnapshot(), BTC_USDT).fee).toEqual({ asset: 'USDT', amount: '0.1' });
  });

  it('refuses a fill above the remaining amount and records why', () => {
    const order = acceptedOrder('buy', '100', '1');
    order.send(fill('0.6', '100'));
    order.send(fill('0.5', '100'));
    const snapshot = order.getSnapshot();
    expect(orderStateOf(snapshot)).toBe('partially_filled');
    expect(snapshot.context.filled.toFixed()).toBe('0.6');
    expect(snapshot.context.violations).toEqual([{ state: 'partially_filled', event: 'FILL', reason: 'fill quantity 0.5 exceeds remaining 0.4' }]);
  });

  it('refuses fills through the limit: a buy above it, a sell below it', () => {
    const buy = acceptedOrder('buy', '100', '1');
    buy.send(fill('1', '100.01'));
    expect(buy.getSnapshot().context.violations[0]?.reason).toBe('buy filled at 100.01 above its limit 100');
    const sell = acceptedOrder('sell', '100', '1');
    sell.send(fill('1', '99.99'));
    expect(sell.getSnapshot().context.violations[0]?.reason).toBe('sell filled at 99.99 below its limit 100');
    expect(orderStateOf(buy.getSnapshot())).toBe('open');
    expect(orderStateOf(sell.getSnapshot())).toBe('open');
  });

  it('terminal states absorb every event', () => {
    const order = acceptedOrder('sell', '10', '1');
    order.send({ type: 'CANCEL' });
    const canceled = order.getSnapshot().context;
    for (const event of [fill('1', '10'), { type: 'CANCEL' } as const, { type: 'ACCEPT' } as const, { type: 'REJECT' } as const]) order.send(event);
    const after = order.getSnapshot();
    expect(orderStateOf(after)).toBe('canceled');
    expect(after.context.filled).toBe(canceled.filled);
    expect(after.context.violations.map((v) => v.reason)).toEqual(Array(4).fill('canceled is terminal and absorbs every event'));
  });

  it('a new order has no view yet', () => {
    const order = createActor(orderMachine, { input: { side: 'buy', price: dec('1'), amount: dec('1') } }).start();
    expect(() => orderViewOf(order.getSnapshot(), BTC_USDT)).toThrow(OrderNotAcceptedError);
  });
});

describe('order machine: expiry and MARKET orders', () => {
  it('an IOC rest expires: partially filled to expired, fills kept, then terminal', () => {
    const order = acceptedOrder('buy', '100', '3');
    order.send(fill('1', '99'));
    order.send({ type: 'EXPIRE' });
    expect(orderViewOf(order.getSnapshot(), BTC_USDT)).toMatchObject({ status: 'expired', filled: '1', remaining: '2', averagePrice: '99' });
    order.send(fill('1', '99'));
    expect(order.getSnapshot().context.violations.map((v) => v.reason)).toEqual(['expired is terminal and absorbs every event']);
  });

  it('a MARKET order fills at any price; a filled one by quantity does not expire, one by quote quantity does', () => {
    const byQuantity = createActor(orderMachine, { input: { side: 'buy', price: dec('0'), amount: dec('1'), limited: false } }).start();
    byQuantity.send({ type: 'ACCEPT' });
    byQuantity.send(fill('1', '30000'));
    byQuantity.send({ type: 'EXPIRE' });
    expect([orderStateOf(byQuantity.getSnapshot()), byQuantity.getSnapshot().context.violations.length]).toEqual(['filled', 1]);
    const byQuote = createActor(orderMachine, { input: { side: 'buy', price: dec('0'), amount: dec('1'), limited: false, byQuote: true } }).start();
    byQuote.send({ type: 'ACCEPT' });
    byQuote.send(fill('1', '30000'));
    byQuote.send({ type: 'EXPIRE' });
    expect(orderViewOf(byQuote.getSnapshot(), BTC_USDT)).toMatchObject({ status: 'expired', filled: '1', remaining: '0' });
    expect(byQuote.getSnapshot().context.violations).toEqual([]);
  });
});
