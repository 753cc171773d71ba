import { beforeEach, describe, expect, it } from 'vitest';
import { RandomSource } from '../../clock/random';
import { VIRTUAL_EPOCH_MS, VirtualClock } from '../../clock/virtual-clock';
import type { Credentials } from '../../exchange/contract';
import { createVenue } from '../index';
import { signedRequest } from '../testing/signed-request';
import type { Venue, VenueEvent } from '../types';
import { RecordingSocket, signedSubscribeParams } from './test-kit';

let clock: VirtualClock;
let venue: Venue;
let alice: Credentials;
let bob: Credentials;
let socket: RecordingSocket;

const T0 = VIRTUAL_EPOCH_MS;

function rest(credentials: Credentials, method: string, path: string, params: Record<string, string>): unknown {
  const response = venue.handle(signedRequest(credentials, method, path, params, clock.now()));
  expect(response.status).toBe(200);
  return JSON.parse(response.body);
}

function placeLimit(credentials: Credentials, side: 'BUY' | 'SELL', quantity: string, price: string, clientOrderId: string, timeInForce = 'GTC'): void {
  rest(credentials, 'POST', '/api/v3/order', { symbol: 'BTCUSDT', side, type: 'LIMIT', timeInForce, quantity, price, newClientOrderId: clientOrderId });
}

/** The sequence number of the n-th (0-based) event of a type: executionReport's `I` derives from it. */
function seqOf(type: VenueEvent['type'], index = 0): number {
  const event = venue.control.events().filter((candidate) => candidate.type === type)[index];
  if (event === undefined) throw new Error(`no ${type} #${index}`);
  return event.seq;
}

/** The events pushed since the last clear, without the `subscriptionId` wrapper. */
function pushed(): unknown[] {
  return socket.frames().map((frame) => (frame as { event: unknown }).event);
}

/** Every field a NEW report of alice's first buy has; others are written as changes to it. */
function newBuyReport(at: number, executionId: number): Record<string, unknown> {
  return {
    e: 'executionReport', E: at, s: 'BTCUSDT', c: 'a-1', S: 'BUY', o: 'LIMIT', f: 'GTC', q: '0.00200000', p: '30000.00000000', P: '0.00000000', F: '0.00000000',
    g: -1, C: '', x: 'NEW', X: 'NEW', r: 'NONE', i: 1, l: '0.00000000', z: '0.00000000', L: '0.00000000', n: '0', N: null, T: at, t: -1, I: executionId,
    w: true, m: false, M: false, O: T0 + 2000, Z: '0.00000000', Y: '0.00000000', Q: '0.00000000', W: T0 + 2000, V: 'NONE',
  };
}

/** An order no longer on the book: `w` false and no working time `W`. */
function offTheBook(report: Record<string, unknown>): Record<string, unknown> {
  const { W: _workingTime, ...rest } = report;
  return { ...rest, w: false };
}

beforeEach(() => {
  clock = new VirtualClock();
  venue = createVenue({ clock, random: new RandomSource('user-data-events') });
  alice = venue.control.createAccount('alice');
  bob = venue.control.createAccount('bob');
  venue.control.deposit('alice', 'USDT', '10000');
  venue.control.deposit('bob', 'BTC', '1');
  socket = RecordingSocket.open(venue.stream.accept, '/ws-api/v3');
  socket.request({ id: 1, method: 'userDataStream.subscribe.signature', params: signedSubscribeParams(alice, clock.now()) });
  expect(socket.texts()).toEqual(['{"id":1,"status":200,"result":{"subscriptionId":0}}']);
  socket.clear();
});

