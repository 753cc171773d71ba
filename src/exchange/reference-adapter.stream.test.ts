import { describe, expect, it } from 'vitest';
import { RandomSource, VirtualClock } from '../clock';
import type { Clock } from '../clock/clock';
import { createVenue } from '../venue';
import { startLoopbackServer } from '../venue/transport/http-server';
import { BINANCE_ORIGIN } from './binance-client';
import type { BinanceProClient } from './binance-pro-client';
import { binanceUserData } from './binance-user-data';
import { ReferenceAdapter } from './reference-adapter';
import { memorySink } from './request-log';
import { SILENCE_LIMIT_MS, type UserDataConnection } from './user-data-stream';

/**
 * The reference adapter listening to the venue's user-data stream in-process: fills by other
 * traders reach its view through the stream alone, with no REST request after the order's own.
 */
async function start(transport: 'in-process' | 'loopback' = 'in-process') {
  const clock = new VirtualClock();
  const venue = createVenue({ clock, random: new RandomSource('reference-stream') });
  const credentials = venue.control.createAccount('alice');
  venue.control.deposit('alice', 'USDT', '100000');
  venue.control.deposit('alice', 'BTC', '2');
  // Loopback: ccxt's own fetch and WebSocket sockets to 127.0.0.1; in-process: the venue's own.
  const server = transport === 'loopback' ? await startLoopbackServer(venue, { acceptWebSocket: venue.stream.accept }) : undefined;
  const adapter = new ReferenceAdapter({
    environment: 'sim',
    clock,
    random: new RandomSource('reference-stream-adapter').stream('adapter'),
    credentials,
    ...(server === undefined ? { baseUrl: BINANCE_ORIGIN, fetch: venue.fetch, userDataStream: { endpoint: venue.stream.accept } } : { baseUrl: server.baseUrl, userDataStream: {} }),
  });
  await clock.run(adapter.loadMarkets());
  /** Lets virtual time pass so frames arrive and the stream settles. */
  const wait = (ms: number): Promise<void> => clock.run(clock.sleep(ms));
  return { clock, venue, adapter, wait, server, credentials };
}

const restRequests = (venue: ReturnType<typeof createVenue>): number => venue.control.events().filter((event) => event.type === 'request').length;

