import { describe, expect, it } from 'vitest';
import { dec, type Decimal } from '../../domain/decimal';
import { DEFAULT_MARKETS, MarketSchema, type Market } from '../../domain/market';
import { MatchingEngine, type NewOrderInput } from './engine';
import type { SelfTradePreventionMode } from './self-trade-prevention';

const BTC_USDT = DEFAULT_MARKETS[0] as Market;
/** A market with every new filter switched on. */
const STRICT: Market = MarketSchema.parse({
  ...BTC_USDT,
  marketLotSize: { minQty: '0.001', maxQty: '1', stepSize: '0.001' },
  notional: { minNotional: '5', maxNotional: '5000', applyMinToMarket: true, applyMaxToMarket: true, avgPriceMins: 5 },
  maxNumOrders: 2,
});

function engineWith(markets: readonly Market[] = [BTC_USDT]): MatchingEngine {
  let now = 1_000;
  const engine = new MatchingEngine({ markets, makerRate: dec('0.001'), takerRate: dec('0.001'), now: () => now++ });
  for (const account of ['maker', 'taker']) {
    engine.openAccount(account);
    engine.deposit(account, 'USDT', dec('100000'));
    engine.deposit(account, 'BTC', dec('10'));
  }
  return engine;
}

const text = (value: Decimal): string => value.toFixed();
type Shorthand = Partial<Omit<NewOrderInput, 'price' | 'quantity' | 'quoteOrderQty'>> & { price?: string; quantity?: string; quoteOrderQty?: string };

function place(engine: MatchingEngine, input: Shorthand) {
  const { price, quantity, quoteOrderQty, ...rest } = input;
  return engine.placeOrder({
    account: 'taker',
    market: BTC_USDT,
    side: 'buy',
    type: 'LIMIT',
    clientOrderId: `o${engine.ordersOf(input.account ?? 'taker').length}`,
    ...rest,
    price: price === undefined ? undefined : dec(price),
    quantity: quantity === undefined ? undefined : dec(quantity),
    quoteOrderQty: quoteOrderQty === undefined ? undefined : dec(quoteOrderQty),
  });
}

function placed(engine: MatchingEngine, input: Shorthand) {
  const result = place(engine, input);
  if (!result.ok) throw new Error(`refused: ${result.reason}`);
  return result.value;
}

/** Two asks: 0.1 at 30000 and 0.1 at 30100. */
function withAsks(markets?: readonly Market[]): MatchingEngine {
  const engine = engineWith(markets);
  const market = markets?.[0] ?? BTC_USDT;
  placed(engine, { account: 'maker', market, side: 'sell', price: '30000', quantity: '0.1' });
  placed(engine, { account: 'maker', market, side: 'sell', price: '30100', quantity: '0.1' });
  return engine;
}

function conserved(engine: MatchingEngine): void {
  const fees = engine.ledger.feesCollected();
  for (const [asset, deposited] of engine.ledger.deposits()) {
    expect(text(engine.ledger.holdings().get(asset)?.plus(fees.get(asset) ?? 0) ?? dec('0'))).toBe(text(deposited));
  }
}

