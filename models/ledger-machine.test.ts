import { describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import { dec } from '../src/domain/decimal';
import { balancesOf, feesPaidOf, ledgerMachine } from './ledger-machine';

function ledgerWith(deposits: Record<string, string>) {
  const ledger = createActor(ledgerMachine).start();
  for (const [asset, amount] of Object.entries(deposits)) ledger.send({ type: 'DEPOSIT', asset, amount: dec(amount) });
  return ledger;
}

describe('ledger machine', () => {
  it('reserve moves free to locked and release moves it back', () => {
    const ledger = ledgerWith({ USDT: '100' });
    ledger.send({ type: 'RESERVE', asset: 'USDT', amount: dec('30.5') });
    expect(balancesOf(ledger.getSnapshot())).toEqual({ USDT: { free: '69.5', locked: '30.5' } });
    ledger.send({ type: 'RELEASE', asset: 'USDT', amount: dec('30.5') });
    expect(balancesOf(ledger.getSnapshot())).toEqual({ USDT: { free: '100', locked: '0' } });
  });

  it('settles a buy filled below its limit: the difference returns to free, the fee comes off the base', () => {
    const ledger = ledgerWith({ USDT: '1000' });
    ledger.send({ type: 'RESERVE', asset: 'USDT', amount: dec('100') });
    ledger.send({
      type: 'SETTLE', spendAsset: 'USDT', spendFromLocked: dec('100'), refundToFree: dec('10'),
      receiveAsset: 'BTC', receiveAmount: dec('1'), commission: dec('0.001'),
    });
    const snapshot = ledger.getSnapshot();
    expect(balancesOf(snapshot)).toEqual({ USDT: { free: '910', locked: '0' }, BTC: { free: '0.999', locked: '0' } });
    expect(feesPaidOf(snapshot)).toEqual({ BTC: '0.001' });
  });

  it('refuses an overdraft, stays put and records why', () => {
    const ledger = ledgerWith({ BTC: '0.1' });
    const before = ledger.getSnapshot().context.balances;
    ledger.send({ type: 'RESERVE', asset: 'BTC', amount: dec('0.10000001') });
    ledger.send({ type: 'RELEASE', asset: 'BTC', amount: dec('0.00000001') });
    const after = ledger.getSnapshot().context;
    expect(after.balances).toBe(before);
    expect(after.violations.map((v) => v.reason)).toEqual([
      'reserve 0.10000001 BTC exceeds free 0.1',
      'release 0.00000001 BTC exceeds locked 0',
    ]);
  });

  it('refuses malformed settlements: refund above spend, commission above receipt, zero deposit', () => {
    const ledger = ledgerWith({ USDT: '10' });
    ledger.send({ type: 'RESERVE', asset: 'USDT', amount: dec('10') });
    const settle = { type: 'SETTLE', spendAsset: 'USDT', spendFromLocked: dec('5'), refundToFree: dec('0'), receiveAsset: 'BTC', receiveAmount: dec('1'), commission: dec('0') } as const;
    ledger.send({ ...settle, refundToFree: dec('6') });
    ledger.send({ ...settle, commission: dec('1.1') });
    ledger.send({ type: 'DEPOSIT', asset: 'BTC', amount: dec('0') });
    expect(ledger.getSnapshot().context.violations.map((v) => v.reason)).toEqual([
      'refund 6 exceeds what was spent',
      'commission 1.1 exceeds what was received',
      'deposit 0 is not positive',
    ]);
    expect(balancesOf(ledger.getSnapshot())).toEqual({ USDT: { free: '0', locked: '10' } });
  });

  it('learns a sync where its moves land: a reserve the venue released before another order took the funds', () => {
    // The view already holds the later order's reserve; the earlier order reserved and released the same funds.
    const ledger = ledgerWith({ USDT: '1000.5' });
    ledger.send({ type: 'RESERVE', asset: 'USDT', amount: dec('357.9') });
    ledger.send({ type: 'LEARN', moves: [{ type: 'RESERVE', asset: 'USDT', amount: dec('642.9') }, { type: 'RELEASE', asset: 'USDT', amount: dec('642.9') }] });
    expect(ledger.getSnapshot().context.violations).toEqual([]);
    expect(balancesOf(ledger.getSnapshot())).toEqual({ USDT: { free: '642.6', locked: '357.9' } });
    // One at a time, the first of those moves overdraws.
    ledger.send({ type: 'RESERVE', asset: 'USDT', amount: dec('642.9') });
    expect(ledger.getSnapshot().context.violations.map((v) => v.reason)).toEqual(['reserve 642.9 USDT exceeds free 642.6']);
  });

  it('refuses a sync that lands overdrawn, learns nothing or carries a malformed move, and stays put', () => {
    const ledger = ledgerWith({ BTC: '1' });
    const before = ledger.getSnapshot().context.balances;
    ledger.send({ type: 'LEARN', moves: [{ type: 'RESERVE', asset: 'BTC', amount: dec('0.6') }, { type: 'RESERVE', asset: 'BTC', amount: dec('0.6') }] });
    ledger.send({ type: 'LEARN', moves: [] });
    ledger.send({ type: 'LEARN', moves: [{ type: 'RELEASE', asset: 'BTC', amount: dec('0') }] });
    const after = ledger.getSnapshot().context;
    expect(after.balances).toBe(before);
    expect(after.violations.map((v) => v.reason)).toEqual([
      'learning 2 moves leaves -0.2 BTC free',
      'learns no move',
      'learns a malformed move: release 0 is not positive',
    ]);
  });
});
