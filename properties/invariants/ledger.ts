import { type Decimal, ZERO, dec, tryDec, sumDecimals } from '../../src/domain/decimal';
import { TRADER } from '../world';
import { balancesDifference } from './compare-views';
import type { InvariantCheck } from './invariant-check';

/**
 * L1: the adapter's free and locked per asset equal the model's view of what it should know,
 * and the model's truth equals the venue's account.
 */
export const ledgersAgree: InvariantCheck = {
  invariant: 'L1',
  check: (model, world) =>
    balancesDifference(world.adapter.balances(), model.balances('known'), 'adapter', 'model') ??
    balancesDifference(world.venue.control.balances(TRADER), model.balances('truth'), 'venue', 'model'),
};

/** L2: per asset, the venue's accounts plus the fees it collected equal what was deposited. */
export const venueConservesEveryAsset: InvariantCheck = {
  invariant: 'L2',
  check: (_model, world) => {
    const control = world.venue.control;
    const deposits = control.deposits();
    const fees = control.feesCollected();
    const assets = new Set([...Object.keys(deposits), ...Object.keys(fees)]);
    for (const asset of [...assets].sort()) {
      const held = sumDecimals(
        control.accounts().map((account) => {
          const balance = control.balances(account)[asset];
          return balance === undefined ? ZERO : dec(balance.free).plus(dec(balance.locked));
        }),
      );
      const total = held.plus(dec(fees[asset] ?? '0'));
      const deposited = dec(deposits[asset] ?? '0');
      if (!total.eq(deposited)) return `${asset}: balances ${held.toFixed()} + fees ${fees[asset] ?? '0'} != deposits ${deposited.toFixed()}`;
    }
    return undefined;
  },
};

/** L3: nothing is negative, and what the venue holds locked is exactly what open orders reserve. */
export const lockedMatchesReserves: InvariantCheck = {
  invariant: 'L3',
  check: (model, world) => {
    for (const [asset, balance] of Object.entries(world.adapter.balances())) {
      for (const field of ['free', 'locked'] as const) {
        const value = tryDec(balance[field]);
        if (value === undefined || value.isNegative()) return `adapter ${asset} ${field} is ${balance[field]}`;
      }
    }
    const reserved: Record<string, Decimal> = {};
    for (const order of model.orders('truth')) {
      if (order.status !== 'open' && order.status !== 'partially_filled') continue;
      const market = world.market(order.symbol);
      const remaining = dec(order.remaining);
      const [asset, amount] = order.side === 'buy' ? [market.quote, remaining.times(dec(order.price))] : [market.base, remaining];
      reserved[asset] = (reserved[asset] ?? ZERO).plus(amount);
    }
    const venueBalances = world.venue.control.balances(TRADER);
    const assets = new Set([...Object.keys(reserved), ...Object.keys(venueBalances)]);
    for (const asset of [...assets].sort()) {
      const locked = dec(venueBalances[asset]?.locked ?? '0');
      const expected = reserved[asset] ?? ZERO;
      if (!locked.eq(expected)) return `venue ${asset} locked ${locked.toFixed()}, open orders reserve ${expected.toFixed()}`;
    }
    return undefined;
  },
};