describe('time in force', () => {
  it('IOC fills what crosses and expires the rest, releasing its reserve', () => {
    const engine = withAsks();
    const { order, trades } = placed(engine, { timeInForce: 'IOC', price: '30050', quantity: '0.3' });
    expect([order.status, text(order.executedQty), trades.length]).toEqual(['EXPIRED', '0.1', 1]);
    expect(text(engine.ledger.balancesOf('taker').get('USDT')?.locked ?? dec('1'))).toBe('0');
    expect(engine.log.all().at(-1)).toMatchObject({ type: 'order_expired', reason: 'time_in_force' });
    conserved(engine);
  });

  it('FOK fills completely at once, or expires with nothing filled and no maker touched', () => {
    const engine = withAsks();
    const killed = placed(engine, { timeInForce: 'FOK', price: '30100', quantity: '0.25' });
    expect([killed.order.status, text(killed.order.executedQty), killed.trades.length]).toEqual(['EXPIRED', '0', 0]);
    expect(engine.bookOf(BTC_USDT).side('sell').map((order) => text(order.executedQty))).toEqual(['0', '0']);
    const filled = placed(engine, { timeInForce: 'FOK', price: '30100', quantity: '0.2' });
    expect([filled.order.status, text(filled.order.cumulativeQuoteQty)]).toEqual(['FILLED', '6010']);
    conserved(engine);
  });

  it('LIMIT_MAKER rests when it would not take, and is refused (-2010) when it would', () => {
    const engine = withAsks();
    expect(place(engine, { type: 'LIMIT_MAKER', price: '30000', quantity: '0.1' })).toEqual({ ok: false, reason: 'WOULD_TAKE' });
    const { order } = placed(engine, { type: 'LIMIT_MAKER', price: '29999.99', quantity: '0.1' });
    expect([order.status, order.type, order.timeInForce]).toEqual(['NEW', 'LIMIT_MAKER', 'GTC']);
  });
});

describe('MARKET orders', () => {
  it('by quantity: sweeps the book, reserves exactly the planned cost, expires the rest', () => {
    const engine = withAsks();
    const { order, trades } = placed(engine, { type: 'MARKET', quantity: '0.15' });
    expect([order.status, text(order.executedQty), text(order.cumulativeQuoteQty), text(order.price), trades.length]).toEqual(['FILLED', '0.15', '4505', '0', 2]);
    const rest = placed(engine, { type: 'MARKET', quantity: '0.1' });
    expect([rest.order.status, text(rest.order.executedQty)]).toEqual(['EXPIRED', '0.05']);
    expect(text(engine.ledger.balancesOf('taker').get('USDT')?.locked ?? dec('1'))).toBe('0');
    conserved(engine);
  });

  it('buy by quoteOrderQty: spends at most the quote, quantity rounded down to the step', () => {
    const engine = withAsks();
    // 3010 USDT: 0.1 at 30000 = 3000, then 10 USDT buys 0.00033 at 30100 (9.933), 0.077 left.
    const { order } = placed(engine, { type: 'MARKET', quoteOrderQty: '3010' });
    expect([order.status, text(order.quantity), text(order.executedQty), text(order.cumulativeQuoteQty), text(order.quoteOrderQty)]).toEqual(['FILLED', '0.10033', '0.10033', '3009.933', '3010']);
    expect(text(engine.ledger.balancesOf('taker').get('USDT')?.free ?? dec('0'))).toBe('96990.067');
    conserved(engine);
  });

  it('sell by quoteOrderQty: receives at most the quote; EXPIRED when the book runs out first', () => {
    const engine = engineWith();
    placed(engine, { account: 'maker', side: 'buy', price: '30000', quantity: '0.1' });
    const { order } = placed(engine, { type: 'MARKET', side: 'sell', quoteOrderQty: '4000' });
    expect([order.status, text(order.executedQty), text(order.cumulativeQuoteQty)]).toEqual(['EXPIRED', '0.1', '3000']);
    expect(text(engine.ledger.balancesOf('taker').get('BTC')?.locked ?? dec('1'))).toBe('0');
    conserved(engine);
  });

  it('on an empty book: accepted and EXPIRED with nothing filled', () => {
    const engine = engineWith();
    expect(placed(engine, { type: 'MARKET', side: 'sell', quantity: '1' }).order.status).toBe('EXPIRED');
    expect(placed(engine, { type: 'MARKET', quoteOrderQty: '100' }).order.status).toBe('EXPIRED');
  });

  it('a sell locks its whole quantity: more than free is -2010', () => {
    const engine = withAsks();
    expect(place(engine, { type: 'MARKET', side: 'sell', quantity: '11' })).toEqual({ ok: false, reason: 'INSUFFICIENT_BALANCE' });
  });
});

