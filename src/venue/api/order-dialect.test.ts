import { describe, expect, it } from 'vitest';
import { RandomSource } from '../../clock/random';
import { VirtualClock } from '../../clock/virtual-clock';
import { createVenue } from '../index';
import { signedRequest } from '../testing/signed-request';
import { signatureOf } from './signature';

function setup() {
  const clock = new VirtualClock();
  const venue = createVenue({ clock, random: new RandomSource('order-dialect') });
  const credentials = venue.control.createAccount('alice');
  venue.control.deposit('alice', 'USDT', '100000');
  venue.control.deposit('alice', 'BTC', '1');
  const call = (method: string, path: string, params: Record<string, string>) => {
    const response = venue.handle(signedRequest(credentials, method, path, params, clock.now()));
    return { status: response.status, body: JSON.parse(response.body) as Record<string, unknown> };
  };
  /** A signed request whose payload is written by hand (duplicates, odd names). */
  const raw = (method: string, path: string, payload: string) => {
    const signed = `${payload}&timestamp=${clock.now()}`;
    const query = `${signed}&signature=${signatureOf(credentials.secret, signed)}`;
    const response = venue.handle({ method, path, query, headers: { 'x-mbx-apikey': credentials.apiKey }, body: '' });
    return { status: response.status, body: JSON.parse(response.body) as unknown };
  };
  return { clock, venue, call, raw };
}

const order = (extra: Record<string, string>) => ({ symbol: 'BTCUSDT', side: 'BUY', quantity: '0.001', ...extra });

describe('order parameters per type, in Binance\'s words', () => {
  it('takes each type\'s own parameters: -1102 when one is missing, -1106 when one is not taken', () => {
    const { call } = setup();
    const error = (params: Record<string, string>) => call('POST', '/api/v3/order', params).body;
    expect(error(order({ type: 'LIMIT', price: '30000' }))).toEqual({ code: -1102, msg: "Mandatory parameter 'timeInForce' was not sent, was empty/null, or malformed." });
    expect(error(order({ type: 'LIMIT_MAKER', price: '30000', timeInForce: 'GTC' }))).toEqual({ code: -1106, msg: "Parameter 'timeInForce' sent when not required." });
    expect(error(order({ type: 'MARKET', price: '30000' }))).toEqual({ code: -1106, msg: "Parameter 'price' sent when not required." });
    expect(error(order({ type: 'MARKET', quoteOrderQty: '10' }))).toEqual({ code: -1106, msg: "Parameter 'quoteOrderQty' sent when not required." });
    expect(error({ symbol: 'BTCUSDT', side: 'BUY', type: 'MARKET' })).toEqual({ code: -1102, msg: "Param 'quantity' or 'quoteOrderQty' must be sent, but both were empty/null!" });
    expect(error(order({ type: 'LIMIT', timeInForce: 'GTC', price: '30000', selfTradePreventionMode: 'DECREMENT' })).code).toBe(-1130);
  });

  it('answers -1101 for a parameter sent twice and -1104 for one it does not read', () => {
    const { raw, call } = setup();
    expect(raw('GET', '/api/v3/openOrders', 'symbol=BTCUSDT&symbol=ETHUSDT').body).toEqual({ code: -1101, msg: 'Duplicate values for a parameter detected.' });
    // symbol, bogus, timestamp, signature: three read, four sent.
    expect(raw('GET', '/api/v3/openOrders', 'symbol=BTCUSDT&bogus=1').body).toEqual({ code: -1104, msg: "Not all sent parameters were read; read '3' parameter(s) but was sent '4'." });
    expect(call('GET', '/api/v3/myTrades', { symbol: 'BTCUSDT', fromId: '1', startTime: '1' }).body).toEqual({ code: -1128, msg: 'Combination of optional parameters invalid.' });
    expect(call('GET', '/api/v3/myTrades', { symbol: 'BTCUSDT', startTime: '0', endTime: String(24 * 3600 * 1000 + 1) }).body.code).toBe(-1127);
  });

  it('reads a parameter sent in both query and body from the query string', () => {
    const { venue, clock } = setup();
    const credentials = venue.control.createAccount('bob');
    const query = 'symbol=BTCUSDT';
    const payload = `symbol=NOPE&timestamp=${clock.now()}`;
    const body = `${payload}&signature=${signatureOf(credentials.secret, query + payload)}`;
    const response = venue.handle({ method: 'GET', path: '/api/v3/openOrders', query, headers: { 'x-mbx-apikey': credentials.apiKey }, body });
    expect([response.status, JSON.parse(response.body)]).toEqual([200, []]);
  });

  it('answers unknown paths and methods with the gateway\'s HTML 404, and ping with {}', () => {
    const { venue } = setup();
    for (const [method, path] of [['GET', '/api/v3/nothing'], ['PUT', '/api/v3/order'], ['GET', '/']]) {
      const response = venue.handle({ method: method ?? '', path: path ?? '', query: '', headers: {}, body: '' });
      expect([response.status, response.headers['content-type'], response.body]).toEqual([404, 'text/html', '<html><body><h2>404 Not found</h2></body></html>']);
    }
    const ping = venue.handle({ method: 'GET', path: '/api/v3/ping', query: '', headers: {}, body: '' });
    expect([ping.status, ping.body]).toEqual([200, '{}']);
    expect(JSON.parse(venue.handle({ method: 'GET', path: '/api/v3/time', query: 'x=1', headers: {}, body: '' }).body)).toMatchObject({ code: -1104 });
  });

  it('lists the new filters and self-trade prevention modes in exchangeInfo', () => {
    const { venue } = setup();
    const info = JSON.parse(venue.handle({ method: 'GET', path: '/api/v3/exchangeInfo', query: '', headers: {}, body: '' }).body) as { symbols: Array<Record<string, unknown>> };
    const btc = info.symbols[0] ?? {};
    expect(btc['filters']).toEqual([
      { filterType: 'PRICE_FILTER', minPrice: '0.01000000', maxPrice: '1000000.00000000', tickSize: '0.01000000' },
      { filterType: 'LOT_SIZE', minQty: '0.00001000', maxQty: '9000.00000000', stepSize: '0.00001000' },
      { filterType: 'MARKET_LOT_SIZE', minQty: '0.00000000', maxQty: '0.00000000', stepSize: '0.00000000' },
      { filterType: 'NOTIONAL', minNotional: '5.00000000', applyMinToMarket: true, maxNotional: '9000000.00000000', applyMaxToMarket: false, avgPriceMins: 5 },
      { filterType: 'MAX_NUM_ORDERS', maxNumOrders: 200 },
    ]);
    expect([btc['defaultSelfTradePreventionMode'], btc['allowedSelfTradePreventionModes']]).toEqual(['NONE', ['NONE', 'EXPIRE_TAKER', 'EXPIRE_MAKER', 'EXPIRE_BOTH']]);
  });
});

