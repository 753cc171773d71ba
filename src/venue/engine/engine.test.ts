import { describe, expect, it } from 'vitest';
import { dec, type Decimal } from '../../domain/decimal';
import { DEFAULT_MARKETS, type Market } from '../../domain/market';
import type { Side } from '../../domain/order';
import { MatchingEngine } from './engine';
import { commissionOn } from './fees';

const BTC_USDT = marketOf('BTC/USDT');
const ETH_BTC = marketOf('ETH/BTC');

function marketOf(symbol: string): Market {
  const market = DEFAULT_MARKETS.find((candidate) => candidate.symbol === symbol);
  if (market === undefined) throw new Error(symbol);
  return market;
}

function engineWith(makerRate = '0.001', takerRate = '0.001'): MatchingEngine {
  let now = 1_000;
  const engine = new MatchingEngine({ markets: DEFAULT_MARKETS, makerRate: dec(makerRate), takerRate: dec(takerRate), now: () => now++ });
  for (const account of ['maker', 'taker']) {
    engine.openAccount(account);
    engine.deposit(account, 'USDT', dec('1000000'));
    engine.deposit(account, 'BTC', dec('100'));
    engine.deposit(account, 'ETH', dec('100'));
  }
  return engine;
}

function place(engine: MatchingEngine, account: string, side: Side, price: string, quantity: string, clientOrderId: string, market = BTC_USDT) {
  const result = engine.placeLimit({ account, market, side, price: dec(price), quantity: dec(quantity), clientOrderId });
  if (!result.ok) throw new Error(`refused: ${result.reason}`);
  return result.value;
}

const text = (value: Decimal): string => value.toFixed();
const balance = (engine: MatchingEngine, account: string, asset: string) => {
  const entry = engine.ledger.balancesOf(account).get(asset);
  return { free: text(entry?.free ?? dec('0')), locked: text(entry?.locked ?? dec('0')) };
};

