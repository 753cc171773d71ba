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
 * - LEARN {moves} (the adapter's view syncing several of these moves at once): each move applies
 *   in turn and only where they land is judged. The venue interleaved those moves with others
 *   this view learned earlier, so a step on the way may overdraw what the view holds now (a
 *   reserve that the venue released before a later order reserved the same funds), while the
 *   end, which holds every move the view has learned, cannot.
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

/** One move of the account's funds. */
export type LedgerMove =
  | { type: 'DEPOSIT'; asset: string; amount: Decimal }
  | { type: 'RESERVE'; asset: string; amount: Decimal }
  | { type: 'RELEASE'; asset: string; amount: Decimal }
  | ({ type: 'SETTLE' } & Settlement);

export type LedgerEvent = LedgerMove | { type: 'LEARN'; moves: readonly LedgerMove[] };

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

export function assetBalanceOf(ledger: Pick<LedgerContext, 'balances'>, asset: string): AssetBalance {
  return ledger.balances[asset] ?? EMPTY;
}

function mustBePositive(what: string, amount: Decimal): string | undefined {
  return amount.gt(0) ? undefined : `${what} ${formatDecimal(amount)} is not positive`;
}

/** Why the ledger refuses this event, or `undefined` when it applies. */
export function whyLedgerRefuses(ledger: LedgerContext, event: LedgerEvent): string | undefined {
  if (event.type === 'LEARN') return whyLearningIsRefused(ledger, event.moves);
  return whyMoveOverdraws(ledger, event) ?? whyMoveIsMalformed(event);
}

/** What is wrong with a move whatever the ledger holds. */
function whyMoveIsMalformed(move: LedgerMove): string | undefined {
  switch (move.type) {
    case 'DEPOSIT':
      return mustBePositive('deposit', move.amount);
    case 'RESERVE':
      return mustBePositive('reserve', move.amount);
    case 'RELEASE':
      return mustBePositive('release', move.amount);
    case 'SETTLE':
      return whySettlementIsMalformed(move);
  }
}

/** Whether the move takes more than the ledger holds. */
function whyMoveOverdraws(ledger: LedgerContext, move: LedgerMove): string | undefined {
  switch (move.type) {
    case 'DEPOSIT':
      return undefined;
    case 'RESERVE': {
      const free = assetBalanceOf(ledger, move.asset).free;
      return move.amount.gt(free) ? `reserve ${formatDecimal(move.amount)} ${move.asset} exceeds free ${formatDecimal(free)}` : undefined;
    }
    case 'RELEASE': {
      const locked = assetBalanceOf(ledger, move.asset).locked;
      return move.amount.gt(locked) ? `release ${formatDecimal(move.amount)} ${move.asset} exceeds locked ${formatDecimal(locked)}` : undefined;
    }
    case 'SETTLE': {
      const locked = assetBalanceOf(ledger, move.spendAsset).locked;
      if (!move.spendFromLocked.gt(locked)) return undefined;
      return `settlement spends ${formatDecimal(move.spendFromLocked)} ${move.spendAsset} but only ${formatDecimal(locked)} is locked`;
    }
  }
}

function whySettlementIsMalformed(settlement: Settlement): string | undefined {
  if (settlement.spendAsset === settlement.receiveAsset) return `settlement spends and receives the same asset ${settlement.spendAsset}`;
  if (settlement.refundToFree.isNegative()) return `refund ${formatDecimal(settlement.refundToFree)} is negative`;
  // The refund is part of what left locked (a buy reserved at its limit, filled below it).
  if (settlement.refundToFree.gt(settlement.spendFromLocked)) return `refund ${formatDecimal(settlement.refundToFree)} exceeds what was spent`;
  if (settlement.commission.isNegative()) return `commission ${formatDecimal(settlement.commission)} is negative`;
  if (settlement.commission.gt(settlement.receiveAmount)) return `commission ${formatDecimal(settlement.commission)} exceeds what was received`;
  return mustBePositive('spend', settlement.spendFromLocked) ?? mustBePositive('receive', settlement.receiveAmount);
}

function whyLearningIsRefused(ledger: LedgerContext, moves: readonly LedgerMove[]): string | undefined {
  if (moves.length === 0) return 'learns no move';
  for (const move of moves) {
    const malformed = whyMoveIsMalformed(move);
    if (malformed !== undefined) return `learns a malformed move: ${malformed}`;
  }
  const { balances } = learnedLedger(ledger, moves);
  const learning = `learning ${moves.length} move${moves.length === 1 ? '' : 's'}`;
  for (const [asset, { free, locked }] of Object.entries(balances)) {
    if (free.isNegative()) return `${learning} leaves ${formatDecimal(free)} ${asset} free`;
    if (locked.isNegative()) return `${learning} leaves ${formatDecimal(locked)} ${asset} locked`;
  }
  return undefined;
}

function learnedLedger(ledger: LedgerContext, moves: readonly LedgerMove[]): Pick<LedgerContext, 'balances' | 'feesPaid'> {
  let learned: Pick<LedgerContext, 'balances' | 'feesPaid'> = ledger;
  for (const move of moves) learned = applyLedgerMove(learned, move);
  return learned;
}

function withBalance(ledger: Pick<LedgerContext, 'balances'>, asset: string, change: (balance: AssetBalance) => AssetBalance) {
  return { ...ledger.balances, [asset]: change(assetBalanceOf(ledger, asset)) };
}

/** The ledger after an event the guards accepted. */
function applyLedgerEvent(ledger: LedgerContext, event: LedgerEvent): Pick<LedgerContext, 'balances' | 'feesPaid'> {
  return event.type === 'LEARN' ? learnedLedger(ledger, event.moves) : applyLedgerMove(ledger, event);
}

function applyLedgerMove(ledger: Pick<LedgerContext, 'balances' | 'feesPaid'>, event: LedgerMove): Pick<LedgerContext, 'balances' | 'feesPaid'> {
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
        LEARN: [{ guard: 'ledgerAccepts', actions: 'applyLedgerEvent' }, { actions: 'recordRefusal' }],
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