describe('the reference adapter on the user-data stream', () => {
  it('goes live after subscribing and resyncing, and says so in health()', async () => {
    const { adapter, wait, clock } = await start();
    await wait(1_000);
    expect(adapter.streamStatus()).toEqual({ state: 'live', sessions: 1, lastEnd: undefined });
    expect(adapter.health().stream?.state).toBe('live');
    await clock.run(adapter.close());
    expect(adapter.streamStatus()?.state).toBe('closed');
  });

  it('keeps one session through quiet minutes: the venue\'s pings are heard, so the silence limit never fires', async () => {
    const { adapter, wait, clock } = await start();
    await wait(1_000);
    // Five times the silence limit with no order and no fill: only the venue's pings arrive.
    await wait(5 * SILENCE_LIMIT_MS);
    expect(adapter.streamStatus()).toEqual({ state: 'live', sessions: 1, lastEnd: undefined });
    await clock.run(adapter.close());
  });

  it('subscribes again when the venue ends the subscription, and hears fills on the new one', async () => {
    const { adapter, venue, wait, clock } = await start();
    await wait(1_000);
    venue.nemesis.injectStreamFault('alice', { kind: 'stream_expire' });
    await wait(5_000);
    const status = adapter.streamStatus();
    expect(status?.state).toBe('live');
    expect(status?.sessions).toBe(2);
    expect(status?.lastEnd).toBe('the venue ended the subscription');
    await clock.run(adapter.place({ clientOrderId: 'a-2', symbol: 'BTC/USDT', side: 'buy', type: 'limit', price: '30000', amount: '0.01' }));
    venue.control.takeExternal({ symbol: 'BTC/USDT', side: 'sell', quantity: '0.01', limitPrice: '30000' });
    await wait(1_000);
    expect(adapter.orders()).toMatchObject([{ clientOrderId: 'a-2', status: 'filled', filled: '0.01' }]);
    await clock.run(adapter.close());
  });

  it('learns partial and full fills by other traders from the stream alone, each once', async () => {
    const { adapter, venue, wait, clock } = await start();
    await wait(1_000);
    await clock.run(adapter.place({ clientOrderId: 'a-1', symbol: 'BTC/USDT', side: 'buy', type: 'limit', price: '30000', amount: '0.01' }));
    await wait(1_000);
    const before = restRequests(venue);
    venue.control.takeExternal({ symbol: 'BTC/USDT', side: 'sell', quantity: '0.004', limitPrice: '30000' });
    await wait(1_000);
    expect(adapter.orders()).toMatchObject([{ clientOrderId: 'a-1', status: 'partially_filled', filled: '0.004', remaining: '0.006' }]);
    venue.control.takeExternal({ symbol: 'BTC/USDT', side: 'sell', quantity: '0.006', limitPrice: '30000' });
    await wait(1_000);
    expect(adapter.orders()).toMatchObject([{ clientOrderId: 'a-1', status: 'filled', filled: '0.01', remaining: '0' }]);
    expect(restRequests(venue)).toBe(before);
    // The REST path brings the same two trades: applied already, not again.
    await clock.run(adapter.fetchOrder('BTC/USDT', 'a-1'));
    expect(adapter.orders()).toMatchObject([{ status: 'filled', filled: '0.01' }]);
    const venueBalances = venue.control.balances('alice');
    expect(adapter.balances()).toEqual(venueBalances);
    await clock.run(adapter.close());
  });

  it('over a loopback WebSocket (ccxt\'s own sockets) goes live, hears a fill by another trader, and stays one session', async () => {
    const { adapter, venue, clock, server } = await start('loopback');
    // Frames cross a real socket: virtual time moves in small steps between turns of the event
    // loop, so I/O is read before the clock jumps past what it would bring. Bounded by turns, not
    // by real time.
    const until = async (done: () => boolean): Promise<void> => {
      for (let turn = 0; turn < 20_000 && !done(); turn += 1) {
        await clock.run(clock.sleep(10));
        await new Promise<void>((resolve) => setImmediate(resolve));
      }
      expect(done()).toBe(true);
    };
    try {
      await until(() => adapter.streamStatus()?.state === 'live');
      await clock.run(adapter.place({ clientOrderId: 'l-1', symbol: 'BTC/USDT', side: 'buy', type: 'limit', price: '30000', amount: '0.01' }));
      venue.control.takeExternal({ symbol: 'BTC/USDT', side: 'sell', quantity: '0.01', limitPrice: '30000' });
      await until(() => adapter.orders()[0]?.status === 'filled');
      expect(adapter.orders()).toMatchObject([{ clientOrderId: 'l-1', status: 'filled', filled: '0.01' }]);
      // Past the silence limit: the venue's frames over the socket are heard, so no new session.
      const quietUntil = clock.now() + 2 * SILENCE_LIMIT_MS;
      await until(() => clock.now() >= quietUntil);
      expect(adapter.streamStatus()).toMatchObject({ state: 'live', sessions: 1 });
    } finally {
      await clock.run(adapter.close());
      await server?.close();
    }
  });
});

/** The adapter with each stream session's feed led by raw events of the test's choosing (the `userDataConnection` hook). */
class LeadingEventsAdapter extends ReferenceAdapter {
  readonly leading: unknown[][] = [];

  protected override userDataConnection(client: BinanceProClient, clock: Clock): UserDataConnection {
    const connection = binanceUserData(client, clock);
    const lead = this.leading.shift() ?? [];
    return { ...connection, nextOrderReports: async () => (lead.length > 0 ? lead.splice(0) : connection.nextOrderReports()) };
  }
}

