import { describe, expect, it } from 'vitest';
import { RandomSource } from '../../clock/random';
import { VirtualClock } from '../../clock/virtual-clock';
import { dec } from '../../domain/decimal';
import { createVenue } from '../index';
import { changePercent } from './market-data-statistics';

function setup() {
  const clock = new VirtualClock();
  const venue = createVenue({ clock, random: new RandomSource('market-data') });
  const get = (path: string, query = '') => {
    const response = venue.handle({ method: 'GET', path, query, headers: {}, body: '' });
    return { status: response.status, usedWeight: response.headers['x-mbx-used-weight-1m'], body: JSON.parse(response.body) as unknown };
  };
  return { clock, venue, get };
}

const symbols = (...ids: string[]): string => `symbols=${encodeURIComponent(JSON.stringify(ids))}`;
const manySymbols = (count: number): string[] => Array.from({ length: count }, (_, index) => `S${index}USDT`);

describe('REQUEST_WEIGHT of the market data endpoints (Binance spot "Market Data endpoints")', () => {
  it.each([
    ['/api/v3/depth', 'symbol=BTCUSDT', 5],
    ['/api/v3/depth', 'symbol=BTCUSDT&limit=1', 5],
    ['/api/v3/depth', 'symbol=BTCUSDT&limit=100', 5],
    ['/api/v3/depth', 'symbol=BTCUSDT&limit=101', 25],
    ['/api/v3/depth', 'symbol=BTCUSDT&limit=500', 25],
    ['/api/v3/depth', 'symbol=BTCUSDT&limit=501', 50],
    ['/api/v3/depth', 'symbol=BTCUSDT&limit=1000', 50],
    ['/api/v3/depth', 'symbol=BTCUSDT&limit=1001', 250],
    ['/api/v3/depth', 'symbol=BTCUSDT&limit=5000', 250],
    ['/api/v3/depth', 'symbol=BTCUSDT&limit=9999', 250],
    ['/api/v3/trades', 'symbol=BTCUSDT', 25],
    ['/api/v3/trades', 'symbol=BTCUSDT&limit=1000', 25],
    ['/api/v3/aggTrades', 'symbol=BTCUSDT', 4],
    ['/api/v3/aggTrades', 'symbol=BTCUSDT&fromId=1&limit=1000', 4],
    ['/api/v3/avgPrice', 'symbol=BTCUSDT', 2],
    ['/api/v3/ticker/24hr', 'symbol=BTCUSDT', 2],
    ['/api/v3/ticker/24hr', '', 80],
    ['/api/v3/ticker/24hr', 'type=MINI', 80],
    ['/api/v3/ticker/24hr', symbols('BTCUSDT'), 2],
    ['/api/v3/ticker/24hr', symbols(...manySymbols(20)), 2],
    ['/api/v3/ticker/24hr', symbols(...manySymbols(21)), 40],
    ['/api/v3/ticker/24hr', symbols(...manySymbols(100)), 40],
    ['/api/v3/ticker/24hr', symbols(...manySymbols(101)), 80],
    ['/api/v3/ticker/price', 'symbol=BTCUSDT', 2],
    ['/api/v3/ticker/price', '', 4],
    ['/api/v3/ticker/price', symbols('BTCUSDT'), 4],
    ['/api/v3/ticker/bookTicker', 'symbol=BTCUSDT', 2],
    ['/api/v3/ticker/bookTicker', '', 4],
    ['/api/v3/ticker/bookTicker', symbols('BTCUSDT', 'ETHUSDT'), 4],
  ])('GET %s?%s weighs %i, reported in X-MBX-USED-WEIGHT-1M and logged', (path, query, weight) => {
    const { get, venue } = setup();
    expect(get(path, query).usedWeight).toBe(String(weight));
    expect(venue.control.events().at(-1)).toMatchObject({ type: 'request', path, weight });
    // A second request in the same minute adds its weight again.
    expect(get(path, query).usedWeight).toBe(String(2 * weight));
  });

  it('charges a refused request its weight too', () => {
    const { get } = setup();
    const refused = get('/api/v3/depth', 'symbol=NOPE&limit=600');
    expect([refused.status, refused.usedWeight]).toEqual([400, '50']);
  });
});

