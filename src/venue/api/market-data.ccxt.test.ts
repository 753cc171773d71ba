import { beforeEach, describe, expect, it } from 'vitest';
import { RandomSource } from '../../clock/random';
import { VirtualClock } from '../../clock/virtual-clock';
import { binanceClient, type BinanceClient } from '../testing/ccxt-binance';
import { createVenue } from '../index';
import type { Venue } from '../types';

/** Still the string at run time (ccxt rounds decimal strings exactly); only ccxt's typing says number. */
const ccxtDecimal = (value: string): number => value as unknown as number;
const DAY = 24 * 60 * 60 * 1000;

let clock: VirtualClock;
let venue: Venue;
let exchange: BinanceClient;
let startedAt: number;

/**
 * A BTC/USDT market where alice rests a bid and an ask among other traders' orders, an external
 * buyer sweeps alice's ask and the next level (second 1), and alice sells at market into the
 * bids (second 2). Trades, by id: 1 alice's ask 0.005 @ 30005 (alice maker), 2 and 3 the
 * external 0.2 and 0.05 @ 30010 (one taker, one price: one aggregate), 4 alice takes 0.02 @
 * 29995, 5 alice takes 0.01 @ 29990 (the external bid ahead of alice's own at that price).
 */
beforeEach(async () => {
  clock = new VirtualClock();
  venue = createVenue({ clock, random: new RandomSource('market-data-ccxt') });
  const alice = venue.control.createAccount('alice');
  venue.control.deposit('alice', 'USDT', '100000');
  venue.control.deposit('alice', 'BTC', '2');
  exchange = binanceClient(venue, alice, clock);
  await exchange.loadMarkets();
  startedAt = clock.now();

  venue.control.placeExternalOrder({ symbol: 'BTC/USDT', side: 'buy', price: '29995', quantity: '0.02' });
  venue.control.placeExternalOrder({ symbol: 'BTC/USDT', side: 'buy', price: '29990', quantity: '0.04' });
  await exchange.createOrder('BTC/USDT', 'limit', 'buy', ccxtDecimal('0.01'), ccxtDecimal('29990'), { clientOrderId: 'alice-bid' });
  venue.control.placeExternalOrder({ symbol: 'BTC/USDT', side: 'buy', price: '29980', quantity: '0.5' });
  await exchange.createOrder('BTC/USDT', 'limit', 'sell', ccxtDecimal('0.005'), ccxtDecimal('30005'), { clientOrderId: 'alice-ask' });
  venue.control.placeExternalOrder({ symbol: 'BTC/USDT', side: 'sell', price: '30010', quantity: '0.2' });
  venue.control.placeExternalOrder({ symbol: 'BTC/USDT', side: 'sell', price: '30010', quantity: '0.1' });
  venue.control.placeExternalOrder({ symbol: 'BTC/USDT', side: 'sell', price: '30020.5', quantity: '0.05' });
});

async function fillAtSecondsOneAndTwo(): Promise<void> {
  await clock.advance(1000);
  venue.control.takeExternal({ symbol: 'BTC/USDT', side: 'buy', quantity: '0.255' });
  await clock.advance(1000);
  await exchange.createOrder('BTC/USDT', 'market', 'sell', ccxtDecimal('0.03'), undefined, { clientOrderId: 'alice-market' });
}

/** The sequence number of the last event that changed the BTC/USDT book: Binance's lastUpdateId. */
function lastBookEventSeq(): number {
  const bookEvents = venue.control.events().filter((event) => event.type === 'order_accepted' || event.type === 'trade' || event.type === 'order_canceled' || event.type === 'order_expired');
  return bookEvents.at(-1)?.seq ?? 0;
}

