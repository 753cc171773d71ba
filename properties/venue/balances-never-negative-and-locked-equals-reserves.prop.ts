import { test } from '@fast-check/vitest';
import { expect } from 'vitest';
import { dec, ZERO, type Decimal } from '../../src/domain/decimal';
import { GRIDS, runChecked, venueActions, type VenueWorld } from './venue-world';

/**
 * No free or locked balance is ever negative, and what is locked is exactly what the account's
 * open orders reserve, as Binance reserves it: a resting buy holds remaining x limit price of
 * the quote, a resting sell its remaining base. Computed from the orders' own snapshots, not
 * from the engine's bookkeeping, so a leak in either direction is caught.
 */
function checkReserves({ venue }: VenueWorld): void {
  const { control } = venue;
  for (const account of control.accounts()) {
    const expected = new Map<string, Decimal>();
    for (const order of control.orders(account)) {
      if (order.status !== 'NEW' && order.status !== 'PARTIALLY_FILLED') continue;
      const grid = GRIDS.find((candidate) => candidate.symbol === order.symbol);
      if (grid === undefined) continue;
      const remaining = dec(order.quantity).minus(dec(order.executedQty));
      const [asset, amount] = order.side === 'buy' ? [grid.quote, remaining.times(dec(order.price))] : [grid.base, remaining];
      expected.set(asset, (expected.get(asset) ?? ZERO).plus(amount));
    }
    const balances = control.balances(account);
    for (const [asset, balance] of Object.entries(balances)) {
      expect({ account, asset, freeNegative: dec(balance.free).isNegative(), lockedNegative: dec(balance.locked).isNegative() }).toEqual({
        account,
        asset,
        freeNegative: false,
        lockedNegative: false,
      });
      expect({ account, asset, locked: dec(balance.locked).toFixed() }).toEqual({ account, asset, locked: (expected.get(asset) ?? ZERO).toFixed() });
    }
    for (const [asset, amount] of expected) {
      if (!amount.isZero()) expect({ account, asset, tracked: asset in balances }).toEqual({ account, asset, tracked: true });
    }
  }
}

test.prop([venueActions], { seed: 4_201, numRuns: 40 })('no balance is negative and locked equals what open orders reserve', async (actions) => {
  await runChecked('venue-reserves', actions, checkReserves);
});
