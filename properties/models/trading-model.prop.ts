/**
 * The trading model, driven like the commands drive it, keeps its two views honest: in each,
 * nothing is negative and locked equals what open orders reserve (L3); the truth conserves
 * every asset against deposits and fills (L2); the adapter's view never runs ahead of the
 * venue's; after reconciliation both views agree (O3, L1); and the model drives every legal
 * transition of both machines.
 */
import { describe, expect } from 'vitest';
import { test, fc } from '@fast-check/vitest';
import { ZERO, dec, floorToStep, type Decimal } from '../../src/domain/decimal';
import { DEFAULT_MARKETS } from '../../src/domain/market';
import type { Balances } from '../../src/domain/balance';
import { TradingModel, type ModelView } from '../../models/trading-model';
import { TransitionRecorder, ledgerMachineTransitions, orderMachineTransitions } from '../../models/transition-coverage';
import { positiveDecimalString } from './decimal-arbitraries';

const pick = fc.nat();
const stepIntent = fc.oneof(
  fc.record({ kind: fc.constant('deposit' as const), asset: fc.constantFrom('BTC', 'USDT', 'ETH'), amount: positiveDecimalString(8) }),
  {
    arbitrary: fc.record({
      kind: fc.constant('place' as const), market: pick, side: fc.constantFrom('buy' as const, 'sell' as const),
      priceTicks: fc.integer({ min: 1, max: 100_000 }), amountSteps: fc.integer({ min: 1, max: 10_000 }),
      rejected: fc.oneof({ arbitrary: fc.constant(false), weight: 4 }, { arbitrary: fc.constant(true), weight: 1 }),
    }),
    weight: 3,
  },
  {
    arbitrary: fc.record({
      kind: fc.constant('fill' as const), order: pick,
      perMille: fc.oneof(fc.constant(1000), fc.integer({ min: 1, max: 999 })), ticksBetter: fc.integer({ min: 0, max: 5 }),
      role: fc.constantFrom('maker' as const, 'taker' as const),
    }),
    weight: 4,
  },
  fc.record({ kind: fc.constant('cancel' as const), order: pick }),
  fc.record({ kind: fc.constant('expire' as const), order: pick }),
  {
    // A MARKET order, accepted, filled and ended in one step as the venue does it (it never rests).
    arbitrary: fc.record({
      kind: fc.constant('market' as const), market: pick, side: fc.constantFrom('buy' as const, 'sell' as const), byQuote: fc.boolean(),
      priceTicks: fc.integer({ min: 1, max: 100_000 }), amountSteps: fc.integer({ min: 1, max: 10_000 }),
      perMille: fc.oneof(fc.constant(1000), fc.integer({ min: 0, max: 999 })), budgetLeft: fc.boolean(),
    }),
    weight: 2,
  },
  fc.record({ kind: fc.constant('sync' as const), order: pick }),
);
type StepIntent = typeof stepIntent extends fc.Arbitrary<infer T> ? T : never;

function at<T>(items: readonly T[], index: number): T | undefined {
  return items.length === 0 ? undefined : items[index % items.length];
}

/** Applies one step if its precondition holds, as a command would; returns the deposit made. */
function applyStep(model: TradingModel, step: StepIntent, sequence: number): { asset: string; amount: Decimal } | undefined {
  switch (step.kind) {
    case 'deposit':
      model.deposit(step.asset, step.amount);
      return { asset: step.asset, amount: dec(step.amount) };
    case 'place': {
      const market = at(DEFAULT_MARKETS, step.market);
      if (market === undefined) return undefined;
      const order = {
        clientOrderId: `c${sequence}`, symbol: market.symbol, side: step.side,
        price: dec(market.priceFilter.tickSize).times(step.priceTicks).toFixed(), amount: dec(market.lotSize.stepSize).times(step.amountSteps).toFixed(),
      };
      if (step.rejected) model.reject(order);
      else if (model.canAfford('truth', order) && model.canAfford('known', order)) model.accept({ ...order, venueOrderId: `v${sequence}` });
      return undefined;
    }
    case 'fill': {
      const order = at(model.openOrders(), step.order);
      if (order === undefined) return undefined;
      const market = model.market(order.symbol);
      const quantity = step.perMille === 1000 ? dec(order.remaining) : floorToStep(dec(order.remaining).times(step.perMille).dividedBy(1000), dec(market.lotSize.stepSize));
      if (quantity.isZero()) return undefined;
      const better = dec(market.priceFilter.tickSize).times(step.ticksBetter);
      const limit = dec(order.price);
      const price = order.side === 'sell' ? limit.plus(better) : limit.gt(better) ? limit.minus(better) : limit;
      const commission = model.expectedCommission(market, order.side, quantity, price, step.role);
      const commissionAsset = order.side === 'buy' ? market.base : market.quote;
      model.fill(order.clientOrderId, {
        tradeId: `t${sequence}`, price: price.toFixed(), quantity: quantity.toFixed(), commission: { asset: commissionAsset, amount: commission.toFixed() }, role: step.role,
      });
      return undefined;
    }
    case 'cancel': {
      const order = at(model.openOrders(), step.order);
      if (order !== undefined) model.cancel(order.clientOrderId);
      return undefined;
    }
    case 'expire': {
      const order = at(model.openOrders(), step.order);
      if (order !== undefined) model.expire(order.clientOrderId);
      return undefined;
    }
    case 'market': {
      const market = at(DEFAULT_MARKETS, step.market);
      if (market === undefined) return undefined;
      const price = dec(market.priceFilter.tickSize).times(step.priceTicks);
      const amount = dec(market.lotSize.stepSize).times(step.amountSteps);
      const quantity = floorToStep(amount.times(step.perMille).dividedBy(1000), dec(market.lotSize.stepSize));
      // By quote quantity the venue reports what it executed as the amount.
      const orderAmount = step.byQuote ? quantity : amount;
      if (orderAmount.isZero()) return undefined;
      const clientOrderId = `c${sequence}`;
      const placement = { clientOrderId, symbol: market.symbol, side: step.side, price: '0', amount: orderAmount.toFixed(), kind: step.byQuote ? ('market_cost' as const) : ('market' as const) };
      const reserve = step.side === 'buy' ? { asset: market.quote, amount: quantity.times(price) } : { asset: market.base, amount: orderAmount };
      const affordable = (which: ModelView) => dec(model.balances(which)[reserve.asset]?.free ?? '0').gte(reserve.amount);
      if (!affordable('truth') || !affordable('known')) return undefined;
      model.accept({ ...placement, venueOrderId: `v${sequence}`, reserve: reserve.amount.toFixed() });
      if (quantity.gt(0)) {
        const commission = model.expectedCommission(market, step.side, quantity, price, 'taker');
        const commissionAsset = step.side === 'buy' ? market.base : market.quote;
        model.fill(clientOrderId, { tradeId: `t${sequence}`, price: price.toFixed(), quantity: quantity.toFixed(), commission: { asset: commissionAsset, amount: commission.toFixed() }, role: 'taker' });
      }
      if (quantity.lt(orderAmount) || (step.byQuote && step.budgetLeft)) model.expire(clientOrderId);
      // place's answer tells the adapter how the order ended.
      model.syncOrder(clientOrderId);
      return undefined;
    }
    case 'sync': {
      const order = at(model.orders('truth'), step.order);
      if (order !== undefined) model.syncOrder(order.clientOrderId);
      return undefined;
    }
  }
}