describe('ccxt.binance reads the venue market data: the order book', () => {
  it("shows the account's resting orders among the others', aggregated per price level", async () => {
    const book = await exchange.fetchOrderBook('BTC/USDT');
    // ccxt parses order book levels with safeFloat (base/Exchange.js parseOrderBookBidAsk): JS numbers even with exchange.number = String.
    expect(book.bids).toEqual([[29995, 0.02], [29990, 0.05], [29980, 0.5]]);
    expect(book.asks).toEqual([[30005, 0.005], [30010, 0.3], [30020.5, 0.05]]);
    expect(book.nonce).toBe(lastBookEventSeq());
    expect([book.symbol, book.timestamp]).toEqual(['BTC/USDT', undefined]);
    // The raw answer carries Binance's decimal strings.
    expect(await exchange.publicGetDepth({ symbol: 'BTCUSDT', limit: 2 })).toEqual({
      lastUpdateId: lastBookEventSeq(),
      bids: [['29995.00000000', '0.02000000'], ['29990.00000000', '0.05000000']],
      asks: [['30005.00000000', '0.00500000'], ['30010.00000000', '0.30000000']],
    });
  });

  it('shows what the fills left, within the limit asked, under a new update id', async () => {
    const before = (await exchange.fetchOrderBook('BTC/USDT')).nonce;
    await fillAtSecondsOneAndTwo();
    const top = await exchange.fetchOrderBook('BTC/USDT', 1);
    // 29990: the external 0.04 less the 0.01 alice sold it, plus alice's own untouched 0.01 bid.
    expect([top.bids, top.asks]).toEqual([[[29990, 0.04]], [[30010, 0.05]]]);
    expect(top.nonce).toBe(lastBookEventSeq());
    expect(top.nonce).toBeGreaterThan(before ?? 0);
    const full = await exchange.fetchOrderBook('BTC/USDT');
    expect([full.bids, full.asks]).toEqual([
      [[29990, 0.04], [29980, 0.5]],
      [[30010, 0.05], [30020.5, 0.05]],
    ]);
    // Reading does not move the update id.
    expect(full.nonce).toBe(top.nonce);
  });

  it('reports the best bid and ask of each symbol asked (fetchBidsAsks)', async () => {
    await fillAtSecondsOneAndTwo();
    const quotes = await exchange.fetchBidsAsks(['BTC/USDT', 'ETH/USDT']);
    expect(Object.keys(quotes)).toEqual(['BTC/USDT', 'ETH/USDT']);
    expect(quotes['BTC/USDT']).toMatchObject({ symbol: 'BTC/USDT', bid: '29990.00000000', bidVolume: '0.04000000', ask: '30010.00000000', askVolume: '0.05000000' });
    expect(quotes['BTC/USDT']?.info).toEqual({ symbol: 'BTCUSDT', bidPrice: '29990.00000000', bidQty: '0.04000000', askPrice: '30010.00000000', askQty: '0.05000000' });
    expect(quotes['ETH/USDT']?.info).toEqual({ symbol: 'ETHUSDT', bidPrice: '0.00000000', bidQty: '0.00000000', askPrice: '0.00000000', askQty: '0.00000000' });
  });
});

