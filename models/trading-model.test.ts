import { describe, expect, it } from 'vitest';
import { DEFAULT_MARKETS } from '../src/domain/market';
import { ModelMisuseError, TradingModel } from './trading-model';
import { TransitionRecorder } from './transition-coverage';

const [BTC_USDT, , ETH_BTC] = DEFAULT_MARKETS;
if (BTC_USDT === undefined || ETH_BTC === undefined) throw new Error('DEFAULT_MARKETS changed shape');

function modelWith(deposits: Record<string, string>) {
  const model = new TradingModel({ markets: DEFAULT_MARKETS, coverage: new TransitionRecorder() });
  for (const [asset, amount] of Object.entries(deposits)) model.deposit(asset, amount);
  return model;
}

const buyOneBtcAt100 = { clientOrderId: 'buy-1', venueOrderId: '1', symbol: 'BTC/USDT', side: 'buy', price: '100', amount: '1' } as const;

describe('trading model', () => {
  it('a taker buy filled below its limit gets the difference back', () => {
    const model = modelWith({ USDT: '1000' });
    model.accept(buyOneBtcAt100);
    expect(model.balances('truth')).toEqual({ USDT: { free: '900', locked: '100' } });
    model.fill('buy-1', { tradeId: 't1', price: '90', quantity: '1', commission: { asset: 'BTC', amount: '0.001' }, role: 'taker' });
    expect(model.balances('truth')).toEqual({ USDT: { free: '910', locked: '0' }, BTC: { free: '0.999', locked: '0' } });
    expect(model.order('buy-1', 'truth')).toMatchObject({ status: 'filled', averagePrice: '90', fee: { asset: 'BTC', amount: '0.001' } });
  });

  it('commission is received × rate rounded down to 8 decimals', () => {
    const model = modelWith({});
    // buy receives base: 0.00012345 × 0.001 = 0.00000012345 → 0.00000012
    expect(model.expectedCommission(BTC_USDT, 'buy', '0.00012345', '50000', 'taker').toFixed()).toBe('0.00000012');
    // sell receives quote: 0.0001 × 0.00012 × 0.001 = 1.2e-11 → 0
    expect(model.expectedCommission(ETH_BTC, 'sell', '0.0001', '0.00012', 'maker').toFixed()).toBe('0');
    // 0.3 × 0.1 × 0.001 = 0.00003 exactly: no binary floating point on the way
    expect(model.expectedCommission(BTC_USDT, 'sell', '0.3', '0.1', 'maker').toFixed()).toBe('0.00003');
  });

  it('uses the fee rates it was given', () => {
    const model = new TradingModel({ markets: DEFAULT_MARKETS, coverage: new TransitionRecorder(), feeRates: { maker: '0', taker: '0.002' } });
    expect(model.expectedCommission(BTC_USDT, 'buy', '1', '100', 'maker').toFixed()).toBe('0');
    expect(model.expectedCommission(BTC_USDT, 'buy', '1', '100', 'taker').toFixed()).toBe('0.002');
  });

  it('after a restart the adapter knows every order, a lost placement and fills it missed included', () => {
    const model = modelWith({ USDT: '1000' });
    model.accept(buyOneBtcAt100);
    model.acceptUnknown({ ...buyOneBtcAt100, clientOrderId: 'buy-2', venueOrderId: '2' });
    model.fill('buy-1', { tradeId: 't1', price: '100', quantity: '0.5', commission: { asset: 'BTC', amount: '0.0005' }, role: 'maker' });
    expect(model.orders('known').map((order) => order.clientOrderId)).toEqual(['buy-1']);
    model.restart();
    expect(model.orders('known')).toEqual(model.orders('truth'));
    expect(model.balances('known')).toEqual(model.balances('truth'));
  });

  it("another instance's order moves the account's balances at a reconcile but never joins the adapter's view", () => {
    const model = modelWith({ USDT: '1000' });
    model.acceptForeign({ ...buyOneBtcAt100, clientOrderId: 'other-1' });
    expect(model.isForeign('other-1')).toBe(true);
    expect(model.balances('known')).toEqual({ USDT: { free: '1000', locked: '0' } });
    model.syncAll();
    expect(model.orders('known')).toEqual([]);
    expect(model.balances('known')).toEqual({ USDT: { free: '900', locked: '100' } });
  });

  // Seed 4966 (X2): the other instance placed and canceled before this one placed with the same
  // funds; at the reconcile the other's reserve, replayed alone, overdrew the view.
  it("a reconcile learns another instance's reserve and release that freed the funds this one then reserved", () => {
    const model = modelWith({ USDT: '1000.5' });
    model.acceptForeign({ clientOrderId: 'tp-1', venueOrderId: '1', symbol: 'BTC/USDT', side: 'buy', price: '30000', amount: '0.02143' });
    model.cancel('tp-1');
    model.accept({ clientOrderId: 'tp-2', venueOrderId: '2', symbol: 'BTC/USDT', side: 'buy', price: '30000', amount: '0.01193' });
    model.syncAll();
    expect(model.balances('known')).toEqual({ USDT: { free: '642.6', locked: '357.9' } });
    expect(model.balances('known')).toEqual(model.balances('truth'));
    expect(model.orders('known').map((order) => order.clientOrderId)).toEqual(['tp-2']);
  });

  // Seed 4966 (X1): calls in flight together; the venue canceled tp-2 before it took the same funds for tp-1.
  it('answers learned together land together: one order released the funds another then reserved', () => {
    const model = modelWith({ ETH: '1' });
    const sell = { symbol: 'ETH/BTC', side: 'sell', price: '0.05', amount: '1' } as const;
    model.acceptUnknown({ ...sell, clientOrderId: 'tp-2', venueOrderId: '2' });
    model.cancel('tp-2');
    model.acceptUnknown({ ...sell, clientOrderId: 'tp-1', venueOrderId: '3' });
    model.syncOrders(['tp-1', 'tp-2']);
    expect(model.balances('known')).toEqual({ ETH: { free: '0', locked: '1' } });
    expect(model.orders('known')).toEqual(model.orders('truth'));
  });

  it("learned one at a time, a reserve paid by another order's fill overdraws the view; learned together, it lands", () => {
    const sellEth = { clientOrderId: 'sell-1', venueOrderId: '1', symbol: 'ETH/BTC', side: 'sell', price: '0.05', amount: '1' } as const;
    const buyEth = { clientOrderId: 'buy-1', venueOrderId: '2', symbol: 'ETH/BTC', side: 'buy', price: '0.04', amount: '1' } as const;
    const run = () => {
      const model = modelWith({ ETH: '1' });
      model.acceptUnknown(sellEth);
      model.fill('sell-1', { tradeId: 't1', price: '0.05', quantity: '1', commission: { asset: 'BTC', amount: '0.00005' }, role: 'maker' });
      model.acceptUnknown(buyEth);
      return model;
    };
    const apart = run();
    expect(() => apart.syncOrder('buy-1')).toThrow(/known ledger: learning 1 move leaves -0.04 BTC free/);
    const together = run();
    together.syncOrders(['buy-1', 'sell-1']);
    expect(together.balances('known')).toEqual({ BTC: { free: '0.00995', locked: '0.04' } });
    expect(together.balances('known')).toEqual(together.balances('truth'));
  });

  it('the adapter learns fills and cancels only when it syncs the order', () => {
    const model = modelWith({ USDT: '1000' });
    model.accept(buyOneBtcAt100);
    model.fill('buy-1', { tradeId: 't1', price: '100', quantity: '0.25', commission: { asset: 'BTC', amount: '0.00025' }, role: 'maker' });
    model.cancel('buy-1');
    expect(model.order('buy-1', 'known')).toMatchObject({ status: 'open', filled: '0', remaining: '1' });
    expect(model.balances('known')).toEqual({ USDT: { free: '900', locked: '100' } });
    expect(model.isOutOfSync('buy-1')).toBe(true);
    model.syncOrder('buy-1');
    expect(model.order('buy-1', 'known')).toEqual(model.order('buy-1', 'truth'));
    expect(model.order('buy-1', 'known')).toMatchObject({ status: 'canceled', filled: '0.25', remaining: '0.75' });
    expect(model.balances('known')).toEqual({ USDT: { free: '975', locked: '0' }, BTC: { free: '0.24975', locked: '0' } });
    expect(model.balances('known')).toEqual(model.balances('truth'));
  });

  it('a sell reserves base, and locked equals what open orders reserve', () => {
    const model = modelWith({ ETH: '2' });
    model.accept({ clientOrderId: 'sell-1', venueOrderId: '2', symbol: 'ETH/BTC', side: 'sell', price: '0.05', amount: '1.5' });
    model.fill('sell-1', { tradeId: 't1', price: '0.06', quantity: '0.5', commission: { asset: 'BTC', amount: '0.00003' }, role: 'taker' });
    expect(model.balances('truth')).toEqual({ ETH: { free: '0.5', locked: '1' }, BTC: { free: '0.02997', locked: '0' } });
    expect(model.reservedByOpenOrders('truth')).toEqual({ ETH: '1' });
    expect(model.reservedByOpenOrders('known')).toEqual({ ETH: '1.5' });
    expect(model.openOrders('ETH/BTC')).toHaveLength(1);
    expect(model.openOrders('BTC/USDT')).toHaveLength(0);
  });

  it('a rejected order reserves nothing and is not listed among the orders', () => {
    const model = modelWith({ USDT: '1000' });
    model.reject({ clientOrderId: 'r-1', symbol: 'BTC/USDT', side: 'buy', price: '100', amount: '1' });
    expect(model.order('r-1', 'known')).toEqual({ clientOrderId: 'r-1', symbol: 'BTC/USDT', side: 'buy', price: '100', amount: '1', filled: '0', remaining: '1', status: 'rejected' });
    expect(model.orders('known')).toEqual([]);
    expect(model.balances('truth')).toEqual({ USDT: { free: '1000', locked: '0' } });
  });

  it('refuses what cannot happen, loudly', () => {
    const model = modelWith({ USDT: '50' });
    expect(() => model.accept(buyOneBtcAt100)).toThrow(ModelMisuseError);
    expect(model.hasOrder('buy-1')).toBe(false);
    model.deposit('USDT', '50');
    model.accept(buyOneBtcAt100);
    expect(() => model.accept(buyOneBtcAt100)).toThrow(/already in use/);
    expect(() => model.fill('buy-1', { tradeId: 't', price: '101', quantity: '1', commission: { asset: 'BTC', amount: '0' }, role: 'taker' })).toThrow(/above its limit/);
    expect(() => model.fill('buy-1', { tradeId: 't', price: '100', quantity: '1', commission: { asset: 'USDT', amount: '0' }, role: 'taker' })).toThrow(/received BTC/);
  });
});

