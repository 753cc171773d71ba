import { describe, expect, it } from 'vitest';
import { checkLinearizability } from '../check-linearizability';
import type { Operation } from '../history';
import { whyNotALinearization } from '../why-not-a-linearization';
import { orderLifecycleSpec, type HeldStatus, type OrderLifecycleInput, type OrderLifecycleOutput } from './order-lifecycle';

type OrderOperation = Operation<OrderLifecycleInput, OrderLifecycleOutput>;

/** A small vocabulary for one order's history; `venue` is the client that records fills and expiries. */
function historyOf(clientOrderId: string) {
  let next = 0;
  const id = (): number => (next += 1);
  return {
    place: (client: number, result: 'accepted' | 'duplicate' | 'rejected' | 'pending', call: number, returned?: number): OrderOperation => {
      const input = { op: 'place', clientOrderId, amount: '1' } as const;
      return result === 'pending' || returned === undefined ? { id: id(), client, input, call } : { id: id(), client, input, output: { op: 'place', result }, call, return: returned };
    },
    retry: (client: number, result: 'accepted' | 'duplicate', call: number, returned: number): OrderOperation => ({
      id: id(),
      client,
      input: { op: 'place', clientOrderId, amount: '1', retry: true },
      output: { op: 'place', result },
      call,
      return: returned,
    }),
    cancel: (client: number, result: 'canceled' | 'refused' | 'not_found' | 'unknown_order', call: number, returned: number): OrderOperation => ({
      id: id(),
      client,
      input: { op: 'cancel', clientOrderId },
      output: { op: 'cancel', result },
      call,
      return: returned,
    }),
    fetch: (client: number, seen: [HeldStatus, string] | 'not_found', call: number, returned: number): OrderOperation => ({
      id: id(),
      client,
      input: { op: 'fetch', clientOrderId },
      output: seen === 'not_found' ? { op: 'fetch', found: false } : { op: 'fetch', found: true, status: seen[0], filled: seen[1] },
      call,
      return: returned,
    }),
    fill: (quantity: string, at: number): OrderOperation => ({ id: id(), client: 'venue', input: { op: 'fill', clientOrderId, quantity }, output: { op: 'fill' }, call: at, return: at }),
    expire: (at: number): OrderOperation => ({ id: id(), client: 'venue', input: { op: 'expire', clientOrderId }, output: { op: 'expire' }, call: at, return: at }),
  };
}

const spec = orderLifecycleSpec();

describe('an order history is linearizable', () => {
  const c = historyOf('c-1');
  const linearizable: [string, OrderOperation[]][] = [
    ['a fetch that overlaps a cancel may still see the order open', [c.place(0, 'accepted', 0, 1), c.cancel(0, 'canceled', 2, 6), c.fetch(1, ['open', '0'], 3, 5)]],
    [
      'fills, a fetch of the partial fill, a cancel, a fetch of the canceled rest',
      [c.place(0, 'accepted', 0, 1), c.fill('0.25', 2), c.fill('0.25', 3), c.fetch(1, ['partially_filled', '0.5'], 4, 5), c.cancel(0, 'canceled', 6, 7), c.fetch(1, ['canceled', '0.5'], 8, 9)],
    ],
    ['a place whose answer was lost, found open by a fetch and then canceled', [c.place(0, 'pending', 0), c.fetch(1, ['open', '0'], 5, 6), c.cancel(1, 'canceled', 7, 8)]],
    ['a place the venue rejected, then the same intent placed', [c.place(0, 'rejected', 0, 1), c.fetch(1, 'not_found', 2, 3), c.place(0, 'accepted', 4, 5)]],
    ['a retry after a timeout answered duplicate: the first attempt had placed it', [c.place(0, 'pending', 0), c.place(1, 'duplicate', 5, 6), c.fetch(1, ['open', '0'], 7, 8)]],
    ['a cancel refused because a fill completed the order while the cancel was in flight', [c.place(0, 'accepted', 0, 1), c.cancel(0, 'refused', 2, 6), c.fill('1', 4), c.fetch(1, ['filled', '1'], 7, 8)]],
    ['a fetch concurrent with the place may not find it yet', [c.place(0, 'accepted', 0, 4), c.fetch(1, 'not_found', 1, 2), c.fetch(1, ['open', '0'], 5, 6)]],
    ['a retry of the same intent answered with the order it already has', [c.place(0, 'accepted', 0, 3), c.retry(1, 'accepted', 1, 4), c.fetch(1, ['open', '0'], 5, 6)]],
    ['a cancel answered -2011 for a filled order (refused, in Binance words)', [c.place(0, 'accepted', 0, 1), c.fill('1', 2), c.cancel(0, 'unknown_order', 3, 4)]],
    ['a cancel answered -2011 before its concurrent place arrived', [c.place(0, 'accepted', 0, 5), c.cancel(1, 'unknown_order', 1, 2), c.fetch(1, ['open', '0'], 6, 7)]],
    ['an expiry after a partial fill', [c.place(0, 'accepted', 0, 1), c.fill('0.5', 2), c.expire(3), c.cancel(0, 'refused', 4, 5), c.fetch(1, ['expired', '0.5'], 6, 7)]],
  ];
  it.each(linearizable)('%s', (_name, history) => {
    const result = checkLinearizability(spec, history);
    expect(result.ok).toBe(true);
    if (result.ok === true) expect(whyNotALinearization(spec, history, result.linearizations[0]?.order ?? [])).toBeUndefined();
  });
});

