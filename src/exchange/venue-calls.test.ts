import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../clock';
import { CircuitOpenError, ExchangeUnavailableError, MalformedResponseError } from '../domain/errors';
import { CircuitBreaker } from './circuit-breaker';
import type { TransportResponse } from './contract';
import { memorySink } from './request-log';
import { AdapterTelemetry } from './telemetry';
import { VenueCalls, type VenueRequest } from './venue-calls';

/** VenueCalls on its own: requests sent by direct callers, outside any adapter operation. */
function harness(answerBody = '{}') {
  const clock = new VirtualClock();
  const log = memorySink();
  const telemetry = new AdapterTelemetry({ clock, destination: log, labels: { exchange: 'binance', environment: 'sim' } });
  const breaker = new CircuitBreaker({ name: 'binance/sim', clock, failureThreshold: 1, openMs: 10_000 });
  const calls = new VenueCalls({ clock, telemetry, breaker, timeSync: false, hooks: { observeResponse: () => undefined, recoverFromTimestampError: async () => undefined } });
  const answer: TransportResponse = { status: 200, statusText: 'OK', headers: {}, text: async () => answerBody };
  const fetch = calls.tap(async () => answer);
  const request = (path: string): Promise<string> => fetch(`https://api.binance.com${path}`, { method: 'GET', headers: {} }).then((response) => response.text());
  const lines = () => log.records().filter((record) => record['msg'] === 'request').map((record) => `${String(record['correlationId'])} ${String(record['path'])} ${String(record['attempt'])}`);
  const openBreaker = () => expect(calls.send(READ, () => Promise.reject(new ExchangeUnavailableError('maintenance')))).rejects.toBeInstanceOf(ExchangeUnavailableError);
  return { calls, breaker, request, lines, openBreaker };
}

const READ: VenueRequest = { method: 'GET', path: '/api/v3/account', priority: 'query' };
const CANCEL: VenueRequest = { method: 'DELETE', path: '/api/v3/order', priority: 'cancel' };

describe('VenueCalls', () => {
  it('a request outside any operation is logged as correlation id "none", each one a first attempt', async () => {
    const h = harness();
    await h.calls.send(READ, () => h.request('/api/v3/account'));
    await h.calls.send(READ, () => h.request('/api/v3/account'));
    expect(h.lines()).toEqual(['none /api/v3/account 1', 'none /api/v3/account 1']);
  });

  it('counts attempts per route within an operation, and not within another VenueCalls\' operation', async () => {
    const h = harness();
    const other = harness();
    await h.calls.inOperation('tp-1', async () => {
      await h.calls.send(READ, () => h.request('/api/v3/account'));
      await h.calls.send({ ...READ, path: '/api/v3/time' }, () => h.request('/api/v3/time'));
      await h.calls.send(READ, () => h.request('/api/v3/account'));
      // Another adapter's calls made inside this operation are not part of it.
      await other.calls.send(READ, () => other.request('/api/v3/account'));
    });
    expect(h.lines()).toEqual(['tp-1 /api/v3/account 1', 'tp-1 /api/v3/time 1', 'tp-1 /api/v3/account 2']);
    expect(other.lines()).toEqual(['none /api/v3/account 1']);
  });

  it('an open breaker refuses a read outside a cancel operation and lets a cancel through', async () => {
    const h = harness();
    await h.openBreaker();
    expect(h.breaker.state()).toBe('open');
    await expect(h.calls.send(READ, () => h.request('/api/v3/account'))).rejects.toBeInstanceOf(CircuitOpenError);
    await expect(h.calls.send(CANCEL, () => h.request('/api/v3/order'))).resolves.toBe('{}');
    await expect(h.calls.inOperation('tp-1', () => h.calls.send(READ, () => h.request('/api/v3/account')), { passesBreaker: false })).rejects.toBeInstanceOf(CircuitOpenError);
    await expect(h.calls.inOperation('tp-1', () => h.calls.send(READ, () => h.request('/api/v3/account')), { passesBreaker: true })).resolves.toBe('{}');
    expect(h.breaker.state()).toBe('open');
  });

  it('refuses a list endpoint\'s 2XX that is not a list, and hands a list on unread', async () => {
    const object = harness('{}');
    await expect(object.calls.send(READ, () => object.request('/api/v3/openOrders?symbol=BTCUSDT'))).rejects.toBeInstanceOf(MalformedResponseError);
    const list = harness('[{"orderId":1}]');
    await expect(list.calls.send(READ, () => list.request('/api/v3/openOrders?symbol=BTCUSDT'))).resolves.toBe('[{"orderId":1}]');
  });
});