describe('trading model: orders that never rest', () => {
  it('an IOC rest expires and releases what it still reserves', () => {
    const model = modelWith({ USDT: '1000' });
    model.accept({ ...buyOneBtcAt100, clientOrderId: 'ioc-1' });
    model.fill('ioc-1', { tradeId: 't1', price: '90', quantity: '0.4', commission: { asset: 'BTC', amount: '0.0004' }, role: 'taker' });
    model.expire('ioc-1');
    model.syncOrder('ioc-1');
    expect(model.order('ioc-1', 'known')).toMatchObject({ status: 'expired', filled: '0.4', remaining: '0.6' });
    expect(model.balances('known')).toEqual({ USDT: { free: '964', locked: '0' }, BTC: { free: '0.3996', locked: '0' } });
  });

  it('a MARKET buy reserves what its fills cost and spends each fill at its own price', () => {
    const model = modelWith({ USDT: '1000' });
    model.accept({ clientOrderId: 'm-1', venueOrderId: '9', symbol: 'BTC/USDT', side: 'buy', price: '0', amount: '2', kind: 'market', reserve: '190' });
    expect(model.balances('truth')).toEqual({ USDT: { free: '810', locked: '190' } });
    model.fill('m-1', { tradeId: 't1', price: '90', quantity: '1', commission: { asset: 'BTC', amount: '0' }, role: 'taker' });
    model.fill('m-1', { tradeId: 't2', price: '100', quantity: '1', commission: { asset: 'BTC', amount: '0' }, role: 'taker' });
    expect(model.order('m-1', 'truth')).toMatchObject({ status: 'filled', averagePrice: '95' });
    expect(model.balances('truth')).toEqual({ USDT: { free: '810', locked: '0' }, BTC: { free: '2', locked: '0' } });
  });
});