describe('user-data events of one account, in event-log order', () => {
  it('a deposit is a balanceUpdate, then the asset in outboundAccountPosition', async () => {
    await clock.advance(1000);
    venue.control.deposit('alice', 'BTC', '0.5');
    const at = T0 + 1000;
    expect(socket.texts()).toEqual([
      `{"subscriptionId":0,"event":{"e":"balanceUpdate","E":${at},"a":"BTC","d":"0.50000000","T":${at}}}`,
      `{"subscriptionId":0,"event":{"e":"outboundAccountPosition","E":${at},"u":${at},"B":[{"a":"BTC","f":"0.50000000","l":"0.00000000"}]}}`,
    ]);
  });

  it('a resting buy: NEW with every field in Binance order, then its reserve locked', async () => {
    await clock.advance(2000);
    placeLimit(alice, 'BUY', '0.002', '30000', 'a-1');
    const at = T0 + 2000;
    const [report, position] = socket.texts();
    expect(report).toBe(
      `{"subscriptionId":0,"event":{"e":"executionReport","E":${at},"s":"BTCUSDT","c":"a-1","S":"BUY","o":"LIMIT","f":"GTC","q":"0.00200000","p":"30000.00000000","P":"0.00000000","F":"0.00000000","g":-1,"C":"","x":"NEW","X":"NEW","r":"NONE","i":1,"l":"0.00000000","z":"0.00000000","L":"0.00000000","n":"0","N":null,"T":${at},"t":-1,"I":${seqOf('order_accepted') * 2},"w":true,"m":false,"M":false,"O":${at},"Z":"0.00000000","Y":"0.00000000","Q":"0.00000000","W":${at},"V":"NONE"}}`,
    );
    expect(position).toBe(`{"subscriptionId":0,"event":{"e":"outboundAccountPosition","E":${at},"u":${at},"B":[{"a":"USDT","f":"9940.00000000","l":"60.00000000"}]}}`);
    expect(socket.texts()).toHaveLength(2);
  });

  it('a partial then a full fill by another trader: one TRADE each, with last and cumulative amounts, fee and maker flag', async () => {
    await clock.advance(2000);
    placeLimit(alice, 'BUY', '0.002', '30000', 'a-1');
    socket.clear();
    await clock.advance(1000);
    venue.control.takeExternal({ symbol: 'BTC/USDT', side: 'sell', quantity: '0.0008' });
    const partialAt = T0 + 3000;
    expect(pushed()).toEqual([
      {
        ...newBuyReport(partialAt, seqOf('trade', 0) * 2),
        x: 'TRADE', X: 'PARTIALLY_FILLED', l: '0.00080000', z: '0.00080000', L: '30000.00000000', n: '0.00000080', N: 'BTC', t: 1, m: true, M: true, Z: '24.00000000', Y: '24.00000000',
      },
      { e: 'outboundAccountPosition', E: partialAt, u: partialAt, B: [{ a: 'BTC', f: '0.00079920', l: '0.00000000' }, { a: 'USDT', f: '9940.00000000', l: '36.00000000' }] },
    ]);
    socket.clear();
    await clock.advance(1000);
    venue.control.takeExternal({ symbol: 'BTC/USDT', side: 'sell', quantity: '0.0012' });
    const fullAt = T0 + 4000;
    const filled = offTheBook({
      ...newBuyReport(fullAt, seqOf('trade', 1) * 2),
      x: 'TRADE', X: 'FILLED', l: '0.00120000', z: '0.00200000', L: '30000.00000000', n: '0.00000120', N: 'BTC', t: 2, m: true, M: true, Z: '60.00000000', Y: '36.00000000',
    });
    expect(pushed()).toEqual([filled, { e: 'outboundAccountPosition', E: fullAt, u: fullAt, B: [{ a: 'BTC', f: '0.00199800', l: '0.00000000' }, { a: 'USDT', f: '9940.00000000', l: '0.00000000' }] }]);
  });

  it('a trade between two listened accounts: the maker report first, then the taker, then each account balance', async () => {
    socket.request({ id: 2, method: 'userDataStream.subscribe.signature', params: signedSubscribeParams(bob, clock.now()) });
    await clock.advance(2000);
    placeLimit(alice, 'BUY', '0.002', '30000', 'a-1');
    socket.clear();
    placeLimit(bob, 'SELL', '0.002', '29000', 'b-1');
    const frames = socket.frames() as Array<{ subscriptionId: number; event: Record<string, unknown> }>;
    expect(frames.map((frame) => [frame.subscriptionId, frame.event.e, frame.event.x, frame.event.X, frame.event.m])).toEqual([
      [1, 'executionReport', 'NEW', 'NEW', false],
      [1, 'outboundAccountPosition', undefined, undefined, undefined],
      [0, 'executionReport', 'TRADE', 'FILLED', true],
      [1, 'executionReport', 'TRADE', 'FILLED', false],
      [0, 'outboundAccountPosition', undefined, undefined, undefined],
      [1, 'outboundAccountPosition', undefined, undefined, undefined],
    ]);
    const takerTrade = frames[3]?.event;
    // The taker trades at the maker's price, pays 0.1% of the 60 USDT it receives, and sold at once.
    expect(takerTrade).toMatchObject({ c: 'b-1', S: 'SELL', i: 2, l: '0.00200000', L: '30000.00000000', n: '0.06000000', N: 'USDT', t: 1, w: false, Z: '60.00000000', I: seqOf('trade') * 2 + 1 });
    expect(frames[2]?.event.I).toBe(seqOf('trade') * 2);
    expect(frames[5]?.event).toEqual({ e: 'outboundAccountPosition', E: T0 + 2000, u: T0 + 2000, B: [{ a: 'BTC', f: '0.99800000', l: '0.00000000' }, { a: 'USDT', f: '59.94000000', l: '0.00000000' }] });
  });

  it('a cancel: CANCELED with the original client order id in C and the reserve released', async () => {
    await clock.advance(2000);
    placeLimit(alice, 'BUY', '0.002', '30000', 'a-1');
    socket.clear();
    await clock.advance(500);
    rest(alice, 'DELETE', '/api/v3/order', { symbol: 'BTCUSDT', origClientOrderId: 'a-1' });
    const at = T0 + 2500;
    const canceled = offTheBook({ ...newBuyReport(at, seqOf('order_canceled') * 2), C: 'a-1', x: 'CANCELED', X: 'CANCELED' });
    expect(pushed()).toEqual([canceled, { e: 'outboundAccountPosition', E: at, u: at, B: [{ a: 'USDT', f: '10000.00000000', l: '0.00000000' }] }]);
  });

  it('an IOC buy that fills in part: NEW off the book, TRADE as taker, then EXPIRED with its expiry reason', async () => {
    venue.control.placeExternalOrder({ symbol: 'BTC/USDT', side: 'sell', price: '31000', quantity: '0.0005' });
    await clock.advance(2000);
    placeLimit(alice, 'BUY', '0.001', '31000', 'a-ioc', 'IOC');
    const events = pushed() as Array<Record<string, unknown>>;
    expect(events.map((event) => [event.e, event.x, event.X, event.w, event.z])).toEqual([
      ['executionReport', 'NEW', 'NEW', false, '0.00000000'],
      ['outboundAccountPosition', undefined, undefined, undefined, undefined],
      ['executionReport', 'TRADE', 'PARTIALLY_FILLED', false, '0.00050000'],
      ['outboundAccountPosition', undefined, undefined, undefined, undefined],
      ['executionReport', 'EXPIRED', 'EXPIRED', false, '0.00050000'],
      ['outboundAccountPosition', undefined, undefined, undefined, undefined],
    ]);
    expect(events[0]).not.toHaveProperty('W');
    expect(events[4]).toMatchObject({ c: 'a-ioc', f: 'IOC', q: '0.00100000', l: '0.00000000', n: '0', N: null, t: -1, Z: '15.50000000', eR: 'UNFILLED_IOC_QUANTITY_EXPIRED' });
    // 31 USDT reserved, 15.5 spent: the rest is free again, nothing stays locked.
    expect(events[5]).toEqual({ e: 'outboundAccountPosition', E: T0 + 2000, u: T0 + 2000, B: [{ a: 'USDT', f: '9984.50000000', l: '0.00000000' }] });
  });

  it('self-trade prevention: the taker ends TRADE_PREVENTION / EXPIRED_IN_MATCH; a FOK that cannot fill ends EXPIRED', async () => {
    venue.control.deposit('alice', 'BTC', '1');
    await clock.advance(2000);
    placeLimit(alice, 'SELL', '0.001', '30000', 'a-ask');
    socket.clear();
    rest(alice, 'POST', '/api/v3/order', { symbol: 'BTCUSDT', side: 'BUY', type: 'LIMIT', timeInForce: 'GTC', quantity: '0.001', price: '30000', newClientOrderId: 'a-stp', selfTradePreventionMode: 'EXPIRE_TAKER' });
    placeLimit(alice, 'BUY', '0.005', '30000', 'a-fok', 'FOK');
    const reports = (pushed() as Array<Record<string, unknown>>).filter((event) => event.e === 'executionReport');
    expect(reports.map((report) => [report.c, report.x, report.X, report.eR])).toEqual([
      ['a-stp', 'NEW', 'NEW', undefined],
      ['a-stp', 'TRADE_PREVENTION', 'EXPIRED_IN_MATCH', undefined],
      ['a-fok', 'NEW', 'NEW', undefined],
      ['a-fok', 'EXPIRED', 'EXPIRED', 'UNFILLED_FOK_ORDER_EXPIRED'],
    ]);
    expect(reports[1]).toMatchObject({ V: 'EXPIRE_TAKER', w: false, z: '0.00000000' });
  });

  it('a refused order sends nothing (Binance streams only what entered the engine)', () => {
    const response = venue.handle(signedRequest(alice, 'POST', '/api/v3/order', { symbol: 'BTCUSDT', side: 'BUY', type: 'LIMIT', timeInForce: 'GTC', quantity: '1', price: '30000', newClientOrderId: 'too-big' }, clock.now()));
    expect(JSON.parse(response.body)).toEqual({ code: -2010, msg: 'Account has insufficient balance for requested action.' });
    expect(venue.control.events().some((event) => event.type === 'order_rejected')).toBe(true);
    expect(socket.frames()).toEqual([]);
  });

  it('other accounts events never reach the subscription', () => {
    venue.control.deposit('bob', 'USDT', '5');
    placeLimit(bob, 'SELL', '0.001', '40000', 'b-2');
    expect(socket.frames()).toEqual([]);
  });
});