function lockedOf(balances: Balances, asset: string): string {
  return balances[asset]?.locked ?? '0';
}

function expectViewConsistent(model: TradingModel, which: ModelView): void {
  const balances = model.balances(which);
  for (const { free, locked } of Object.values(balances)) expect(dec(free).isNegative() || dec(locked).isNegative()).toBe(false);
  const reserved = model.reservedByOpenOrders(which);
  for (const asset of new Set([...Object.keys(balances), ...Object.keys(reserved)])) expect(lockedOf(balances, asset)).toBe(reserved[asset] ?? '0');
}

/** Per asset: deposits plus what fills brought in, minus what they paid out, from the fill list alone. */
function expectTruthConserved(model: TradingModel, deposits: ReadonlyMap<string, Decimal>): void {
  const expected = new Map(deposits);
  const add = (asset: string, amount: Decimal) => expected.set(asset, (expected.get(asset) ?? ZERO).plus(amount));
  for (const order of model.orders('truth')) {
    const market = model.market(order.symbol);
    for (const fill of model.fills(order.clientOrderId)) {
      const quote = dec(fill.quantity).times(dec(fill.price));
      add(market.base, order.side === 'buy' ? dec(fill.quantity) : dec(fill.quantity).negated());
      add(market.quote, order.side === 'buy' ? quote.negated() : quote);
    }
  }
  const balances = model.balances('truth');
  const fees = model.feesPaid('truth');
  for (const [asset, amount] of expected) {
    const held = dec(balances[asset]?.free ?? '0').plus(dec(balances[asset]?.locked ?? '0')).plus(dec(fees[asset] ?? '0'));
    expect(held.toFixed()).toBe(amount.toFixed());
  }
}

const STARTING_FUNDS = [['BTC', '50'], ['USDT', '2000000'], ['ETH', '500']] as const;
const coverage = new TransitionRecorder();

describe('trading model (L1, L2, L3, O3)', () => {
  test.prop([fc.array(stepIntent, { minLength: 1, maxLength: 40 })], { seed: 20240615, numRuns: 250 })(
    'both views stay consistent and agree after reconciliation',
    (steps) => {
      const model = new TradingModel({ markets: DEFAULT_MARKETS, coverage });
      const deposits = new Map<string, Decimal>();
      // A funded start, so most placements are affordable and runs get past `open`.
      for (const [asset, amount] of STARTING_FUNDS) {
        model.deposit(asset, amount);
        deposits.set(asset, dec(amount));
      }
      steps.forEach((step, sequence) => {
        const deposit = applyStep(model, step, sequence);
        if (deposit !== undefined) deposits.set(deposit.asset, (deposits.get(deposit.asset) ?? ZERO).plus(deposit.amount));
        expectViewConsistent(model, 'truth');
        expectViewConsistent(model, 'known');
        expectTruthConserved(model, deposits);
        for (const known of model.orders('known')) expect(dec(known.filled).lte(dec(model.order(known.clientOrderId, 'truth')?.filled ?? '0'))).toBe(true);
      });
      model.syncAll();
      expect(model.orders('known')).toEqual(model.orders('truth'));
      expect(model.balances('known')).toEqual(model.balances('truth'));
      expect(model.feesPaid('known')).toEqual(model.feesPaid('truth'));
    },
  );

  test('the model drives every legal transition of both machines', () => {
    const legal = [...orderMachineTransitions, ...ledgerMachineTransitions].filter((key) => !key.endsWith('--x'));
    expect(coverage.unreached(legal)).toEqual([]);
  });
});