describe('ccxt.binance reads the venue market data: trades', () => {
  it("lists the fills as aggregate trades (fetchTrades), the account's own included", async () => {
    await fillAtSecondsOneAndTwo();
    const trades = await exchange.fetchTrades('BTC/USDT');
    expect(trades.map((entry) => [entry.id, entry.timestamp, entry.side, entry.price, entry.amount, entry.cost])).toEqual([
      ['1', startedAt + 1000, 'buy', '30005.00000000', '0.00500000', '150.025'],
      // Trades 2 and 3: one taker at one price.
      ['2', startedAt + 1000, 'buy', '30010.00000000', '0.25000000', '7502.5'],
      // alice's market sell: the taker sold, so the buyer was the maker.
      ['3', startedAt + 2000, 'sell', '29995.00000000', '0.02000000', '599.9'],
      ['4', startedAt + 2000, 'sell', '29990.00000000', '0.01000000', '299.9'],
    ]);
    expect(trades.map((entry) => entry.info)).toEqual([
      { a: 1, p: '30005.00000000', q: '0.00500000', f: 1, l: 1, T: startedAt + 1000, m: false, M: true },
      { a: 2, p: '30010.00000000', q: '0.25000000', f: 2, l: 3, T: startedAt + 1000, m: false, M: true },
      { a: 3, p: '29995.00000000', q: '0.02000000', f: 4, l: 4, T: startedAt + 2000, m: true, M: true },
      { a: 4, p: '29990.00000000', q: '0.01000000', f: 5, l: 5, T: startedAt + 2000, m: true, M: true },
    ]);
  });

  it('pages aggregate trades by since (startTime and endTime) and by limit', async () => {
    await fillAtSecondsOneAndTwo();
    expect((await exchange.fetchTrades('BTC/USDT', startedAt + 2000)).map((entry) => entry.id)).toEqual(['3', '4']);
    expect((await exchange.fetchTrades('BTC/USDT', undefined, 3)).map((entry) => entry.id)).toEqual(['2', '3', '4']);
    expect((await exchange.fetchTrades('BTC/USDT', startedAt, 1)).map((entry) => entry.id)).toEqual(['1']);
    expect((await exchange.fetchTrades('BTC/USDT', undefined, undefined, { fromId: 2, limit: 2 })).map((entry) => entry.id)).toEqual(['2', '3']);
  });

  it('lists each fill as a recent trade (GET /api/v3/trades)', async () => {
    await fillAtSecondsOneAndTwo();
    const trades = await exchange.fetchTrades('BTC/USDT', undefined, 2, { fetchTradesMethod: 'publicGetTrades' });
    expect(trades.map((entry) => entry.info)).toEqual([
      { id: 4, price: '29995.00000000', qty: '0.02000000', quoteQty: '599.90000000', time: startedAt + 2000, isBuyerMaker: true, isBestMatch: true },
      { id: 5, price: '29990.00000000', qty: '0.01000000', quoteQty: '299.90000000', time: startedAt + 2000, isBuyerMaker: true, isBestMatch: true },
    ]);
    expect(trades.map((entry) => [entry.id, entry.side, entry.price, entry.amount, entry.cost])).toEqual([
      ['4', 'sell', '29995.00000000', '0.02000000', '599.90000000'],
      ['5', 'sell', '29990.00000000', '0.01000000', '299.90000000'],
    ]);
    // The same ids as the account's own trades: alice's fills are trades 1, 4 and 5.
    expect((await exchange.fetchMyTrades('BTC/USDT')).map((entry) => [entry.id, entry.takerOrMaker])).toEqual([
      ['1', 'maker'],
      ['4', 'taker'],
      ['5', 'taker'],
    ]);
  });
});

