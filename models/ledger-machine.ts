/**
 * The balance ledger of one account (invariants L2, L3) as an xstate v5 machine: free and
 * locked per asset, plus the commissions paid per asset, all Decimal.
 *
 * Events and their effects:
 * - DEPOSIT {asset, amount}: free += amount.
 * - RESERVE {asset, amount}: free → locked (placing an order).
 * - RELEASE {asset, amount}: locked → free (canceling what stays reserved).
 * - SETTLE {spendAsset, spendFromLocked, refundToFree, receiveAsset, receiveAmount, commission}
 *   (one fill): locked[spend] −= spendFromLocked, free[spend] += refundToFree (a buy filled below
 *   its limit gets the difference back), free[receive] += receiveAmount − commission,
 *   feesPaid[receive] += commission.
 *
 * Refusals. An event that would make any balance negative, or that is malformed (an amount that
 * is not positive, a refund larger than what was spent, a commission larger than what was
 * received, spending and receiving the same asset), is refused by a guard: the ledger stays
 * exactly as it was and appends a `violation` to `context.violations`, saying why. Nothing is
 * silently dropped or clamped; the trading model throws on any new violation.
 *
 * Conservation (L2) that follows from the effects, per asset:
 *   free + locked + feesPaid = deposits + Σ received − Σ (spendFromLocked − refundToFree).
 */
import { assertEvent, assign, setup, type SnapshotFrom } from 'xstate';
import { ZERO, formatDecimal, type Decimal } from '../src/domain/decimal';
import type { Balances } from '../src/domain/balance';

export interface AssetBalance {
  free: Decimal;
  locked: Decimal;
}

export interface Settlement {
  spendAsset: string;
  spendFromLocked: Decimal;
  refundToFree: Decimal;
  receiveAsset: string;
  receiveAmount: Decimal;
  commission: Decimal;
}

export type LedgerEvent =
  | { type: 'DEPOSIT'; asset: string; amount: Decimal }
  | { type: 'RESERVE'; asset: string; amount: Decimal }
  | { type: 'RELEASE'; asset: string; amount: Decimal }
  | ({ type: 'SETTLE' } & Settlement);

export interface LedgerViolation {
  event: LedgerEvent;
  reason: string;
}

export interface LedgerContext {
  balances: Readonly<Record<string, AssetBalance>>;
  feesPaid: Readonly<Record<string, Decimal>>;
  violations: readonly LedgerViolation[];
}

const EMPTY: AssetBalance = { free: ZERO, locked: ZERO };

export function assetBalanceOf(ledger: LedgerContext, asset: string): AssetBalance {
  return ledger.balances[asset] ?? EMPTY;
}

function mustBePositive(what: string, amount: Decimal): string | undefined {
  return amount.gt(0) ? undefined : `${what} ${formatDecimal(amount)} is not positive`;
}

/** Why the ledger refuses this event, or `undefined` when it applies. */
export function whyLedgerRefuses(ledger: LedgerContext, event: LedgerEvent): string | undefined {
  switch (event.type) {
    case 'DEPOSIT':
      return mustBePositive('deposit', event.amount);
    case 'RESERVE': {
      const free = assetBalanceOf(ledger, event.asset).free;
      if (event.amount.gt(free)) return `reserve ${formatDecimal(event.amount)} ${event.asset} exceeds free ${formatDecimal(free)}`;
      return mustBePositive('reserve', event.amount);
    }
    case 'RELEASE': {
      const locked = assetBalanceOf(ledger, event.asset).locked;
      if (event.amount.gt(locked)) return `release ${formatDecimal(event.amount)} ${event.asset} exceeds locked ${formatDecimal(locked)}`;
      return mustBePositive('release', event.amount);
    }
    case 'SETTLE':
      return whySettlementIsRefused(ledger, event);
  }
}

function whySettlementIsRefused(ledger: LedgerContext, settlement: Settlement): string | undefined {
  const locked = assetBalanceOf(ledger, settlement.spendAsset).locked;
  if (settlement.spendAsset === settlement.receiveAsset) return `settlement spends and receives the same asset ${settlement.spendAsset}`;
  if (settlement.spendFromLocked.gt(locked)) {
    return `settlement spends ${formatDecimal(settlement.spendFromLocked)} ${settlement.spendAsset} but only ${formatDecimal(locked)} is locked`;
  }
  if (settlement.refundToFree.isNegative()) return `refund ${formatDecimal(settlement.refundToFree)} is negative`;
  // The refund is part of what left locked (a buy reserved at its limit, filled below it).
  if (settlement.refundToFree.gt(settlement.spendFromLocked)) return `refund ${formatDecimal(settlement.refundToFree)} exceeds what was spent`;
  if (settlement.commission.isNegative()) return `commission ${formatDecimal(settlement.commission)} is negative`;
  if (settlement.commission.gt(settlement.receiveAmount)) return `commission ${formatDecimal(settlement.commission)} exceeds what was received`;
  return mustBePositive('spend', settlement.spendFromLocked) ?? mustBePositive('receive', settlement.receiveAmount);
}