describe('market data parameters answer with Binance\'s error codes', () => {
  it.each([
    ['/api/v3/depth', '', -1102, "Mandatory parameter 'symbol' was not sent, was empty/null, or malformed."],
    ['/api/v3/depth', 'symbol=NOPE', -1121, 'Invalid symbol.'],
    ['/api/v3/depth', 'symbol=BTCUSDT&limit=0', -1130, "Data sent for parameter 'limit' is not valid."],
    ['/api/v3/depth', 'symbol=BTCUSDT&limit=-5', -1100, undefined],
    ['/api/v3/depth', 'symbol=BTCUSDT&symbolStatus=OPEN', -1122, 'Invalid symbolStatus.'],
    ['/api/v3/depth', 'symbol=BTCUSDT&symbolStatus=HALT', -1220, "The symbol's status does not match the requested symbolStatus."],
    ['/api/v3/depth', 'symbol=BTCUSDT&side=BUY', -1104, "Not all sent parameters were read; read '1' parameter(s) but was sent '2'."],
    ['/api/v3/trades', 'symbol=BTCUSDT&limit=1001', -1130, "Data sent for parameter 'limit' is not valid."],
    ['/api/v3/trades', 'symbol=BTCUSDT&fromId=1', -1104, "Not all sent parameters were read; read '1' parameter(s) but was sent '2'."],
    ['/api/v3/aggTrades', 'symbol=BTCUSDT&fromId=1&startTime=0', -1128, 'Combination of optional parameters invalid.'],
    ['/api/v3/aggTrades', 'symbol=BTCUSDT&startTime=yesterday', -1100, undefined],
    ['/api/v3/aggTrades', 'symbol=BTCUSDT&limit=0', -1130, "Data sent for parameter 'limit' is not valid."],
    ['/api/v3/avgPrice', '', -1102, "Mandatory parameter 'symbol' was not sent, was empty/null, or malformed."],
    ['/api/v3/ticker/24hr', `symbol=BTCUSDT&${symbols('ETHUSDT')}`, -1128, "Combination of optional parameters invalid. Recommendation: 'symbol' and 'symbols' cannot both be sent."],
    ['/api/v3/ticker/24hr', 'symbols=BTCUSDT,ETHUSDT', -1100, undefined],
    ['/api/v3/ticker/24hr', `symbols=${encodeURIComponent('["BTCUSDT", "ETHUSDT"]')}`, -1100, undefined],
    ['/api/v3/ticker/24hr', symbols('BTCUSDT', 'BTCUSDT'), -1151, 'Symbol is present multiple times in the list.'],
    ['/api/v3/ticker/24hr', symbols('BTCUSDT', 'DOGEUSDT'), -1121, 'Invalid symbol.'],
    ['/api/v3/ticker/24hr', 'symbols=%5B%5D', -1102, "Mandatory parameter 'symbols' was not sent, was empty/null, or malformed."],
    ['/api/v3/ticker/24hr', 'type=FAST', -1139, 'Invalid ticker type.'],
    ['/api/v3/ticker/price', 'symbol=btcusdt', -1100, undefined],
    ['/api/v3/ticker/bookTicker', 'symbol=BTCUSDT&symbolStatus=TRADE', -1122, 'Invalid symbolStatus.'],
  ])('GET %s?%s is %i', (path, query, code, msg) => {
    const { get } = setup();
    const answer = get(path, query);
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject(msg === undefined ? { code } : { code, msg });
  });

  it('quotes the parameter in a -1100 answer', () => {
    const { get } = setup();
    expect(get('/api/v3/ticker/price', 'symbols=BTCUSDT').body).toMatchObject({ code: -1100, msg: expect.stringContaining("parameter 'symbols'; legal range is") });
  });
});