describe('an order history is not linearizable', () => {
  const c = historyOf('c-1');
  const notLinearizable: [string, OrderOperation[], string][] = [
    ['a fetch says open after a cancel said canceled and returned before the fetch was called', [c.place(0, 'accepted', 0, 1), c.cancel(0, 'canceled', 2, 3), c.fetch(1, ['open', '0'], 4, 5)], 'the order is canceled, filled 0 of 1'],
    [
      'the filled amount goes down',
      [c.place(0, 'accepted', 0, 1), c.fill('0.3', 2), c.fill('0.2', 5), c.fetch(1, ['partially_filled', '0.5'], 6, 7), c.fetch(1, ['partially_filled', '0.3'], 8, 9)],
      'the order is partially_filled, filled 0.5 of 1',
    ],
    ['two places of one intent both accepted (O4)', [c.place(0, 'accepted', 0, 3), c.place(1, 'accepted', 1, 4)], 'accepting it again places the intent twice (O4)'],
    ['a cancel answered -2011 while the order was open all along', [c.place(0, 'accepted', 0, 1), c.cancel(0, 'unknown_order', 2, 3), c.fetch(1, ['open', '0'], 4, 5)], 'so the cancel succeeds'],
    ['a retry accepted after a cancel ended the order the first place made', [c.place(0, 'accepted', 0, 1), c.cancel(0, 'canceled', 2, 3), c.retry(0, 'accepted', 4, 5), c.fetch(1, ['open', '0'], 6, 7)], 'the order is canceled'],
    ['a filled order canceled', [c.place(0, 'accepted', 0, 1), c.fill('1', 2), c.cancel(0, 'canceled', 3, 4)], 'terminal, so its cancel is refused'],
    [
      'a retry accepted although a fetch had already found the first attempt placed (O4)',
      [c.place(0, 'pending', 0), c.fetch(1, ['open', '0'], 2, 3), c.place(0, 'accepted', 4, 5)],
      'places the intent twice',
    ],
    ['a fetch sees a fill before the venue made it', [c.place(0, 'accepted', 0, 1), c.fetch(1, ['partially_filled', '0.5'], 2, 3), c.fill('0.5', 10)], 'the order is open, filled 0 of 1'],
    ['fills beyond the amount', [c.place(0, 'accepted', 0, 1), c.fill('0.6', 2), c.fill('0.6', 3)], 'exceeds remaining 0.4'],
  ];
  it.each(notLinearizable)('%s', (_name, history, why) => {
    const result = checkLinearizability(spec, history);
    expect(result.ok).toBe(false);
    if (result.ok === false) expect(result.explanation).toContain(why);
  });
});

describe('orders are checked one by one (P-compositionality)', () => {
  it('names the failing order and leaves the others out of the report', () => {
    const good = historyOf('c-good');
    const bad = historyOf('c-bad');
    const history = [
      good.place(0, 'accepted', 0, 1),
      bad.place(1, 'accepted', 0, 2),
      good.fill('0.5', 3),
      bad.cancel(1, 'canceled', 3, 4),
      good.fetch(0, ['partially_filled', '0.5'], 4, 5),
      bad.fetch(2, ['open', '0'], 6, 7),
    ].map((operation, index) => ({ ...operation, id: index }));
    const result = checkLinearizability(spec, history);
    if (result.ok !== false) throw new Error('order c-bad was fetched open after its cancel');
    expect(result.parts).toBe(2);
    expect(result.failingParts).toEqual(['order c-bad']);
    expect(result.violation.operations.map((operation) => operation.id)).toEqual([1, 3, 5]);
    expect(result.explanation).toBe(
      [
        'order lifecycle: order c-bad (3 operations) is not linearizable.',
        'No order explains the answer of #5 client 2 [6, 7] fetch(c-bad) -> open, filled 0.',
        'Failing set, shrunk to 3 of 3 operations:',
        '  #1 client 1 [0, 2] place(c-bad, 1) -> accepted',
        '  #3 client 1 [3, 4] cancel(c-bad) -> canceled',
        '  #5 client 2 [6, 7] fetch(c-bad) -> open, filled 0',
        'Longest order that holds: #1 place(c-bad, 1) -> accepted; #3 cancel(c-bad) -> canceled; it leaves canceled, filled 0 of 1. Then nothing can follow:',
        '  #5 fetch(c-bad) -> open, filled 0: the order is canceled, filled 0 of 1',
      ].join('\n'),
    );
  });
});
