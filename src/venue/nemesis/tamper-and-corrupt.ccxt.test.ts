import { beforeEach, describe, expect, it } from 'vitest';
import { RandomSource } from '../../clock/random';
import { VirtualClock } from '../../clock/virtual-clock';
import { createVenue } from '../index';
import { binanceClient, ccxt, createLimitOrder, type BinanceClient } from '../testing/ccxt-binance';
import type { Venue, VenueEvent } from '../types';
import { CORRUPTION_VARIANTS, corruptBody } from './corruption';

const POST_ORDER = { method: 'POST', path: '/api/v3/order' } as const;

let clock: VirtualClock;
let venue: Venue;
let exchange: BinanceClient;

const run = <T>(work: Promise<T>): Promise<T> => clock.run(work);
const buy = (clientOrderId: string) => run(createLimitOrder(exchange, 'BTC/USDT', 'buy', '0.01', '30000', { clientOrderId }));
const lastSeq = (): number => venue.control.events().at(-1)?.seq ?? 0;
const eventsSince = (seq: number): VenueEvent[] => venue.control.events().filter((event) => event.seq > seq);
const typesSince = (seq: number): string[] => eventsSince(seq).map((event) => (event.type === 'fault' ? `fault:${event.kind}` : event.type === 'request' ? `request:${event.status}:${event.code ?? ''}` : event.type));

beforeEach(async () => {
  clock = new VirtualClock();
  venue = createVenue({ clock, random: new RandomSource('nemesis') });
  const alice = venue.control.createAccount('alice');
  venue.control.deposit('alice', 'USDT', '100000');
  exchange = binanceClient(venue, alice, clock);
  await exchange.loadMarkets();
});

describe('a tampered request', () => {
  it('fails the signature check (-1022, ccxt AuthenticationError) and places nothing', async () => {
    venue.nemesis.schedule({ kind: 'tamper' }, { matching: POST_ORDER });
    const before = lastSeq();
    await expect(buy('tampered-1')).rejects.toBeInstanceOf(ccxt.AuthenticationError);
    expect(venue.control.order('alice', 'BTC/USDT', 'tampered-1')).toBeUndefined();
    expect(typesSince(before)).toEqual(['fault:tamper', 'request:400:-1022']);
    const fault = eventsSince(before)[0];
    expect(fault?.type === 'fault' ? fault.detail : undefined).toEqual({ param: 'quantity', applied: false });
  });

  it('alters the parameter it is told to, in the query of a GET', async () => {
    venue.nemesis.schedule({ kind: 'tamper', param: 'timestamp' }, { matching: { method: 'GET', path: '/api/v3/account' } });
    await expect(run(exchange.fetchBalance())).rejects.toBeInstanceOf(ccxt.AuthenticationError);
    // Spent: the next request verifies.
    await expect(run(exchange.fetchBalance())).resolves.toBeDefined();
  });
});

describe('a corrupted answer', () => {
  it('replaces the body of an applied placement: the order exists, the client holds no valid answer', async () => {
    venue.nemesis.schedule({ kind: 'corrupt_response', variant: 'html_page' }, { matching: POST_ORDER });
    const before = lastSeq();
    await run(createLimitOrder(exchange, 'BTC/USDT', 'buy', '0.01', '30000', { clientOrderId: 'corrupt-1' })).catch(() => undefined);
    expect(venue.control.order('alice', 'BTC/USDT', 'corrupt-1')?.status).toBe('NEW');
    expect(typesSince(before)).toEqual(['order_accepted', 'request:200:', 'fault:corrupt_response']);
  });

  it('answers in place of the venue when not applied: no request reaches it', async () => {
    venue.nemesis.schedule({ kind: 'corrupt_response', variant: 'truncated', applied: false }, { matching: POST_ORDER });
    const before = lastSeq();
    await run(createLimitOrder(exchange, 'BTC/USDT', 'buy', '0.01', '30000', { clientOrderId: 'corrupt-2' })).catch(() => undefined);
    expect(venue.control.order('alice', 'BTC/USDT', 'corrupt-2')).toBeUndefined();
    expect(typesSince(before)).toEqual(['fault:corrupt_response']);
  });

  it('changes every variant of an order answer, deterministically', () => {
    const body = JSON.stringify({ symbol: 'BTCUSDT', orderId: 7, clientOrderId: 'tp-1', price: '30000.00000000', origQty: '0.00100000', status: 'NEW' });
    const corrupted = CORRUPTION_VARIANTS.map((variant) => corruptBody(body, variant));
    expect(corrupted).toEqual(CORRUPTION_VARIANTS.map((variant) => corruptBody(body, variant)));
    for (const text of corrupted) expect(text).not.toBe(body);
    expect(corruptBody(body, 'wrong_types')).toContain('"price":30000.00000000');
    expect(corruptBody(body, 'exponent_string')).toContain('"origQty":"1e-3"');
    expect(corruptBody(body, 'exponent_number')).toContain('"price":3e+4');
    expect(corruptBody(body, 'missing_fields')).toBe('{"symbol":"BTCUSDT"}');
    expect(corruptBody('[]', 'missing_fields')).toBe('[{}]');
  });
});
