/**
 * The order machine obeys O2 before it judges any adapter: whatever events arrive, in any order,
 * filled never decreases and stays within the amount, remaining = amount − filled, the status
 * agrees with filled, terminal states absorb, refused events change nothing, and every
 * transition the machine declares is reached by these runs.
 */
import { describe, expect } from 'vitest';
import { test, fc } from '@fast-check/vitest';
import { createActor } from 'xstate';
import { Decimal, dec } from '../../src/domain/decimal';
import { TERMINAL_STATUSES } from '../../src/domain/order';
import { orderMachine, orderStateOf, orderViewOf, type OrderEvent, type OrderSnapshot } from '../../models/order-machine';
import { TransitionRecorder, orderMachineTransitions } from '../../models/transition-coverage';
import { positiveDecimalString } from './decimal-arbitraries';

const META = { clientOrderId: 'prop-1', venueOrderId: '1', symbol: 'BTC/USDT', base: 'BTC', quote: 'USDT' };

/** Fills are described relative to the order at the time they arrive, so many are legal. */
const fillIntent = fc.record({
  quantity: fc.oneof(
    fc.constant({ kind: 'rest' as const }),
    fc.record({ kind: fc.constant('share' as const), perMille: fc.integer({ min: 0, max: 1200 }) }),
    fc.record({ kind: fc.constant('absolute' as const), value: positiveDecimalString() }),
  ),
  priceOffset: fc.oneof({ arbitrary: fc.constant(0), weight: 3 }, { arbitrary: fc.integer({ min: -3, max: 3 }), weight: 1 }),
  commission: fc.oneof({ arbitrary: fc.constantFrom('0', '0.00000001', '0.1'), weight: 5 }, { arbitrary: fc.constant('-0.00000001'), weight: 1 }),
});

// Weighted toward fills so that runs get past `open` often enough to reach every transition.
const eventIntent = fc.oneof(
  { arbitrary: fc.constant({ type: 'ACCEPT' as const }), weight: 2 },
  { arbitrary: fc.constant({ type: 'REJECT' as const }), weight: 1 },
  { arbitrary: fc.constant({ type: 'CANCEL' as const }), weight: 1 },
  { arbitrary: fc.constant({ type: 'EXPIRE' as const }), weight: 1 },
  { arbitrary: fillIntent.map((fill) => ({ type: 'FILL' as const, ...fill })), weight: 6 },
);
type EventIntent = typeof eventIntent extends fc.Arbitrary<infer T> ? T : never;

function toEvent(intent: EventIntent, snapshot: OrderSnapshot): OrderEvent {
  if (intent.type !== 'FILL') return intent;
  const { amount, filled, price: limit } = snapshot.context;
  const remaining = amount.minus(filled);
  const quantity =
    intent.quantity.kind === 'rest' ? remaining
    : intent.quantity.kind === 'share' ? remaining.times(intent.quantity.perMille).dividedBy(1000).toDecimalPlaces(8, Decimal.ROUND_DOWN)
    : dec(intent.quantity.value);
  // Offsets of a hundredth of the limit: negative is better for a buy, worse for a sell.
  const price = limit.plus(limit.times(intent.priceOffset).dividedBy(100));
  return { type: 'FILL', quantity, price, commission: dec(intent.commission) };
}

const isTerminal = (state: string) => (TERMINAL_STATUSES as ReadonlySet<string>).has(state);

const coverage = new TransitionRecorder();

/** LIMIT orders mostly; MARKET ones (no limit) by quantity and by quote quantity too. */
const orderKind = fc.oneof({ arbitrary: fc.constant('limit' as const), weight: 3 }, { arbitrary: fc.constantFrom('market' as const, 'market_cost' as const), weight: 2 });

describe('order lifecycle (O2)', () => {
  test.prop([fc.constantFrom('buy' as const, 'sell' as const), positiveDecimalString(8), positiveDecimalString(), fc.array(eventIntent, { maxLength: 16 }), orderKind], {
    seed: 20240611,
    numRuns: 400,
  })('filled never decreases, stays within amount, terminal states absorb, refusals change nothing', (side, price, amount, intents, kind) => {
    const input = { side, price: dec(price), amount: dec(amount), limited: kind === 'limit', byQuote: kind === 'market_cost' };
    const order = createActor(orderMachine, { input }).start();
    for (const intent of intents) {
      const before = order.getSnapshot();
      const event = toEvent(intent, before);
      coverage.send('order', order, event);
      const after = order.getSnapshot();
      const refused = after.context.violations.length === before.context.violations.length + 1;
      const { filled, amount: total, cost, fee } = after.context;

      expect(refused || after.context.violations.length === before.context.violations.length).toBe(true);
      expect(filled.gte(before.context.filled)).toBe(true);
      expect(filled.gte(0) && filled.lte(total)).toBe(true);
      // The one way out of a terminal state: a by-quote MARKET order the venue expires once filled.
      const quoteOrderExpires = kind === 'market_cost' && orderStateOf(before) === 'filled' && event.type === 'EXPIRE';
      if ((isTerminal(orderStateOf(before)) && !quoteOrderExpires) || refused) {
        expect(refused).toBe(true);
        expect(orderStateOf(after)).toBe(orderStateOf(before));
        expect([filled, cost, fee]).toEqual([before.context.filled, before.context.cost, before.context.fee]);
        continue;
      }
      const state = orderStateOf(after);
      if (state === 'new' || state === 'open' || state === 'rejected') expect(filled.isZero()).toBe(true);
      if (state === 'partially_filled') expect(filled.gt(0) && filled.lt(total)).toBe(true);
      if (state === 'filled') expect(filled.eq(total)).toBe(true);
      if (state === 'new') continue;

      const view = orderViewOf(after, META);
      expect(dec(view.remaining).eq(dec(view.amount).minus(dec(view.filled)))).toBe(true);
      expect(view.averagePrice === undefined).toBe(filled.isZero());
      expect(view.fee === undefined).toBe(filled.isZero());
      if (view.averagePrice !== undefined && kind === 'limit') {
        // A limit order's average never crosses its limit. Rounding down keeps a sell's at or above
        // it only because limits have at most 16 decimals (Binance ticks have at most 8).
        const average = dec(view.averagePrice);
        expect(side === 'buy' ? average.lte(dec(price)) : average.gte(dec(price))).toBe(true);
        expect(view.fee?.asset).toBe(side === 'buy' ? 'BTC' : 'USDT');
      }
    }
  });

  test('every declared order transition was reached', () => {
    expect(coverage.unreached(orderMachineTransitions)).toEqual([]);
  });
});
