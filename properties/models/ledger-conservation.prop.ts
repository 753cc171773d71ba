/**
 * The ledger machine obeys L2 and L3 before it judges any adapter: whatever events arrive,
 * nothing is ever negative, every asset's free + locked + fees paid equals its deposits plus
 * what trades brought in minus what they took out, exactly; a refused event changes nothing and
 * is refused only when applying it would overdraw or it is malformed (a sync's LEARN of several
 * moves only when where they land would); reserve then release is
 * the identity; and awkward decimals (0.1, 0.3, 1e-8 steps, 17 digits) stay exact (D2).
 */
import { describe, expect } from 'vitest';
import { test, fc } from '@fast-check/vitest';
import { createActor } from 'xstate';
import { ZERO, dec, type Decimal } from '../../src/domain/decimal';
import { assetBalanceOf, balancesOf, ledgerMachine, type AssetBalance, type LedgerContext, type LedgerEvent, type LedgerMove } from '../../models/ledger-machine';
import { TransitionRecorder, ledgerMachineTransitions } from '../../models/transition-coverage';
import { fixedPointToString, positiveDecimalString, stringToFixedPoint } from './decimal-arbitraries';

const ASSETS = ['BTC', 'USDT', 'ETH'] as const;
const asset = fc.constantFrom(...ASSETS);
const perMille = fc.integer({ min: 0, max: 1200 });

/** Amounts are shares of the current balance, so most events apply and some overdraw. */
const moveIntent = fc.oneof(
  fc.record({
    type: fc.constant('DEPOSIT' as const), asset,
    amount: fc.oneof({ arbitrary: positiveDecimalString(), weight: 8 }, { arbitrary: fc.constantFrom('0', '-0.1'), weight: 1 }),
  }),
  fc.record({ type: fc.constant('RESERVE' as const), asset, perMille }),
  fc.record({ type: fc.constant('RELEASE' as const), asset, perMille }),
  fc.record({
    type: fc.constant('SETTLE' as const), spendAsset: asset, receiveAsset: asset, spendPerMille: perMille,
    refundPerMille: perMille, receiveAmount: positiveDecimalString(), commissionPerMille: fc.integer({ min: 0, max: 1100 }),
  }),
);
type MoveIntent = typeof moveIntent extends fc.Arbitrary<infer T> ? T : never;

/** A sync: several moves learned at once, each a share of where the ones before it lead. */
const ledgerIntent = fc.oneof(
  { weight: 6, arbitrary: moveIntent },
  { weight: 1, arbitrary: fc.record({ type: fc.constant('LEARN' as const), moves: fc.array(moveIntent, { minLength: 1, maxLength: 4 }) }) },
);
type LedgerIntent = typeof ledgerIntent extends fc.Arbitrary<infer T> ? T : never;

const share = (whole: Decimal, perMilleOf: number) => whole.times(perMilleOf).dividedBy(1000);

function toLedgerEvent(intent: LedgerIntent, ledger: LedgerContext): LedgerEvent {
  if (intent.type !== 'LEARN') return toLedgerMove(intent, ledger);
  const moves: LedgerMove[] = [];
  let reached: LedgerContext = ledger;
  for (const move of intent.moves) {
    const next = toLedgerMove(move, reached);
    moves.push(next);
    reached = { ...reached, balances: naivelyMoved(reached.balances, next) };
  }
  return { type: 'LEARN', moves };
}

function toLedgerMove(intent: MoveIntent, ledger: LedgerContext): LedgerMove {
  switch (intent.type) {
    case 'DEPOSIT':
      return { type: 'DEPOSIT', asset: intent.asset, amount: dec(intent.amount) };
    case 'RESERVE':
      return { type: 'RESERVE', asset: intent.asset, amount: share(assetBalanceOf(ledger, intent.asset).free, intent.perMille) };
    case 'RELEASE':
      return { type: 'RELEASE', asset: intent.asset, amount: share(assetBalanceOf(ledger, intent.asset).locked, intent.perMille) };
    case 'SETTLE': {
      const spendFromLocked = share(assetBalanceOf(ledger, intent.spendAsset).locked, intent.spendPerMille);
      const receiveAmount = dec(intent.receiveAmount);
      return {
        type: 'SETTLE', spendAsset: intent.spendAsset, spendFromLocked, refundToFree: share(spendFromLocked, intent.refundPerMille),
        receiveAsset: intent.receiveAsset, receiveAmount, commission: share(receiveAmount, intent.commissionPerMille),
      };
    }
  }
}

type NaiveBalances = Readonly<Record<string, AssetBalance>>;

/** A move's effect with no guard at all: what the ledger's own arithmetic is checked against. */
function naivelyMoved(balances: NaiveBalances, move: LedgerMove): NaiveBalances {
  const changed = { ...balances };
  const change = (name: string, free: Decimal, locked: Decimal) => {
    const { free: wasFree, locked: wasLocked } = changed[name] ?? { free: ZERO, locked: ZERO };
    changed[name] = { free: wasFree.plus(free), locked: wasLocked.plus(locked) };
  };
  switch (move.type) {
    case 'DEPOSIT':
      change(move.asset, move.amount, ZERO);
      break;
    case 'RESERVE':
      change(move.asset, move.amount.negated(), move.amount);
      break;
    case 'RELEASE':
      change(move.asset, move.amount, move.amount.negated());
      break;
    case 'SETTLE':
      change(move.spendAsset, move.refundToFree, move.spendFromLocked.negated());
      change(move.receiveAsset, move.receiveAmount.minus(move.commission), ZERO);
      break;
  }
  return changed;
}

