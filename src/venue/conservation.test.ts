import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RandomSource } from '../clock/random';
import { VirtualClock } from '../clock/virtual-clock';
import { dec, ZERO, type Decimal } from '../domain/decimal';
import type { Side } from '../domain/order';
import { createVenue } from './index';
import { signedRequest } from './testing/signed-request';
import type { Venue } from './types';

type Op =
  | { kind: 'order'; who: 'alice' | 'bob'; side: Side; ticks: number; lots: number }
  | { kind: 'cancel'; who: 'alice' | 'bob'; pick: number }
  | { kind: 'external'; side: Side; ticks: number; lots: number }
  | { kind: 'take'; side: Side; lots: number; ticks: number | undefined };

const side = fc.constantFrom<Side>('buy', 'sell');
const who = fc.constantFrom<'alice' | 'bob'>('alice', 'bob');
const ticks = fc.integer({ min: 0, max: 8 });
const lots = fc.integer({ min: 1, max: 40 });
const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('order' as const), who, side, ticks, lots }),
  fc.record({ kind: fc.constant('cancel' as const), who, pick: fc.nat() }),
  fc.record({ kind: fc.constant('external' as const), side, ticks, lots }),
  fc.record({ kind: fc.constant('take' as const), side, lots, ticks: fc.option(ticks, { nil: undefined }) }),
);

// Prices 30000.37 + k x 0.37 and quantities of k x 0.00037 BTC: products with many decimals.
const priceOf = (k: number): string => dec('30000.37').plus(dec('0.37').times(k)).toFixed();
const quantityOf = (k: number): string => dec('0.00037').times(k).toFixed();

function apply(venue: Venue, clock: VirtualClock, credentials: Record<string, { apiKey: string; secret: string }>, step: Op, index: number): void {
  const { control } = venue;
  if (step.kind === 'order') {
    const creds = credentials[step.who];
    if (creds === undefined) throw new Error(step.who);
    const params = { symbol: 'BTCUSDT', side: step.side.toUpperCase(), type: 'LIMIT', timeInForce: 'GTC', quantity: quantityOf(step.lots), price: priceOf(step.ticks), newClientOrderId: `c${index}` };
    venue.handle(signedRequest(creds, 'POST', '/api/v3/order', params, clock.now()));
  } else if (step.kind === 'cancel') {
    const open = control.orders(step.who).filter((order) => order.status === 'NEW' || order.status === 'PARTIALLY_FILLED');
    const target = open[step.pick % Math.max(1, open.length)];
    const creds = credentials[step.who];
    if (target === undefined || creds === undefined) return;
    venue.handle(signedRequest(creds, 'DELETE', '/api/v3/order', { symbol: 'BTCUSDT', orderId: target.orderId }, clock.now()));
  } else if (step.kind === 'external') {
    control.placeExternalOrder({ symbol: 'BTC/USDT', side: step.side, price: priceOf(step.ticks), quantity: quantityOf(step.lots) });
  } else {
    control.takeExternal({ symbol: 'BTC/USDT', side: step.side, quantity: quantityOf(step.lots), limitPrice: step.ticks === undefined ? undefined : priceOf(step.ticks) });
  }
}

function expectLedgerInvariants(venue: Venue): void {
  const { control } = venue;
  const holdings = control.holdings();
  const fees = control.feesCollected();
  // L2: per asset, balances + fees collected == deposits, exactly.
  for (const [asset, deposited] of Object.entries(control.deposits())) {
    expect(dec(holdings[asset] ?? '0').plus(dec(fees[asset] ?? '0')).toFixed(), asset).toBe(dec(deposited).toFixed());
  }
  for (const account of control.accounts()) {
    const reserved = new Map<string, Decimal>();
    for (const order of control.orders(account)) {
      if (order.status !== 'NEW' && order.status !== 'PARTIALLY_FILLED') continue;
      const remaining = dec(order.quantity).minus(dec(order.executedQty));
      const [asset, amount] = order.side === 'buy' ? ['USDT', remaining.times(dec(order.price))] : ['BTC', remaining];
      reserved.set(asset, (reserved.get(asset) ?? ZERO).plus(amount));
    }
    for (const [asset, balance] of Object.entries(control.balances(account))) {
      // L3: nothing negative; locked equals what open orders reserve.
      expect(dec(balance.free).gte(0), `${account} ${asset} free`).toBe(true);
      expect(dec(balance.locked).toFixed(), `${account} ${asset} locked`).toBe((reserved.get(asset) ?? ZERO).toFixed());
    }
  }
}

describe('venue ledger', () => {
  it('conserves every asset and keeps locked equal to open reserves after any sequence', () => {
    let trades = 0;
    fc.assert(
      fc.property(fc.array(op, { minLength: 10, maxLength: 40 }), (ops) => {
        const clock = new VirtualClock();
        const venue = createVenue({ clock, random: new RandomSource('conservation'), fees: { maker: '0.001', taker: '0.0015' } });
        const credentials = { alice: venue.control.createAccount('alice'), bob: venue.control.createAccount('bob') };
        for (const name of ['alice', 'bob']) {
          venue.control.deposit(name, 'USDT', '20000');
          venue.control.deposit(name, 'BTC', '0.3');
        }
        ops.forEach((step, index) => {
          apply(venue, clock, credentials, step, index);
          expectLedgerInvariants(venue);
        });
        trades += venue.control.events().filter((event) => event.type === 'trade').length;
      }),
      { numRuns: 150, seed: 20240101 },
    );
    // The generated sequences must actually trade, or the property says little.
    expect(trades).toBeGreaterThan(500);
  });
});
