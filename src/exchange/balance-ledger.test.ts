import { describe, expect, it } from 'vitest';
import { BalanceLedger, type LedgerOrder } from './balance-ledger';

const buyAt = (price: string): LedgerOrder => ({ side: 'buy', base: 'BTC', quote: 'USDT', price });
const sellAt = (price: string): LedgerOrder => ({ side: 'sell', base: 'BTC', quote: 'USDT', price });

function ledgerWith(balances: Record<string, [free: string, locked: string]>): BalanceLedger {
  const ledger = new BalanceLedger();
  ledger.adopt(Object.fromEntries(Object.entries(balances).map(([asset, [free, locked]]) => [asset, { free, locked }])));
  return ledger;
}

describe('BalanceLedger', () => {
  it('a buy reserves amount x limit of the quote', () => {
    const ledger = ledgerWith({ USDT: ['100000', '0'] });
    ledger.reserveForOrder(buyAt('30000.01'), '0.3');
    expect(ledger.balances()).toEqual({ USDT: { free: '90999.997', locked: '9000.003' } });
  });

  it('a buy filled below its limit returns the price improvement and credits base less commission', () => {
    const ledger = ledgerWith({ USDT: ['100000', '0'] });
    ledger.reserveForOrder(buyAt('30000'), '1');
    ledger.settleTrade(buyAt('30000'), { price: '29999.5', quantity: '0.4', commission: '0.0004', commissionAsset: 'BTC' });
    expect(ledger.balances()).toEqual({ USDT: { free: '70000.2', locked: '18000' }, BTC: { free: '0.3996', locked: '0' } });
  });

  it('a sell releases base and credits quote less commission', () => {
    const ledger = ledgerWith({ BTC: ['1', '0'] });
    ledger.reserveForOrder(sellAt('30000'), '0.5');
    ledger.settleTrade(sellAt('30000'), { price: '30000.1', quantity: '0.2', commission: '0.00600002', commissionAsset: 'USDT' });
    expect(ledger.balances()).toEqual({ BTC: { free: '0.5', locked: '0.3' }, USDT: { free: '6000.01399998', locked: '0' } });
  });

  it('cancel releases what stays reserved, back to where the ledger started for an unfilled order', () => {
    const ledger = ledgerWith({ USDT: ['100', '0'], BTC: ['0.3', '0'] });
    ledger.reserveForOrder(buyAt('0.1'), '0.3');
    ledger.releaseOnCancel(buyAt('0.1'), '0.3');
    ledger.reserveForOrder(sellAt('7'), '0.3');
    ledger.releaseOnCancel(sellAt('7'), '0.3');
    expect(ledger.balances()).toEqual({ USDT: { free: '100', locked: '0' }, BTC: { free: '0.3', locked: '0' } });
  });

  it('reports assets holding nothing as absent', () => {
    const ledger = ledgerWith({ USDT: ['0', '0'], BTC: ['0.1', '0'] });
    expect(ledger.balances()).toEqual({ BTC: { free: '0.1', locked: '0' } });
  });

  it('driftFrom lists each differing field, an absent asset counting as zero', () => {
    const ledger = ledgerWith({ USDT: ['100', '5'], BTC: ['1', '0'] });
    expect(ledger.driftFrom({ USDT: { free: '100.0', locked: '0' }, ETH: { free: '2', locked: '0' } })).toEqual([
      { asset: 'BTC', field: 'free', local: '1', venue: '0' },
      { asset: 'ETH', field: 'free', local: '0', venue: '2' },
      { asset: 'USDT', field: 'locked', local: '5', venue: '0' },
    ]);
    ledger.adopt({ USDT: { free: '100', locked: '0' } });
    expect(ledger.driftFrom({ USDT: { free: '100', locked: '0' } })).toEqual([]);
  });
});