describe('ccxt.binance reads the venue market data: tickers', () => {
  it('computes the 24-hour ticker from the fills and the book (fetchTicker)', async () => {
    await fillAtSecondsOneAndTwo();
    const ticker = await exchange.fetchTicker('BTC/USDT');
    const now = clock.now();
    expect(ticker.info).toEqual({
      symbol: 'BTCUSDT',
      priceChange: '-15.00000000',
      // -15 / 30005 = -0.04999...%
      priceChangePercent: '-0.050',
      // 8552.325 / 0.285
      weightedAvgPrice: '30008.15789474',
      prevClosePrice: '0.00000000',
      lastPrice: '29990.00000000',
      lastQty: '0.01000000',
      bidPrice: '29990.00000000',
      bidQty: '0.04000000',
      askPrice: '30010.00000000',
      askQty: '0.05000000',
      openPrice: '30005.00000000',
      highPrice: '30010.00000000',
      lowPrice: '29990.00000000',
      volume: '0.28500000',
      quoteVolume: '8552.32500000',
      openTime: now - DAY,
      closeTime: now,
      firstId: 1,
      lastId: 5,
      count: 5,
    });
    expect([ticker.symbol, ticker.timestamp, ticker.open, ticker.high, ticker.low, ticker.last, ticker.close, ticker.previousClose]).toEqual([
      'BTC/USDT',
      now,
      '30005.00000000',
      '30010.00000000',
      '29990.00000000',
      '29990.00000000',
      '29990.00000000',
      '0.00000000',
    ]);
    expect([ticker.bid, ticker.bidVolume, ticker.ask, ticker.askVolume]).toEqual(['29990.00000000', '0.04000000', '30010.00000000', '0.05000000']);
    expect([ticker.change, ticker.percentage, ticker.vwap, ticker.baseVolume, ticker.quoteVolume]).toEqual(['-15.00000000', '-0.050', '30008.15789474', '0.28500000', '8552.32500000']);
  });

  it('rolls the window on the venue clock: trades older than 24 hours drop out and set prevClosePrice', async () => {
    await fillAtSecondsOneAndTwo();
    // The window is inclusive at both ends: second 1's trades are still in it exactly 24 hours later.
    await clock.advance(DAY - 1000);
    expect((await exchange.fetchTicker('BTC/USDT')).info).toMatchObject({ count: 5, firstId: 1, openPrice: '30005.00000000' });
    await clock.advance(1);
    expect((await exchange.fetchTicker('BTC/USDT')).info).toEqual({
      symbol: 'BTCUSDT',
      priceChange: '-5.00000000',
      // -5 / 29995 = -0.01666...%
      priceChangePercent: '-0.017',
      // 899.8 / 0.03
      weightedAvgPrice: '29993.33333333',
      prevClosePrice: '30010.00000000',
      lastPrice: '29990.00000000',
      lastQty: '0.01000000',
      bidPrice: '29990.00000000',
      bidQty: '0.04000000',
      askPrice: '30010.00000000',
      askQty: '0.05000000',
      openPrice: '29995.00000000',
      highPrice: '29995.00000000',
      lowPrice: '29990.00000000',
      volume: '0.03000000',
      quoteVolume: '899.80000000',
      openTime: startedAt + 1001,
      closeTime: startedAt + DAY + 1001,
      firstId: 4,
      lastId: 5,
      count: 2,
    });
    // A day after the last trade nothing is left in the window; the last price stays.
    await clock.advance(1000);
    expect((await exchange.fetchTicker('BTC/USDT')).info).toMatchObject({
      priceChange: '0.00000000',
      priceChangePercent: '0.000',
      weightedAvgPrice: '0.00000000',
      prevClosePrice: '29990.00000000',
      lastPrice: '29990.00000000',
      openPrice: '29990.00000000',
      highPrice: '29990.00000000',
      lowPrice: '29990.00000000',
      volume: '0.00000000',
      quoteVolume: '0.00000000',
      firstId: -1,
      lastId: -1,
      count: 0,
    });
  });

  it('lists the tickers of the symbols asked, a symbol without trades at zero (fetchTickers)', async () => {
    await fillAtSecondsOneAndTwo();
    const tickers = await exchange.fetchTickers(['BTC/USDT', 'ETH/USDT']);
    expect(Object.keys(tickers)).toEqual(['BTC/USDT', 'ETH/USDT']);
    expect(tickers['BTC/USDT']?.info).toEqual((await exchange.fetchTicker('BTC/USDT')).info);
    const now = clock.now();
    expect(tickers['ETH/USDT']?.info).toEqual({
      symbol: 'ETHUSDT',
      priceChange: '0.00000000',
      priceChangePercent: '0.000',
      weightedAvgPrice: '0.00000000',
      prevClosePrice: '0.00000000',
      lastPrice: '0.00000000',
      lastQty: '0.00000000',
      bidPrice: '0.00000000',
      bidQty: '0.00000000',
      askPrice: '0.00000000',
      askQty: '0.00000000',
      openPrice: '0.00000000',
      highPrice: '0.00000000',
      lowPrice: '0.00000000',
      volume: '0.00000000',
      quoteVolume: '0.00000000',
      openTime: now - DAY,
      closeTime: now,
      firstId: -1,
      lastId: -1,
      count: 0,
    });
    expect(Object.keys(await exchange.fetchTickers())).toEqual(['BTC/USDT', 'ETH/USDT', 'ETH/BTC']);
  });

  it('reports the last price (fetchLastPrices) and the 5-minute average price', async () => {
    await fillAtSecondsOneAndTwo();
    const prices = await exchange.fetchLastPrices(['BTC/USDT']);
    expect(prices['BTC/USDT']).toMatchObject({ symbol: 'BTC/USDT', price: '29990.00000000' });
    expect(await exchange.publicGetTickerPrice({ symbol: 'BTCUSDT' })).toEqual({ symbol: 'BTCUSDT', price: '29990.00000000' });
    expect(await exchange.publicGetAvgPrice({ symbol: 'BTCUSDT' })).toEqual({ mins: 5, price: '30008.15789474', closeTime: startedAt + 2000 });
    // 5 minutes and 1 ms after second 1, its trades are out of the window and second 2's still in.
    await clock.advance(5 * 60 * 1000 - 999);
    expect(await exchange.publicGetAvgPrice({ symbol: 'BTCUSDT' })).toEqual({ mins: 5, price: '29993.33333333', closeTime: startedAt + 2000 });
    // With no trade in the window, the last price.
    await clock.advance(1000);
    expect(await exchange.publicGetAvgPrice({ symbol: 'BTCUSDT' })).toEqual({ mins: 5, price: '29990.00000000', closeTime: startedAt + 2000 });
  });
});