describe('filters', () => {
  it('MARKET_LOT_SIZE on market quantities, NOTIONAL at the reference price, MAX_NUM_ORDERS', () => {
    const engine = withAsks([STRICT]);
    expect(place(engine, { market: STRICT, type: 'MARKET', quantity: '0.00011' })).toEqual({ ok: false, reason: 'MARKET_LOT_SIZE' });
    expect(place(engine, { market: STRICT, type: 'MARKET', quantity: '1.5' })).toEqual({ ok: false, reason: 'MARKET_LOT_SIZE' });
    // No trade yet: the best ask (30000) prices it; 0.2 x 30000 is above maxNotional 5000.
    expect(place(engine, { market: STRICT, type: 'MARKET', quantity: '0.2' })).toEqual({ ok: false, reason: 'NOTIONAL' });
    expect(place(engine, { market: STRICT, type: 'MARKET', quoteOrderQty: '4' })).toEqual({ ok: false, reason: 'NOTIONAL' });
    expect(placed(engine, { market: STRICT, type: 'MARKET', quantity: '0.01' }).order.status).toBe('FILLED');
    // The maker has two open orders on STRICT: a third is MAX_NUM_ORDERS.
    expect(place(engine, { account: 'maker', market: STRICT, side: 'sell', price: '31000', quantity: '0.01' })).toEqual({ ok: false, reason: 'MAX_NUM_ORDERS' });
    expect(engine.log.all().filter((event) => event.type === 'order_rejected').map((event) => ('reason' in event ? event.reason : ''))).toEqual([
      'Filter failure: MARKET_LOT_SIZE',
      'Filter failure: MARKET_LOT_SIZE',
      'Filter failure: NOTIONAL',
      'Filter failure: NOTIONAL',
      'Filter failure: MAX_NUM_ORDERS',
    ]);
  });
});

describe('self-trade prevention (per order; the venue default is NONE)', () => {
  /** The taker account has an ask of its own at 30000 ahead of the maker's at 30100. */
  function withOwnAsk(): MatchingEngine {
    const engine = engineWith();
    placed(engine, { account: 'taker', side: 'sell', price: '30000', quantity: '0.1', clientOrderId: 'own' });
    placed(engine, { account: 'maker', side: 'sell', price: '30100', quantity: '0.1', clientOrderId: 'other' });
    return engine;
  }
  const cross = (engine: MatchingEngine, mode?: SelfTradePreventionMode) => placed(engine, { price: '30100', quantity: '0.15', clientOrderId: 'crossing', selfTradePreventionMode: mode });
  const status = (engine: MatchingEngine, account: string, clientOrderId: string) => engine.findOrder(account, BTC_USDT, { clientOrderId })?.status;

  it('EXPIRE_MAKER: the own resting order expires in match, the taker trades on', () => {
    const engine = withOwnAsk();
    const { order, trades } = cross(engine, 'EXPIRE_MAKER');
    expect(trades.map((trade) => trade.maker.clientOrderId)).toEqual(['other']);
    expect([status(engine, 'taker', 'own'), order.status, text(order.executedQty)]).toEqual(['EXPIRED_IN_MATCH', 'PARTIALLY_FILLED', '0.1']);
    expect(engine.log.all().find((event) => event.type === 'order_expired')).toMatchObject({ reason: 'self_trade_prevention', order: { clientOrderId: 'own', status: 'EXPIRED' } });
    conserved(engine);
  });

  it('EXPIRE_TAKER: the taker\'s rest expires in match, the own order stays', () => {
    const engine = withOwnAsk();
    const { order, trades } = cross(engine, 'EXPIRE_TAKER');
    expect([trades.length, order.status, status(engine, 'taker', 'own')]).toEqual([0, 'EXPIRED_IN_MATCH', 'NEW']);
    conserved(engine);
  });

  it('EXPIRE_BOTH: both expire; NONE (the default): the account trades with itself', () => {
    const both = withOwnAsk();
    expect([cross(both, 'EXPIRE_BOTH').order.status, status(both, 'taker', 'own')]).toEqual(['EXPIRED_IN_MATCH', 'EXPIRED_IN_MATCH']);
    const none = withOwnAsk();
    expect(cross(none).trades.map((trade) => trade.maker.clientOrderId)).toEqual(['own', 'other']);
    conserved(both);
    conserved(none);
  });
});