describe('allOrders and DELETE openOrders', () => {
  it('lists every order of a symbol, pages by orderId and time, and cancels all open at once', async () => {
    const { call, clock } = setup();
    const limit = (id: string, price: string) => call('POST', '/api/v3/order', order({ type: 'LIMIT', timeInForce: 'GTC', price, newClientOrderId: id }));
    limit('a', '30000');
    await clock.advance(1000);
    limit('b', '30001');
    call('DELETE', '/api/v3/order', { symbol: 'BTCUSDT', origClientOrderId: 'a' });
    await clock.advance(1000);
    limit('c', '30002');
    const ids = (params: Record<string, string>) => (call('GET', '/api/v3/allOrders', { symbol: 'BTCUSDT', ...params }).body as unknown as Array<{ clientOrderId: string; status: string }>).map((entry) => `${entry.clientOrderId}:${entry.status}`);
    expect(ids({})).toEqual(['a:CANCELED', 'b:NEW', 'c:NEW']);
    expect(ids({ limit: '2' })).toEqual(['b:NEW', 'c:NEW']);
    expect(ids({ orderId: '2', limit: '1' })).toEqual(['b:NEW']);
    expect(ids({ startTime: String(clock.now() - 1000), endTime: String(clock.now() - 1) })).toEqual(['b:NEW']);

    const canceled = call('DELETE', '/api/v3/openOrders', { symbol: 'BTCUSDT' });
    expect(canceled.status).toBe(200);
    expect((canceled.body as unknown as Array<Record<string, unknown>>).map((entry) => [entry['origClientOrderId'], entry['status']])).toEqual([['b', 'CANCELED'], ['c', 'CANCELED']]);
    expect(call('DELETE', '/api/v3/openOrders', { symbol: 'BTCUSDT' }).body).toEqual({ code: -2011, msg: 'Unknown order sent.' });
  });
});
