import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dec } from '../domain/decimal';
import { OrderNotFoundError } from '../domain/errors';
import { OrderStatusSchema, TERMINAL_STATUSES, type OrderStatus } from '../domain/order';
import { OrderTracker, orderStatusOf, statusMayMove, type OrderFill, type VenueOrderState } from './order-tracker';

const buyState = (overrides: Partial<VenueOrderState> = {}): VenueOrderState => ({
  venueOrderId: '7', clientOrderId: 'tp-a', symbol: 'BTC/USDT', base: 'BTC', quote: 'USDT',
  side: 'buy', price: '30000', amount: '1', status: 'NEW', executedQty: '0', ...overrides,
});
const fill = (tradeId: string, quantity: string, price = '30000', commission = '0.001'): OrderFill => ({ tradeId, price, quantity, commission, commissionAsset: 'BTC' });

describe('orderStatusOf', () => {
  it('maps Binance statuses to lifecycle words', () => {
    expect(orderStatusOf('NEW')).toBe('open');
    expect(orderStatusOf('PARTIALLY_FILLED')).toBe('partially_filled');
    expect(orderStatusOf('FILLED')).toBe('filled');
    expect(orderStatusOf('CANCELED')).toBe('canceled');
    // IOC, FOK and MARKET leftovers: their own terminal status, as ccxt reports it.
    expect(orderStatusOf('EXPIRED')).toBe('expired');
    expect(orderStatusOf('REJECTED')).toBe('rejected');
  });
});

describe('statusMayMove', () => {
  // Adapters that override statusMayMove build on this answer (properties/fixtures/adapters), so
  // it must hold for every pair, staying put included, not only for the moves the tracker asks.
  const rank: Record<OrderStatus, number> = { open: 0, partially_filled: 1, filled: 2, canceled: 2, expired: 2, rejected: 2 };

  it('lets a live order stay or progress, never go back, and a terminal one never move', () => {
    for (const from of OrderStatusSchema.options) {
      for (const to of OrderStatusSchema.options) {
        const expected = !TERMINAL_STATUSES.has(from) && rank[to] >= rank[from];
        expect(statusMayMove(from, to), `${from} -> ${to}`).toBe(expected);
      }
    }
  });
});