/** Whether a move is well formed whatever the balances. */
function isWellFormed(move: LedgerMove): boolean {
  switch (move.type) {
    case 'DEPOSIT':
    case 'RESERVE':
    case 'RELEASE':
      return move.amount.gt(0);
    case 'SETTLE': {
      const shape = move.spendAsset !== move.receiveAsset && move.spendFromLocked.gt(0) && move.receiveAmount.gt(0);
      const refundInRange = !move.refundToFree.isNegative() && !move.spendFromLocked.minus(move.refundToFree).isNegative();
      const commissionInRange = !move.commission.isNegative() && !move.receiveAmount.minus(move.commission).isNegative();
      return shape && refundInRange && commissionInRange;
    }
  }
}

/**
 * Stated independently of the guards: apply naively, then ask whether anything went negative;
 * a LEARN only where all its moves land.
 */
function appliesCleanly(ledger: LedgerContext, event: LedgerEvent): boolean {
  const moves = event.type === 'LEARN' ? event.moves : [event];
  if (moves.length === 0 || !moves.every(isWellFormed)) return false;
  const landed = moves.reduce(naivelyMoved, ledger.balances);
  return Object.values(landed).every(({ free, locked }) => !free.isNegative() && !locked.isNegative());
}

const coverage = new TransitionRecorder();

describe('ledger conservation (L2, L3, D2)', () => {
  test.prop([fc.array(ledgerIntent, { maxLength: 30 })], { seed: 20240612, numRuns: 300 })(
    'nothing is ever negative and free + locked + fees = deposits + trades in − trades out, exactly',
    (intents) => {
      const ledger = createActor(ledgerMachine).start();
      const deposited = new Map<string, Decimal>();
      const tradedIn = new Map<string, Decimal>();
      const tradedOut = new Map<string, Decimal>();
      const add = (totals: Map<string, Decimal>, key: string, amount: Decimal) => totals.set(key, (totals.get(key) ?? ZERO).plus(amount));

      for (const intent of intents) {
        const before = ledger.getSnapshot().context;
        const event = toLedgerEvent(intent, before);
        coverage.send('ledger', ledger, event);
        const after = ledger.getSnapshot().context;
        const refused = after.violations.length > before.violations.length;

        expect(refused).toBe(!appliesCleanly(before, event));
        if (refused) {
          expect(after.balances).toBe(before.balances);
          expect(after.feesPaid).toBe(before.feesPaid);
          continue;
        }
        for (const move of event.type === 'LEARN' ? event.moves : [event]) {
          if (move.type === 'DEPOSIT') add(deposited, move.asset, move.amount);
          if (move.type === 'SETTLE') {
            add(tradedIn, move.receiveAsset, move.receiveAmount);
            add(tradedOut, move.spendAsset, move.spendFromLocked.minus(move.refundToFree));
          }
        }
        for (const name of ASSETS) {
          const { free, locked } = assetBalanceOf(after, name);
          const fees = after.feesPaid[name] ?? ZERO;
          expect([free, locked, fees].every((value) => !value.isNegative())).toBe(true);
          const expected = (deposited.get(name) ?? ZERO).plus(tradedIn.get(name) ?? ZERO).minus(tradedOut.get(name) ?? ZERO);
          expect(free.plus(locked).plus(fees).toFixed()).toBe(expected.toFixed());
        }
      }
    },
  );

  test.prop([fc.array(ledgerIntent, { maxLength: 12 }), asset, fc.integer({ min: 1, max: 1000 })], { seed: 20240613, numRuns: 200 })(
    'reserve then release of the same amount is the identity',
    (intents, reserved, perMilleOfFree) => {
      const ledger = createActor(ledgerMachine).start();
      for (const intent of intents) ledger.send(toLedgerEvent(intent, ledger.getSnapshot().context));
      ledger.send({ type: 'DEPOSIT', asset: reserved, amount: dec('0.00000001') });
      const before = ledger.getSnapshot();
      const amount = share(assetBalanceOf(before.context, reserved).free, perMilleOfFree);
      ledger.send({ type: 'RESERVE', asset: reserved, amount });
      ledger.send({ type: 'RELEASE', asset: reserved, amount });
      const after = ledger.getSnapshot();
      expect(after.context.violations).toEqual(before.context.violations);
      expect(balancesOf(after)).toEqual(balancesOf(before));
    },
  );

  test.prop([fc.array(fc.record({ amount: positiveDecimalString(), reserve: fc.boolean() }), { minLength: 1, maxLength: 20 })], { seed: 20240614, numRuns: 300 })(
    'awkward decimals stay exact: balances agree with a BigInt fixed-point reckoning',
    (deposits) => {
      const SCALE = 17;
      const ledger = createActor(ledgerMachine).start();
      let free = 0n;
      let locked = 0n;
      for (const { amount } of deposits) {
        ledger.send({ type: 'DEPOSIT', asset: 'ETH', amount: dec(amount) });
        free += stringToFixedPoint(amount, SCALE);
      }
      // Reserving some of the deposited amounts never overdraws, whatever their sum.
      for (const { amount, reserve } of deposits) {
        if (!reserve) continue;
        ledger.send({ type: 'RESERVE', asset: 'ETH', amount: dec(amount) });
        free -= stringToFixedPoint(amount, SCALE);
        locked += stringToFixedPoint(amount, SCALE);
      }
      const expected = free === 0n && locked === 0n ? {} : { ETH: { free: fixedPointToString(free, SCALE), locked: fixedPointToString(locked, SCALE) } };
      expect(balancesOf(ledger.getSnapshot())).toEqual(expected);
    },
  );

  test('every declared ledger transition was reached', () => {
    expect(coverage.unreached(ledgerMachineTransitions)).toEqual([]);
  });
});