describe('matching engine', () => {
  it('matches in price-time priority at the maker\'s price', () => {
    const engine = engineWith();
    place(engine, 'maker', 'sell', '30001', '0.1', 'far');
    place(engine, 'maker', 'sell', '30000', '0.1', 'first');
    place(engine, 'maker', 'sell', '30000', '0.1', 'second');
    const { order, trades } = place(engine, 'taker', 'buy', '30001', '0.25', 'sweep');
    expect(trades.map((trade) => [trade.maker.clientOrderId, text(trade.price), text(trade.quantity)])).toEqual([
      ['first', '30000', '0.1'],
      ['second', '30000', '0.1'],
      ['far', '30001', '0.05'],
    ]);
    expect(order.status).toBe('FILLED');
    expect(text(order.cumulativeQuoteQty)).toBe('7500.05');
    expect(engine.findOrder('maker', BTC_USDT, { clientOrderId: 'far' })?.status).toBe('PARTIALLY_FILLED');
  });

  it('leaves a partially filled taker resting and fills it later as maker', () => {
    const engine = engineWith();
    place(engine, 'maker', 'sell', '30000', '0.1', 'ask');
    const { order } = place(engine, 'taker', 'buy', '30000', '0.3', 'bid');
    expect([order.status, text(order.executedQty)]).toEqual(['PARTIALLY_FILLED', '0.1']);
    const later = place(engine, 'maker', 'sell', '29000', '0.5', 'cross');
    expect(later.trades.map((trade) => [text(trade.price), text(trade.quantity), trade.maker.clientOrderId])).toEqual([['30000', '0.2', 'bid']]);
    expect(order.status).toBe('FILLED');
    expect(later.order.status).toBe('PARTIALLY_FILLED');
  });

  it('charges commission in the asset received, rounded down to 8 decimals', () => {
    expect(text(commissionOn(dec('0.3000012'), dec('0.001')))).toBe('0.0003');
    expect(text(commissionOn(dec('0.00001'), dec('0.001')))).toBe('0.00000001');
    expect(text(commissionOn(dec('0.000009'), dec('0.001')))).toBe('0');
    const engine = engineWith('0.001', '0.002');
    place(engine, 'maker', 'sell', '30000.12', '0.00017', 'ask');
    const { trades } = place(engine, 'taker', 'buy', '30000.12', '0.00017', 'bid');
    const [trade] = trades;
    // Maker sold: receives 5.1000204 USDT, fee 0.001 of it = 0.0051000204 -> 0.00510002 (down).
    expect(text(trade?.makerCommission ?? dec('-1'))).toBe('0.00510002');
    // Taker bought: receives 0.00017 BTC, fee 0.002 of it = 0.00000034.
    expect(text(trade?.takerCommission ?? dec('-1'))).toBe('0.00000034');
    expect(balance(engine, 'taker', 'BTC').free).toBe('100.00016966');
    expect(balance(engine, 'maker', 'USDT').free).toBe('1000005.09492038');
    expect(Object.fromEntries([...engine.ledger.feesCollected()].map(([asset, fee]) => [asset, text(fee)]))).toEqual({ USDT: '0.00510002', BTC: '0.00000034' });
  });

  it('reserves quantity x limit for a buy and frees the difference on a better fill', () => {
    const engine = engineWith();
    place(engine, 'maker', 'sell', '29000', '0.1', 'cheap');
    const { order } = place(engine, 'taker', 'buy', '30000', '0.3', 'bid');
    // 0.1 filled at 29000 (2900 spent, 100 back to free), 0.2 x 30000 = 6000 still locked.
    expect(balance(engine, 'taker', 'USDT')).toEqual({ free: '991100', locked: '6000' });
    expect(text(order.reserved)).toBe('6000');
    expect(engine.cancel('taker', BTC_USDT, { orderId: order.orderId }).ok).toBe(true);
    expect(balance(engine, 'taker', 'USDT')).toEqual({ free: '997100', locked: '0' });
    expect(order.status).toBe('CANCELED');
  });

  it('reserves the base for a sell and releases the rest on cancel', () => {
    const engine = engineWith();
    const { order } = place(engine, 'maker', 'sell', '31000', '2', 'ask');
    expect(balance(engine, 'maker', 'BTC')).toEqual({ free: '98', locked: '2' });
    place(engine, 'taker', 'buy', '31000', '0.5', 'bid');
    expect(balance(engine, 'maker', 'BTC')).toEqual({ free: '98', locked: '1.5' });
    engine.cancel('maker', BTC_USDT, { clientOrderId: 'ask' });
    expect(balance(engine, 'maker', 'BTC')).toEqual({ free: '99.5', locked: '0' });
    expect(order.status).toBe('CANCELED');
  });

  it('keeps balances exact beyond 8 decimals (ETH/BTC quotes)', () => {
    const engine = engineWith('0', '0');
    place(engine, 'maker', 'sell', '0.05123', '0.0021', 'ask', ETH_BTC);
    place(engine, 'taker', 'buy', '0.05123', '0.0021', 'bid', ETH_BTC);
    expect(balance(engine, 'maker', 'BTC').free).toBe('100.000107583');
    expect(balance(engine, 'taker', 'BTC').free).toBe('99.999892417');
  });

  it('refuses by Binance\'s rules: filters, duplicate open client id, insufficient balance', () => {
    const engine = engineWith();
    const refuse = (price: string, quantity: string, clientOrderId = 'x', account = 'taker') =>
      engine.placeLimit({ account, market: BTC_USDT, side: 'buy', price: dec(price), quantity: dec(quantity), clientOrderId });
    expect(refuse('30000.001', '0.1')).toEqual({ ok: false, reason: 'PRICE_FILTER' });
    expect(refuse('30000', '0.000011')).toEqual({ ok: false, reason: 'LOT_SIZE' });
    expect(refuse('30000', '0.0001')).toEqual({ ok: false, reason: 'NOTIONAL' });
    expect(refuse('30000', '40')).toEqual({ ok: false, reason: 'INSUFFICIENT_BALANCE' });
    place(engine, 'taker', 'buy', '30000', '0.1', 'dup');
    expect(refuse('30000', '0.1', 'dup')).toEqual({ ok: false, reason: 'DUPLICATE_ORDER' });
    // Binance: a client order id is unique among open orders only; once canceled it may be reused.
    engine.cancel('taker', BTC_USDT, { clientOrderId: 'dup' });
    expect(refuse('30000', '0.1', 'dup').ok).toBe(true);
    expect(engine.log.all().filter((event) => event.type === 'order_rejected').map((event) => ('code' in event ? event.code : 0))).toEqual([-1013, -1013, -1013, -2010, -2010]);
  });

  it('cannot cancel what is not open, nor another account\'s order', () => {
    const engine = engineWith();
    const { order } = place(engine, 'maker', 'sell', '31000', '1', 'ask');
    expect(engine.cancel('taker', BTC_USDT, { orderId: order.orderId })).toEqual({ ok: false, reason: 'CANCEL_UNKNOWN_ORDER' });
    expect(engine.cancel('maker', BTC_USDT, { orderId: order.orderId, clientOrderId: 'other' })).toEqual({ ok: false, reason: 'CANCEL_UNKNOWN_ORDER' });
    expect(engine.cancel('maker', BTC_USDT, { orderId: order.orderId }).ok).toBe(true);
    expect(engine.cancel('maker', BTC_USDT, { orderId: order.orderId })).toEqual({ ok: false, reason: 'CANCEL_UNKNOWN_ORDER' });
  });

  it('expires the unfilled rest of a sweep and reserves only what the sweep uses', () => {
    const engine = engineWith();
    engine.openAccount('sweeper');
    place(engine, 'maker', 'sell', '30000', '0.1', 'a');
    place(engine, 'maker', 'sell', '30100', '0.1', 'b');
    const planned = engine.planSweep(BTC_USDT, 'buy', dec('0.5'), dec('30050'));
    expect(planned.map((fill) => text(fill.quantity))).toEqual(['0.1']);
    engine.deposit('sweeper', 'USDT', dec('3000'));
    const { order, trades } = engine.sweep({ account: 'sweeper', market: BTC_USDT, side: 'buy', quantity: dec('0.5'), limitPrice: dec('30050'), clientOrderId: 's' });
    expect([order.status, text(order.executedQty), trades.length]).toEqual(['EXPIRED', '0.1', 1]);
    expect(balance(engine, 'sweeper', 'USDT')).toEqual({ free: '0', locked: '0' });
    expect(balance(engine, 'sweeper', 'BTC').free).toBe('0.0999');
    expect(engine.log.all().at(-1)?.type).toBe('order_expired');
  });
});