describe('OrderTracker', () => {
  it('a new order has no averagePrice and no fee, remaining = amount', () => {
    const tracker = new OrderTracker();
    tracker.register(buyState());
    expect(tracker.view('tp-a')).toEqual({
      clientOrderId: 'tp-a', venueOrderId: '7', symbol: 'BTC/USDT', side: 'buy',
      price: '30000', amount: '1', filled: '0', remaining: '1', status: 'open',
    });
  });

  it('applies a trade once: the same trade id again changes nothing', () => {
    const tracker = new OrderTracker();
    tracker.register(buyState());
    expect(tracker.applyTrade('tp-a', fill('t1', '0.3'))).toBe(true);
    expect(tracker.applyTrade('tp-a', fill('t1', '0.3'))).toBe(false);
    tracker.applyVenueStatus('tp-a', 'PARTIALLY_FILLED');
    expect(tracker.view('tp-a')).toMatchObject({ filled: '0.3', remaining: '0.7', status: 'partially_filled', averagePrice: '30000', fee: { asset: 'BTC', amount: '0.001' } });
  });

  it('averagePrice is cost / filled rounded down to 16 decimals; fee sums commissions in the received asset', () => {
    const tracker = new OrderTracker();
    tracker.register(buyState({ price: '3' }));
    tracker.applyTrade('tp-a', fill('t1', '0.1', '1', '0.0001'));
    tracker.applyTrade('tp-a', fill('t2', '0.2', '2', '0.0002'));
    tracker.applyTrade('tp-a', fill('t3', '0.3', '2', '0.0003'));
    // cost 0.1 + 0.4 + 0.6 = 1.1 over 0.6 = 1.8333...
    expect(tracker.view('tp-a')).toMatchObject({ filled: '0.6', averagePrice: '1.8333333333333333', fee: { asset: 'BTC', amount: '0.0006' } });
  });

  it('a sell reports its fee in the quote asset; a zero commission still shows fee "0" once filled', () => {
    const tracker = new OrderTracker();
    tracker.register(buyState({ side: 'sell' }));
    tracker.applyTrade('tp-a', { tradeId: 't1', price: '30000', quantity: '0.00001', commission: '0', commissionAsset: 'USDT' });
    expect(tracker.view('tp-a').fee).toEqual({ asset: 'USDT', amount: '0' });
  });

  it('statuses only progress and terminal ones absorb', () => {
    const tracker = new OrderTracker();
    tracker.register(buyState());
    expect(tracker.applyVenueStatus('tp-a', 'PARTIALLY_FILLED')).toBe(false);
    expect(tracker.applyVenueStatus('tp-a', 'NEW')).toBe(false);
    expect(tracker.view('tp-a').status).toBe('partially_filled');
    expect(tracker.applyVenueStatus('tp-a', 'CANCELED')).toBe(true);
    expect(tracker.applyVenueStatus('tp-a', 'CANCELED')).toBe(false);
    expect(tracker.applyVenueStatus('tp-a', 'FILLED')).toBe(false);
    expect(tracker.view('tp-a').status).toBe('canceled');
    expect(tracker.unfinishedOrders()).toEqual([]);
  });


  it('filled never decreases and never counts a trade twice, whatever the delivery order', () => {
    const trades = fc.uniqueArray(fc.integer({ min: 1, max: 1000 }), { minLength: 1, maxLength: 20 }).map((ids) => ids.map((id) => fill(`t${id}`, '0.001')));
    fc.assert(
      fc.property(trades, fc.array(fc.nat(), { maxLength: 60 }), (unique, picks) => {
        const tracker = new OrderTracker();
        tracker.register(buyState());
        let previous = dec('0');
        const applied = new Set<string>();
        for (const pick of picks) {
          const trade = unique[pick % unique.length];
          if (trade === undefined) continue;
          tracker.applyTrade('tp-a', trade);
          applied.add(trade.tradeId);
          const filled = dec(tracker.view('tp-a').filled);
          expect(filled.gte(previous)).toBe(true);
          previous = filled;
        }
        expect(tracker.view('tp-a').filled).toBe(dec('0.001').times(applied.size).toFixed());
      }),
    );
  });

  it('forgets the oldest ended orders beyond the history, never an open one', () => {
    const tracker = new OrderTracker();
    for (const id of ['a', 'b', 'c', 'd']) tracker.register(buyState({ clientOrderId: id, venueOrderId: id }));
    // Ended in the order c, a, d; b stays open.
    tracker.applyTrade('c', fill('t1', '0.5'));
    for (const [id, status] of [['c', 'CANCELED'], ['a', 'CANCELED'], ['d', 'FILLED']] as const) tracker.applyVenueStatus(id, status);
    expect(tracker.size()).toEqual({ orders: 4, endedOrders: 3, trades: 1 });
    expect(tracker.forgetEndedBeyond(1)).toEqual(['c', 'a']);
    expect(tracker.views().map((view) => view.clientOrderId)).toEqual(['b', 'd']);
    expect(tracker.size()).toEqual({ orders: 2, endedOrders: 1, trades: 0 });
    expect(tracker.forgetEndedBeyond(0)).toEqual(['d']);
    expect(tracker.has('b')).toBe(true);
  });

  it('a second registration of a tracked order keeps its fills and status', () => {
    const tracker = new OrderTracker();
    tracker.register(buyState());
    tracker.applyTrade('tp-a', fill('t1', '0.4'));
    tracker.applyVenueStatus('tp-a', 'PARTIALLY_FILLED');
    tracker.register(buyState({ venueOrderId: '8', price: '1' }));
    expect(tracker.view('tp-a')).toMatchObject({ venueOrderId: '7', price: '30000', filled: '0.4', status: 'partially_filled' });
    expect(tracker.hasTrade('tp-a', 't1')).toBe(true);
  });

  it('knows no trade of an order it does not track', () => {
    expect(new OrderTracker().hasTrade('tp-unknown', 't1')).toBe(false);
  });

  it('leaves a commission in another asset out of the order fee', () => {
    const tracker = new OrderTracker();
    tracker.register(buyState());
    tracker.applyTrade('tp-a', { ...fill('t1', '0.5'), commission: '0.02', commissionAsset: 'BNB' });
    tracker.applyTrade('tp-a', fill('t2', '0.5', '30000', '0.001'));
    expect(tracker.view('tp-a').fee).toEqual({ asset: 'BTC', amount: '0.001' });
  });

  it('reports no move for the status an order already has, even where the rule would allow any move', () => {
    const tracker = new OrderTracker();
    tracker.register(buyState());
    const anyMove = (): boolean => true;
    expect(tracker.applyVenueStatus('tp-a', 'CANCELED', anyMove)).toBe(true);
    expect(tracker.applyVenueStatus('tp-a', 'CANCELED', anyMove)).toBe(false);
  });

  it('isTerminal is false while the order lives and true once it ended', () => {
    const tracker = new OrderTracker();
    tracker.register(buyState());
    tracker.applyVenueStatus('tp-a', 'PARTIALLY_FILLED');
    expect(tracker.isTerminal('tp-a')).toBe(false);
    tracker.applyVenueStatus('tp-a', 'FILLED');
    expect(tracker.isTerminal('tp-a')).toBe(true);
  });

  it('an order it does not track is an OrderNotFoundError naming the order', () => {
    const tracker = new OrderTracker();
    expect(() => tracker.view('tp-gone')).toThrow(OrderNotFoundError);
    expect(() => tracker.isTerminal('tp-gone')).toThrow('order tp-gone is not in the local view');
  });
});
