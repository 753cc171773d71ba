import { describe, expect, it } from 'vitest';
import { RandomSource } from '../../clock/random';
import { VirtualClock } from '../../clock/virtual-clock';
import { createVenue } from '../index';
import { signedRequest } from '../testing/signed-request';

function setup() {
  const clock = new VirtualClock();
  const venue = createVenue({ clock, random: new RandomSource('routes') });
  const credentials = venue.control.createAccount('alice');
  venue.control.deposit('alice', 'USDT', '10000');
  const call = (method: string, path: string, params: Record<string, string>) => {
    const response = venue.handle(signedRequest(credentials, method, path, params, clock.now()));
    return { status: response.status, body: JSON.parse(response.body) as unknown };
  };
  return { clock, venue, call };
}

const order = (extra: Record<string, string> = {}) => ({ symbol: 'BTCUSDT', side: 'BUY', type: 'LIMIT', timeInForce: 'GTC', quantity: '0.001', price: '30000', ...extra });

describe('Binance dialect details', () => {
  it('answers per newOrderRespType: ACK, RESULT, FULL (the default)', () => {
    const { call, clock } = setup();
    expect(call('POST', '/api/v3/order', order({ newClientOrderId: 'a', newOrderRespType: 'ACK' })).body).toEqual({
      symbol: 'BTCUSDT', orderId: 1, orderListId: -1, clientOrderId: 'a', transactTime: clock.now(),
    });
    const result = call('POST', '/api/v3/order', order({ newClientOrderId: 'r', newOrderRespType: 'RESULT' })).body;
    expect(result).toMatchObject({ orderId: 2, status: 'NEW', price: '30000.00000000', origQty: '0.00100000', executedQty: '0.00000000' });
    expect(result).not.toHaveProperty('fills');
    expect(call('POST', '/api/v3/order', order()).body).toMatchObject({ orderId: 3, fills: [] });
  });

  it('validates parameters with Binance\'s codes', () => {
    const { call } = setup();
    const codeOf = (params: Record<string, string>) => (call('POST', '/api/v3/order', params).body as { code: number; msg: string });
    const { price: _price, ...withoutPrice } = order();
    expect(codeOf(withoutPrice)).toEqual({ code: -1102, msg: "Mandatory parameter 'price' was not sent, was empty/null, or malformed." });
    expect(codeOf(order({ quantity: '1e-3' })).code).toBe(-1100);
    expect(codeOf(order({ price: '30000.000000001' })).code).toBe(-1111);
    expect(codeOf(order({ symbol: 'DOGEUSDT' }))).toEqual({ code: -1121, msg: 'Invalid symbol.' });
    expect(codeOf(order({ side: 'HOLD' })).code).toBe(-1117);
    expect(codeOf(order({ type: 'STOP_LOSS' })).code).toBe(-1116);
    expect(codeOf(order({ timeInForce: 'DAY' })).code).toBe(-1115);
    expect((call('DELETE', '/api/v3/order', { symbol: 'BTCUSDT' }).body as { code: number }).code).toBe(-1102);
  });

  it('rejects a recvWindow above 60000 and a missing API key', () => {
    const { call, venue } = setup();
    expect(call('GET', '/api/v3/account', { recvWindow: '60001' }).body).toEqual({ code: -1131, msg: 'recvWindow must be less than 60000' });
    const anonymous = venue.handle({ method: 'GET', path: '/api/v3/account', query: 'timestamp=1', headers: {}, body: '' });
    expect([anonymous.status, JSON.parse(anonymous.body)]).toEqual([401, { code: -2014, msg: 'API-key format invalid.' }]);
  });

  it('lists every asset in the account unless omitZeroBalances=true', () => {
    const { call } = setup();
    const all = call('GET', '/api/v3/account', {}).body as { balances: Array<{ asset: string }>; accountType: string; makerCommission: number };
    expect(all.balances.map((balance) => balance.asset)).toEqual(['BTC', 'USDT', 'ETH']);
    expect([all.accountType, all.makerCommission]).toEqual(['SPOT', 10]);
    const held = call('GET', '/api/v3/account', { omitZeroBalances: 'true' }).body as { balances: unknown[] };
    expect(held.balances).toEqual([{ asset: 'USDT', free: '10000.00000000', locked: '0.00000000' }]);
  });

  it('pages myTrades by fromId, orderId, time and limit', async () => {
    const { call, venue, clock } = setup();
    call('POST', '/api/v3/order', order({ quantity: '0.01', newClientOrderId: 'big' }));
    for (let i = 0; i < 4; i += 1) {
      await clock.advance(1000);
      venue.control.takeExternal({ symbol: 'BTC/USDT', side: 'sell', quantity: '0.001' });
    }
    call('POST', '/api/v3/order', order({ side: 'SELL', price: '29000', quantity: '0.0002', newClientOrderId: 'self', selfTradePreventionMode: 'NONE' }));
    const ids = (params: Record<string, string>) => (call('GET', '/api/v3/myTrades', { symbol: 'BTCUSDT', ...params }).body as Array<{ id: number; orderId: number }>).map((trade) => trade.id);
    expect(ids({})).toEqual([1, 2, 3, 4, 5, 5]);
    expect(ids({ limit: '2' })).toEqual([5, 5]);
    expect(ids({ fromId: '2', limit: '2' })).toEqual([2, 3]);
    expect(ids({ orderId: '6' })).toEqual([5]);
    expect(ids({ startTime: String(clock.now() - 2000), endTime: String(clock.now() - 1000) })).toEqual([2, 3]);
    expect((call('GET', '/api/v3/myTrades', { symbol: 'BTCUSDT', limit: '1001' }).body as { code: number }).code).toBe(-1130);
    expect((call('GET', '/api/v3/openOrders', {}).body as unknown[]).length).toBe(1);
  });
});
