import { describe, expect, it } from 'vitest';
import type { VenueEvent } from '../../src/venue/types';
import { cancelsFirstFifoProblem } from '../invariants/cancels-first-fifo';
import { TRADER } from '../world';
import { createAdapter as cancelsBehindNewOrders } from '../fixtures/adapters/cancels-behind-new-orders';
import { createAdapter } from '../../src/exchange/reference-adapter';
import { checkInPremerge } from '../premerge-check';
import { cancelsFirstFifoUnderLoad } from './cancels-first-fifo-under-load';

describe('cancels-first-fifo-under-load in the premerge profile', () => {
  it('passes on the reference adapter', async () => {
    const { outcome } = await checkInPremerge(cancelsFirstFifoUnderLoad, createAdapter);
    expect(outcome.failure).toBeUndefined();
  }, 30_000);

  it('catches a limiter that queues cancels behind new orders, shrunk to a short run ending in a burst', async () => {
    const { outcome } = await checkInPremerge(cancelsFirstFifoUnderLoad, cancelsBehindNewOrders);
    expect(outcome.failure?.message).toMatch(/^R4 violated: step \d+ burstPlaceAndCancel\(.*\): the cancel of tp-\d+, issued at \d+, reached the venue at \d+ \(event \d+\), after new order tp-\d+, which waited until \d+ .*starved by new orders$/);
    const commands = outcome.failure?.commands ?? [];
    expect(commands.length).toBeGreaterThan(0);
    expect(commands.length).toBeLessThanOrEqual(10);
    expect(commands.at(-1)).toMatch(/^burstPlaceAndCancel\(/);
  }, 30_000);
});

describe('the R4 judgment of one burst, from the venue log', () => {
  const ISSUED = 1_000;
  const order = (clientOrderId: string) => ({
    orderId: `v-${clientOrderId}`, clientOrderId, account: TRADER, symbol: 'BTC/USDT', side: 'sell' as const, price: '60000', quantity: '0.00009',
    executedQty: '0', cumulativeQuoteQty: '0', status: 'NEW' as const, commission: { asset: 'USDT', amount: '0' }, createdAt: ISSUED,
  });
  const accepted = (seq: number, at: number, id: string): VenueEvent => ({ seq, at, type: 'order_accepted', order: order(id) });
  const canceled = (seq: number, at: number, id: string): VenueEvent => ({ seq, at, type: 'order_canceled', order: { ...order(id), status: 'CANCELED' } });
  const burst = { issuedAt: ISSUED, placements: ['tp-2', 'tp-3', 'tp-4'], cancels: ['tp-1'] };

  it('holds when the cancel overtakes the held orders and the orders keep their issue order', () => {
    const events = [accepted(1, ISSUED, 'tp-2'), canceled(2, ISSUED, 'tp-1'), accepted(3, ISSUED + 10_000, 'tp-3'), accepted(4, ISSUED + 10_000, 'tp-4')];
    expect(cancelsFirstFifoProblem(burst, events)).toBeUndefined();
  });

  it('names a cancel that waited behind a held order', () => {
    const events = [accepted(1, ISSUED, 'tp-2'), accepted(2, ISSUED + 10_000, 'tp-3'), canceled(3, ISSUED + 10_000, 'tp-1'), accepted(4, ISSUED + 10_000, 'tp-4')];
    expect(cancelsFirstFifoProblem(burst, events)).toMatch(/the cancel of tp-1, .* after new order tp-3, .*starved by new orders/);
  });

  it('names a cancel that never arrived', () => {
    expect(cancelsFirstFifoProblem(burst, [accepted(1, ISSUED, 'tp-2')])).toMatch(/the cancel of tp-1, .* never reached the venue/);
  });

  it('names new orders that arrived out of issue order', () => {
    const events = [canceled(1, ISSUED, 'tp-1'), accepted(2, ISSUED, 'tp-2'), accepted(3, ISSUED + 10_000, 'tp-4'), accepted(4, ISSUED + 10_000, 'tp-3')];
    expect(cancelsFirstFifoProblem(burst, events)).toMatch(/new order tp-3 \(issued #2\) .* after tp-4 \(issued #3\): not first in, first out/);
  });
});