function withBalance(ledger: LedgerContext, asset: string, change: (balance: AssetBalance) => AssetBalance) {
  return { ...ledger.balances, [asset]: change(assetBalanceOf(ledger, asset)) };
}

/** The ledger after an event the guards accepted. */
function applyLedgerEvent(ledger: LedgerContext, event: LedgerEvent): Pick<LedgerContext, 'balances' | 'feesPaid'> {
  switch (event.type) {
    case 'DEPOSIT':
      return { balances: withBalance(ledger, event.asset, (b) => ({ ...b, free: b.free.plus(event.amount) })), feesPaid: ledger.feesPaid };
    case 'RESERVE':
      return {
        balances: withBalance(ledger, event.asset, (b) => ({ free: b.free.minus(event.amount), locked: b.locked.plus(event.amount) })),
        feesPaid: ledger.feesPaid,
      };
    case 'RELEASE':
      return {
        balances: withBalance(ledger, event.asset, (b) => ({ free: b.free.plus(event.amount), locked: b.locked.minus(event.amount) })),
        feesPaid: ledger.feesPaid,
      };
    case 'SETTLE': {
      const spent = withBalance(ledger, event.spendAsset, (b) => ({
        free: b.free.plus(event.refundToFree),
        locked: b.locked.minus(event.spendFromLocked),
      }));
      const received = withBalance({ ...ledger, balances: spent }, event.receiveAsset, (b) => ({
        ...b,
        free: b.free.plus(event.receiveAmount).minus(event.commission),
      }));
      const feesPaid = { ...ledger.feesPaid, [event.receiveAsset]: (ledger.feesPaid[event.receiveAsset] ?? ZERO).plus(event.commission) };
      return { balances: received, feesPaid };
    }
  }
}

export const ledgerMachine = setup({
  types: {
    context: {} as LedgerContext,
    events: {} as LedgerEvent,
  },
  guards: {
    ledgerAccepts: ({ context, event }) => whyLedgerRefuses(context, event) === undefined,
  },
  actions: {
    applyLedgerEvent: assign(({ context, event }) => applyLedgerEvent(context, event)),
    recordRefusal: assign(({ context, event }) => ({
      violations: [...context.violations, { event, reason: whyLedgerRefuses(context, event) ?? 'refused' }],
    })),
  },
}).createMachine({
  id: 'ledger',
  initial: 'tracking',
  context: { balances: {}, feesPaid: {}, violations: [] },
  states: {
    // One state: the ledger's "state" is its balances; each event either applies or is refused.
    tracking: {
      on: {
        DEPOSIT: [{ guard: 'ledgerAccepts', actions: 'applyLedgerEvent' }, { actions: 'recordRefusal' }],
        RESERVE: [{ guard: 'ledgerAccepts', actions: 'applyLedgerEvent' }, { actions: 'recordRefusal' }],
        RELEASE: [{ guard: 'ledgerAccepts', actions: 'applyLedgerEvent' }, { actions: 'recordRefusal' }],
        SETTLE: [{ guard: 'ledgerAccepts', actions: 'applyLedgerEvent' }, { actions: 'recordRefusal' }],
      },
    },
  },
});

export type LedgerSnapshot = SnapshotFrom<typeof ledgerMachine>;

/**
 * The ledger as `Balances`: canonical decimal strings, and only assets holding something
 * (Balances says an absent asset holds zero, so dropping zeros gives one form to compare).
 */
export function balancesOf(snapshot: LedgerSnapshot): Balances {
  const balances: Balances = {};
  for (const [asset, { free, locked }] of Object.entries(snapshot.context.balances)) {
    if (free.isZero() && locked.isZero()) continue;
    balances[asset] = { free: formatDecimal(free), locked: formatDecimal(locked) };
  }
  return balances;
}

/** Commissions paid per asset, canonical, assets with none left out. */
export function feesPaidOf(snapshot: LedgerSnapshot): Record<string, string> {
  const fees: Record<string, string> = {};
  for (const [asset, amount] of Object.entries(snapshot.context.feesPaid)) {
    if (!amount.isZero()) fees[asset] = formatDecimal(amount);
  }
  return fees;
}