describe('the reference adapter\'s stream status, health and report routing', () => {
  it('without a stream configured, has no stream status and a health() without one', async () => {
    const clock = new VirtualClock();
    const venue = createVenue({ clock, random: new RandomSource('no-stream') });
    const adapter = new ReferenceAdapter({ environment: 'sim', clock, random: new RandomSource('no-stream-adapter').stream('adapter'), credentials: venue.control.createAccount('alice'), baseUrl: BINANCE_ORIGIN, fetch: venue.fetch });
    await clock.run(adapter.loadMarkets());
    expect(adapter.streamStatus()).toBeUndefined();
    expect(adapter.health()).toMatchObject({ status: 'ok' });
    expect(adapter.health()).not.toHaveProperty('stream');
  });

  it('health() is ok only while REST is ok and the stream live; a dropped stream degrades it; an open breaker stays down', async () => {
    const { adapter, venue, wait, clock } = await start();
    // Markets loaded, the stream just started: not live yet.
    expect(adapter.health()).toMatchObject({ status: 'degraded', stream: { state: 'connecting' } });
    await wait(1_000);
    expect(adapter.health()).toMatchObject({ status: 'ok', breaker: 'closed', stream: { state: 'live', sessions: 1 } });
    // Refused for ten minutes: the stream stays down while REST still answers.
    venue.nemesis.injectStreamFault('alice', { kind: 'stream_refuse', durationMs: 600_000 });
    venue.nemesis.injectStreamFault('alice', { kind: 'stream_drop', mode: 'reset' });
    await wait(1_000);
    const dropped = adapter.health();
    expect(dropped.status).toBe('degraded');
    expect(dropped.breaker).toBe('closed');
    expect(dropped.stream?.state).not.toBe('live');
    venue.nemesis.schedule({ kind: 'maintenance' });
    await expect(clock.run(adapter.fetchBalances())).rejects.toMatchObject({ code: 'CIRCUIT_OPEN' });
    const down = adapter.health();
    expect(down).toMatchObject({ status: 'down', breaker: 'open' });
    expect(down.stream?.state).not.toBe('live');
    await clock.run(adapter.close());
  });

  it('applies an executionReport of a second listed market to that market, from the stream alone', async () => {
    const { adapter, venue, wait, clock } = await start();
    await wait(1_000);
    await clock.run(adapter.place({ clientOrderId: 'e-1', symbol: 'ETH/USDT', side: 'buy', type: 'limit', price: '2000', amount: '0.1' }));
    await wait(1_000);
    const before = restRequests(venue);
    venue.control.takeExternal({ symbol: 'ETH/USDT', side: 'sell', quantity: '0.1', limitPrice: '2000' });
    await wait(1_000);
    expect(adapter.orders()).toMatchObject([{ clientOrderId: 'e-1', symbol: 'ETH/USDT', status: 'filled', filled: '0.1' }]);
    expect(adapter.balances()).toEqual(venue.control.balances('alice'));
    // Heard on the stream, in the first session: no resync over REST brought it.
    expect(restRequests(venue)).toBe(before);
    expect(adapter.streamStatus()).toEqual({ state: 'live', sessions: 1, lastEnd: undefined });
    await clock.run(adapter.close());
  });

  it('a report that arrives while the order\'s own POST answer is delayed tracks the order once and leaves nothing pending', async () => {
    const { adapter, venue, wait, clock } = await start();
    await wait(1_000);
    // The venue places the order (and pushes its NEW report) at once; its REST answer comes 2 s later.
    venue.nemesis.schedule({ kind: 'delay', ms: 2_000 }, { matching: { method: 'post', path: '/api/v3/order' }, count: 1 });
    const placing = adapter.place({ clientOrderId: 'a-3', symbol: 'BTC/USDT', side: 'buy', type: 'limit', price: '30000', amount: '0.01' });
    await wait(1_000);
    expect(adapter.orders()).toMatchObject([{ clientOrderId: 'a-3', status: 'open' }]);
    expect(await clock.run(placing)).toMatchObject({ clientOrderId: 'a-3', status: 'open' });
    expect(adapter.orders()).toHaveLength(1);
    expect(adapter.retainedState().pendingIntents).toBe(0);
    await clock.run(adapter.close());
  });

  it('logs the requests of a resync after a reconnect under the id of the order each is about', async () => {
    const clock = new VirtualClock();
    const venue = createVenue({ clock, random: new RandomSource('reference-stream') });
    const credentials = venue.control.createAccount('alice');
    venue.control.deposit('alice', 'USDT', '100000');
    const log = memorySink();
    const adapter = new ReferenceAdapter({ environment: 'sim', clock, random: new RandomSource('reference-stream-adapter').stream('adapter'), credentials, baseUrl: BINANCE_ORIGIN, fetch: venue.fetch, userDataStream: { endpoint: venue.stream.accept }, log });
    await clock.run(adapter.loadMarkets());
    await clock.run(adapter.place({ clientOrderId: 'a-4', symbol: 'BTC/USDT', side: 'buy', type: 'limit', price: '30000', amount: '0.01' }));
    await clock.run(clock.sleep(1_000));
    const before = log.lines.length;
    venue.nemesis.injectStreamFault('alice', { kind: 'stream_expire' });
    await clock.run(clock.sleep(5_000));
    expect(adapter.streamStatus()?.sessions).toBe(2);
    const resync = log.records().slice(before).filter((line) => line['msg'] === 'request');
    expect(resync.map((line) => `${String(line['correlationId'])} ${String(line['method'])} ${String(line['path'])}`)).toEqual(['a-4 GET /api/v3/order']);
    await clock.run(adapter.close());
  });

  it('ignores reports of orders another instance on the same account places: they never enter orders() or balances()', async () => {
    const { adapter, venue, wait, clock, credentials } = await start();
    await wait(1_000);
    const balancesBefore = adapter.balances();
    const other = new ReferenceAdapter({ environment: 'sim', clock, random: new RandomSource('other-instance').stream('adapter'), credentials, baseUrl: BINANCE_ORIGIN, fetch: venue.fetch });
    await clock.run(other.place({ clientOrderId: 'o-1', symbol: 'BTC/USDT', side: 'buy', type: 'limit', price: '30000', amount: '0.01' }));
    // A fill too: the foreign order's TRADE report must not move this instance's ledger either.
    venue.control.takeExternal({ symbol: 'BTC/USDT', side: 'sell', quantity: '0.004', limitPrice: '30000' });
    await wait(1_000);
    expect(other.orders()).toMatchObject([{ clientOrderId: 'o-1', status: 'open' }]);
    expect(adapter.orders()).toEqual([]);
    expect(adapter.balances()).toEqual(balancesBefore);
    expect(adapter.streamStatus()).toEqual({ state: 'live', sessions: 1, lastEnd: undefined });
    await clock.run(Promise.all([adapter.close(), other.close()]));
  });

  it.each([
    ['an executionReport of a market the venue does not list', { e: 'executionReport', s: 'DOGEUSDT' }, 'DOGEUSDT'],
    ['an event that is no executionReport', { e: 'outboundAccountPosition', E: 1 }, 'no symbol'],
  ])('ends the session on %s with MalformedResponseError, and subscribes again', async (_name, event, named) => {
    const clock = new VirtualClock();
    const venue = createVenue({ clock, random: new RandomSource('reference-stream') });
    const adapter = new LeadingEventsAdapter({ environment: 'sim', clock, random: new RandomSource('reference-stream-adapter').stream('adapter'), credentials: venue.control.createAccount('alice'), baseUrl: BINANCE_ORIGIN, fetch: venue.fetch, userDataStream: { endpoint: venue.stream.accept } });
    adapter.leading.push([event]);
    await clock.run(adapter.loadMarkets());
    await clock.run(clock.sleep(5_000));
    // No caller awaits a stream report: its error ends the session, recorded as lastEnd, and the next session goes live.
    expect(adapter.streamStatus()).toMatchObject({ state: 'live', lastEnd: `MalformedResponseError: stream event for ${named}, not an executionReport of a listed market` });
    expect(adapter.orders()).toEqual([]);
    await clock.run(adapter.close());
  });
});