describe('market data answers', () => {
  it('caps the depth at 5000 levels and aggregates the orders of one price', () => {
    const { venue, get } = setup();
    venue.control.placeExternalOrder({ symbol: 'ETH/USDT', side: 'buy', price: '2000', quantity: '0.1' });
    venue.control.placeExternalOrder({ symbol: 'ETH/USDT', side: 'buy', price: '2000', quantity: '0.2' });
    venue.control.placeExternalOrder({ symbol: 'ETH/USDT', side: 'buy', price: '1999.99', quantity: '0.3' });
    const lastUpdateId = venue.control.events().filter((event) => event.type === 'order_accepted').at(-1)?.seq;
    expect(get('/api/v3/depth', 'symbol=ETHUSDT&limit=9999').body).toEqual({ lastUpdateId, bids: [['2000.00000000', '0.30000000'], ['1999.99000000', '0.30000000']], asks: [] });
    expect(get('/api/v3/depth', 'symbol=ETHBTC').body).toEqual({ lastUpdateId: 0, bids: [], asks: [] });
  });

  it('answers every symbol, an array for symbols, and nothing for a status no symbol has', () => {
    const { get } = setup();
    expect(get('/api/v3/ticker/price', symbols('ETHBTC')).body).toEqual([{ symbol: 'ETHBTC', price: '0.00000000' }]);
    expect((get('/api/v3/ticker/bookTicker').body as Array<{ symbol: string }>).map((entry) => entry.symbol)).toEqual(['BTCUSDT', 'ETHUSDT', 'ETHBTC']);
    expect(get('/api/v3/ticker/bookTicker', 'symbolStatus=BREAK').body).toEqual([]);
    expect(get('/api/v3/ticker/price', `${symbols('ETHBTC', 'BTCUSDT')}&symbolStatus=TRADING`).body).toEqual([
      { symbol: 'ETHBTC', price: '0.00000000' },
      { symbol: 'BTCUSDT', price: '0.00000000' },
    ]);
  });

  it('answers the MINI 24-hour ticker without the book and the previous close', () => {
    const { venue, get, clock } = setup();
    venue.control.placeExternalOrder({ symbol: 'ETH/BTC', side: 'sell', price: '0.05123', quantity: '1.5' });
    venue.control.takeExternal({ symbol: 'ETH/BTC', side: 'buy', quantity: '0.3333' });
    expect(get('/api/v3/ticker/24hr', 'symbol=ETHBTC&type=MINI').body).toEqual({
      symbol: 'ETHBTC',
      openPrice: '0.05123000',
      highPrice: '0.05123000',
      lowPrice: '0.05123000',
      lastPrice: '0.05123000',
      volume: '0.33330000',
      // 0.3333 x 0.05123 exactly: more than 8 decimals only when the value needs them.
      quoteVolume: '0.017074959',
      openTime: clock.now() - 24 * 60 * 60 * 1000,
      closeTime: clock.now(),
      firstId: 1,
      lastId: 1,
      count: 1,
    });
  });

  it('pages aggregate trades: fromId and startTime from the oldest, endTime alone and nothing from the newest', async () => {
    const { venue, get, clock } = setup();
    for (let second = 0; second < 4; second += 1) {
      venue.control.placeExternalOrder({ symbol: 'BTC/USDT', side: 'sell', price: '30000', quantity: '0.001' });
      venue.control.takeExternal({ symbol: 'BTC/USDT', side: 'buy', quantity: '0.001' });
      await clock.advance(1000);
    }
    const ids = (query: string) => (get('/api/v3/aggTrades', `symbol=BTCUSDT&${query}`).body as Array<{ a: number }>).map((entry) => entry.a);
    const t0 = clock.now() - 4000;
    expect(ids('limit=2')).toEqual([3, 4]);
    expect(ids('fromId=2&limit=2')).toEqual([2, 3]);
    expect(ids(`startTime=${t0 + 1000}&limit=2`)).toEqual([2, 3]);
    expect(ids(`startTime=${t0 + 1000}&endTime=${t0 + 1000}`)).toEqual([2]);
    expect(ids(`endTime=${t0 + 2000}&limit=2`)).toEqual([2, 3]);
  });
});

describe('priceChangePercent', () => {
  it.each([
    ['30005', '29990', '-0.050'],
    ['29995', '29990', '-0.017'],
    ['100', '150', '50.000'],
    // -0.0000333...% rounds to zero, which Binance writes unsigned.
    ['30000', '29999.99', '0.000'],
    ['0', '5', '0.000'],
  ])('from %s to %s is %s', (open, last, percent) => {
    expect(changePercent(dec(open), dec(last))).toBe(percent);
  });
});
