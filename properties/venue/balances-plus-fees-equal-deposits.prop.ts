import { fc, test } from '@fast-check/vitest';
import { expect } from 'vitest';
import { dec, ZERO, type Decimal } from '../../src/domain/decimal';
import { runChecked, venueActions, type VenueWorld } from './venue-world';

/**
 * Conservation: per asset, the sum of every account's free + locked (the venue's external
 * trader included) plus the fees the venue collected equals what was deposited, exactly. Money
 * neither appears nor vanishes, whatever requests, rejections, fills and clock jumps happen.
 */
function checkConservation({ venue }: VenueWorld): void {
  const { control } = venue;
  const totals = new Map<string, Decimal>();
  const add = (asset: string, amount: string): void => {
    totals.set(asset, (totals.get(asset) ?? ZERO).plus(dec(amount)));
  };
  for (const account of control.accounts()) {
    for (const [asset, balance] of Object.entries(control.balances(account))) {
      add(asset, balance.free);
      add(asset, balance.locked);
    }
  }
  for (const [asset, fee] of Object.entries(control.feesCollected())) add(asset, fee);
  const deposits = control.deposits();
  const assets = new Set([...totals.keys(), ...Object.keys(deposits)]);
  for (const asset of assets) {
    const held = (totals.get(asset) ?? ZERO).toFixed();
    const deposited = dec(deposits[asset] ?? '0').toFixed();
    expect({ asset, held }).toEqual({ asset, held: deposited });
  }
  // holdings() is the venue's own sum of free + locked: it must agree with the accounts' view.
  for (const [asset, holding] of Object.entries(control.holdings())) {
    const fees = dec(control.feesCollected()[asset] ?? '0');
    expect({ asset, total: dec(holding).plus(fees).toFixed() }).toEqual({ asset, total: dec(deposits[asset] ?? '0').toFixed() });
  }
}

test.prop([venueActions], { seed: 4_101, numRuns: 40 })('per asset, balances plus fees collected equal deposits exactly', async (actions) => {
  await runChecked('venue-conservation', actions, checkConservation);
});

test.prop([fc.constant(null)], { seed: 4_102, numRuns: 1 })('conservation holds in the funded starting state', async () => {
  await runChecked('venue-conservation-start', [], checkConservation);
});
