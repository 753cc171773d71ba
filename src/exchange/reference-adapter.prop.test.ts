import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RandomSource, VirtualClock } from '../clock';
import { Decimal, dec, formatDecimal } from '../domain/decimal';
import { FilterViolationError, InsufficientFundsError } from '../domain/errors';
import type { OrderView } from '../domain/order';
import { createVenue } from '../venue';
import { orderStatusOf } from './order-tracker';
import { createAdapter as cancelKeepsLocked } from '../../properties/fixtures/adapters/cancel-keeps-locked';
import { createAdapter as partialFillCountedTwice } from '../../properties/fixtures/adapters/partial-fill-counted-twice';
import type { AdapterFactory } from './contract';
import { createAdapter } from './reference-adapter';

type Step =
  | { kind: 'place'; side: 'buy' | 'sell'; price: string; amount: string }
  | { kind: 'take'; side: 'buy' | 'sell'; quantity: string }
  | { kind: 'fetch' | 'cancel'; pick: number }
  | { kind: 'reconcile' };

/** Prices around 30000 with up to 4 decimals (some off the tick), amounts with up to 9 decimals. */
const price = fc.tuple(fc.integer({ min: 29_900, max: 30_100 }), fc.integer({ min: 0, max: 9999 })).map(([units, frac]) => formatDecimal(dec(`${units}.${String(frac).padStart(4, '0')}`)));
const amount = fc.integer({ min: 200_000, max: 400_000_000 }).map((n) => formatDecimal(dec(String(n)).dividedBy(1e9)));
const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constant('place' as const), side: fc.constantFrom('buy' as const, 'sell' as const), price, amount }),
  fc.record({ kind: fc.constant('take' as const), side: fc.constantFrom('buy' as const, 'sell' as const), quantity: amount }),
  fc.record({ kind: fc.constantFrom('fetch' as const, 'cancel' as const), pick: fc.nat() }),
  fc.constant({ kind: 'reconcile' as const }),
);

/** Runs `steps`; throws when a reconcile finds drift or the final view differs from the venue. */
async function runAgainstVenue(factory: AdapterFactory, steps: readonly Step[]): Promise<void> {
  const clock = new VirtualClock();
  const random = new RandomSource('prop');
  const venue = createVenue({ clock, random });
  const credentials = venue.control.createAccount('alice');
  venue.control.deposit('alice', 'USDT', '50000');
  venue.control.deposit('alice', 'BTC', '1');
  const adapter = await factory({ environment: 'sim', clock, random: random.stream('adapter'), credentials, baseUrl: 'https://api.binance.com', fetch: venue.fetch });
  let placed = 0;
  const open = (): OrderView[] => adapter.orders().filter((view) => view.status === 'open' || view.status === 'partially_filled');
  for (const current of steps) {
    if (current.kind === 'place') {
      try {
        await adapter.place({ clientOrderId: `tp-${placed++}`, symbol: 'BTC/USDT', side: current.side, type: 'limit', price: current.price, amount: current.amount });
      } catch (error) {
        if (!(error instanceof FilterViolationError || error instanceof InsufficientFundsError)) throw error;
      }
    } else if (current.kind === 'take') {
      // The taker trades whole lot steps of 0.00001, at least one.
      const quantity = Decimal.max(dec(current.quantity).toDecimalPlaces(5, Decimal.ROUND_DOWN), dec('0.00001'));
      venue.control.takeExternal({ symbol: 'BTC/USDT', side: current.side, quantity: formatDecimal(quantity) });
    } else if (current.kind === 'fetch' || current.kind === 'cancel') {
      const candidates = current.kind === 'fetch' ? adapter.orders() : open();
      const target = candidates[current.pick % Math.max(1, candidates.length)];
      if (target === undefined) continue;
      if (current.kind === 'fetch') await adapter.fetchOrder('BTC/USDT', target.clientOrderId);
      else if (venue.control.order('alice', 'BTC/USDT', target.clientOrderId)?.status.match(/NEW|PARTIALLY_FILLED/)) await adapter.cancel('BTC/USDT', target.clientOrderId);
    } else {
      expect(await adapter.reconcile()).toEqual({ drift: [] });
    }
  }
  expect(await adapter.reconcile()).toEqual({ drift: [] });
  expect(adapter.balances()).toEqual(venue.control.balances('alice'));
  for (const view of adapter.orders()) {
    const truth = venue.control.order('alice', 'BTC/USDT', view.clientOrderId);
    expect(truth).toBeDefined();
    expect({ status: view.status, filled: view.filled }).toEqual({ status: truth && orderStatusOf(truth.status), filled: truth?.executedQty });
  }
}

const sequences = fc.array(step, { minLength: 1, maxLength: 25 });

describe('reference adapter, random sequences against the venue', () => {
  it('reconcile never finds drift, and after it every order and balance equals the venue', async () => {
    await fc.assert(fc.asyncProperty(sequences, (steps) => runAgainstVenue(createAdapter, steps)), { numRuns: 60, seed: 20240101 });
  });

  for (const [name, factory] of [['cancel-keeps-locked', cancelKeepsLocked], ['partial-fill-counted-twice', partialFillCountedTwice]] as const) {
    it(`the same property catches the ${name} fixture`, async () => {
      const outcome = await fc.check(fc.asyncProperty(sequences, (steps) => runAgainstVenue(factory, steps)), { numRuns: 200, seed: 20240101, endOnFailure: true });
      expect(outcome.failed).toBe(true);
    });
  }
});
