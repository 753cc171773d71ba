import { afterEach, describe, expect, it } from 'vitest';
import { RandomSource, VirtualClock } from '../clock';
import type { OrderIntent, OrderView } from '../domain/order';
import { createVenue, type Venue } from '../venue';
import { startLoopbackServer, type LoopbackServer } from '../venue/transport/http-server';
import { BINANCE_ORIGIN } from './binance-client';
import type { AdapterEnvironment, ExchangeAdapter } from './contract';
import { ReferenceAdapter } from './reference-adapter';

/**
 * The reference adapter against the venue end to end (issue 5, acceptance 4), once over each
 * transport: in-process (ccxt's fetchImplementation is `venue.fetch`) and loopback HTTP
 * (`startLoopbackServer`, ccxt's own fetch over a real socket to 127.0.0.1).
 *
 * Time. Every adapter call goes through `clock.run(...)`: whenever all pending work waits on a
 * virtual timer, it jumps to the next deadline (the adapter's backoff sleeps, the in-process
 * transport's wait for a lost answer). Over loopback the adapter marks each request on the socket
 * as I/O in flight (`clock.whileInFlight`, venue-connection.ts), so `run` neither jumps time nor
 * takes the wait for a hang until the socket answers; it jumps once the adapter sleeps again. That
 * is what makes the retry after a lost answer work over loopback without advancing the clock by hand.
 *
 * A lost answer over loopback: the server never answers, so ccxt's own real-time timer
 * (`exchange.timeout`, 10 s by default) is what ends the POST. The adapter has no setting for
 * it, so the test subclass below lowers it on the ccxt instance (`exchange` is protected, the
 * same hook the seeded-bug fixtures use). In-process the same fault waits `init.timeout` on the
 * virtual clock, which `run` jumps.
 */
type Transport = 'in-process' | 'loopback';

/**
 * ccxt's request timeout in the loopback lost-answer test: the real time a lost answer costs.
 * Long enough that an ordinary loopback request on a loaded machine never reaches it; the other
 * tests keep ccxt's default (10 s).
 */
const LOST_ANSWER_TIMEOUT_MS = 1_500;

class ShortTimeoutAdapter extends ReferenceAdapter {
  constructor(env: AdapterEnvironment, timeoutMs: number) {
    super(env);
    this.exchange.timeout = timeoutMs;
  }
}

interface World {
  clock: VirtualClock;
  venue: Venue;
  adapter: ExchangeAdapter;
  run<T>(work: Promise<T>): Promise<T>;
  close(): Promise<void>;
}

async function start(transport: Transport, loopbackTimeoutMs: number | undefined): Promise<World> {
  const clock = new VirtualClock();
  const random = new RandomSource(`integration-${transport}`);
  const venue = createVenue({ clock, random });
  const credentials = venue.control.createAccount('alice');
  venue.control.deposit('alice', 'USDT', '100000');
  venue.control.deposit('alice', 'BTC', '2');
  const server: LoopbackServer | undefined = transport === 'loopback' ? await startLoopbackServer(venue) : undefined;
  const base = { environment: 'sim', clock, random: random.stream('adapter'), credentials } as const;
  let adapter: ReferenceAdapter;
  if (server === undefined) adapter = new ReferenceAdapter({ ...base, baseUrl: BINANCE_ORIGIN, fetch: venue.fetch });
  else if (loopbackTimeoutMs === undefined) adapter = new ReferenceAdapter({ ...base, baseUrl: server.baseUrl });
  else adapter = new ShortTimeoutAdapter({ ...base, baseUrl: server.baseUrl }, loopbackTimeoutMs);
  return {
    clock,
    venue,
    adapter,
    run: (work) => clock.run(work),
    close: async () => {
      await adapter.close();
      await server?.close();
    },
  };
}

const POST_ORDER = { method: 'POST', path: '/api/v3/order' } as const;
const buy = (clientOrderId: string, price: string, amount: string): OrderIntent => ({ clientOrderId, symbol: 'BTC/USDT', side: 'buy', type: 'limit', price, amount });
const venueOrdersWith = (venue: Venue, clientOrderId: string) => venue.control.orders('alice').filter((order) => order.clientOrderId === clientOrderId);
const postCount = (venue: Venue): number => venue.control.events().filter((event) => event.type === 'request' && event.method === 'POST' && event.path === '/api/v3/order').length;

/** The venue's order id for a client order id, as a string (what OrderView carries). */
function venueOrderIdOf(venue: Venue, clientOrderId: string): string {
  const order = venue.control.order('alice', 'BTC/USDT', clientOrderId);
  if (order === undefined) throw new Error(`the venue holds no order ${clientOrderId}`);
  return String(order.orderId);
}

function expectView(view: OrderView, expected: OrderView): void {
  expect(view.clientOrderId).toBe(expected.clientOrderId);
  expect(view.venueOrderId).toBe(expected.venueOrderId);
  expect(view.symbol).toBe(expected.symbol);
  expect(view.side).toBe(expected.side);
  expect(view.price).toBe(expected.price);
  expect(view.amount).toBe(expected.amount);
  expect(view.filled).toBe(expected.filled);
  expect(view.remaining).toBe(expected.remaining);
  expect(view.status).toBe(expected.status);
  expect(view.averagePrice).toBe(expected.averagePrice);
  expect(view.fee).toEqual(expected.fee);
  // Nothing beyond the fields above.
  expect(view).toEqual(expected);
}

describe.each<Transport>(['in-process', 'loopback'])('reference adapter against the venue, %s', (transport) => {
  let w: World;
  const openWorld = async (loopbackTimeoutMs?: number): Promise<World> => {
    w = await start(transport, loopbackTimeoutMs);
    await w.run(w.adapter.loadMarkets());
    return w;
  };
  afterEach(async () => {
    await w.close();
  });

  it('place, partial fill, cancel: views field by field, balances locked then released, reconcile without drift', async () => {
    await openWorld();
    const initial = w.venue.control.balances('alice');
    expect(w.adapter.balances()).toEqual(initial);
    expect(initial['USDT']).toEqual({ free: '100000', locked: '0' });

    const placed = await w.run(w.adapter.place(buy('it-buy-1', '30000', '0.5')));
    const venueOrderId = venueOrderIdOf(w.venue, 'it-buy-1');
    const open: OrderView = { clientOrderId: 'it-buy-1', venueOrderId, symbol: 'BTC/USDT', side: 'buy', price: '30000', amount: '0.5', filled: '0', remaining: '0.5', status: 'open' };
    expectView(placed, open);
    // 0.5 x 30000 USDT moved from free to locked, at the venue and locally alike.
    expect(w.venue.control.balances('alice')['USDT']).toEqual({ free: '85000', locked: '15000' });
    expect(w.adapter.balances()).toEqual(w.venue.control.balances('alice'));

    w.venue.control.takeExternal({ symbol: 'BTC/USDT', side: 'sell', quantity: '0.2' });
    const partial = await w.run(w.adapter.fetchOrder('BTC/USDT', 'it-buy-1'));
    expectView(partial, { ...open, filled: '0.2', remaining: '0.3', status: 'partially_filled', averagePrice: '30000', fee: { asset: 'BTC', amount: '0.0002' } });
    // The fill spent 6000 locked USDT and brought 0.2 BTC less the 0.0002 BTC fee.
    expect(w.venue.control.balances('alice')['USDT']).toEqual({ free: '85000', locked: '9000' });
    expect(w.venue.control.balances('alice')['BTC']).toEqual({ free: '2.1998', locked: '0' });
    expect(w.adapter.balances()).toEqual(w.venue.control.balances('alice'));

    const canceled = await w.run(w.adapter.cancel('BTC/USDT', 'it-buy-1'));
    expectView(canceled, { ...open, filled: '0.2', remaining: '0.3', status: 'canceled', averagePrice: '30000', fee: { asset: 'BTC', amount: '0.0002' } });
    // The unfilled 0.3 x 30000 is released.
    expect(w.venue.control.balances('alice')['USDT']).toEqual({ free: '94000', locked: '0' });
    expect(w.adapter.balances()).toEqual(w.venue.control.balances('alice'));
    expect(w.adapter.orders()).toEqual([canceled]);

    const report = await w.run(w.adapter.reconcile());
    expect(report.drift).toEqual([]);
    expect(w.adapter.balances()).toEqual(w.venue.control.balances('alice'));
    expect(w.adapter.orders()).toEqual([canceled]);
  });

  it('an IOC takes what crosses and expires the rest; a MARKET buy by cost spends what the book sells; a lost MARKET answer is found once', async () => {
    await openWorld(LOST_ANSWER_TIMEOUT_MS);
    w.venue.control.placeExternalOrder({ symbol: 'BTC/USDT', side: 'sell', price: '30000', quantity: '0.001' });
    w.venue.control.placeExternalOrder({ symbol: 'BTC/USDT', side: 'sell', price: '30010', quantity: '0.001' });
    const ioc = await w.run(w.adapter.place({ clientOrderId: 'it-ioc-1', symbol: 'BTC/USDT', side: 'buy', type: 'limit', timeInForce: 'IOC', price: '30005', amount: '0.003' }));
    expectView(ioc, {
      clientOrderId: 'it-ioc-1', venueOrderId: venueOrderIdOf(w.venue, 'it-ioc-1'), symbol: 'BTC/USDT', side: 'buy', price: '30005', amount: '0.003',
      filled: '0.001', remaining: '0.002', status: 'expired', averagePrice: '30000', fee: { asset: 'BTC', amount: '0.000001' },
    });
    expect(w.adapter.balances()).toEqual(w.venue.control.balances('alice'));
    expect(w.adapter.balances()['USDT']).toEqual({ free: '99970', locked: '0' });

    w.venue.nemesis.schedule({ kind: 'response_lost' }, { matching: POST_ORDER });
    const market = await w.run(w.adapter.place({ clientOrderId: 'it-mkt-1', symbol: 'BTC/USDT', side: 'buy', type: 'market_cost', cost: '20.009' }));
    // 20.00 at 30010 buys 0.00066 (on the 0.00001 step) for 19.8066.
    expectView(market, {
      clientOrderId: 'it-mkt-1', venueOrderId: venueOrderIdOf(w.venue, 'it-mkt-1'), symbol: 'BTC/USDT', side: 'buy', price: '0', amount: '0.00066',
      filled: '0.00066', remaining: '0', status: 'filled', averagePrice: '30010', fee: { asset: 'BTC', amount: '0.00000066' },
    });
    expect(postCount(w.venue)).toBe(2);
    expect(venueOrdersWith(w.venue, 'it-mkt-1')).toHaveLength(1);
    expect(w.adapter.balances()['USDT']).toEqual({ free: '99950.1934', locked: '0' });
    expect(w.adapter.balances()).toEqual(w.venue.control.balances('alice'));
    expect((await w.run(w.adapter.reconcile())).drift).toEqual([]);
  });

  it('a placement whose answer is lost is resolved by its client order id: one venue order, no duplicate', async () => {
    // Over loopback the POST ends when ccxt's real timer fires; then the adapter's backoff sleep
    // (virtual, jumped by run) and the GET by origClientOrderId that finds the order.
    await openWorld(LOST_ANSWER_TIMEOUT_MS);
    w.venue.nemesis.schedule({ kind: 'response_lost' }, { matching: POST_ORDER });
    const view = await w.run(w.adapter.place(buy('it-lost-1', '29000', '0.1')));
    expectView(view, {
      clientOrderId: 'it-lost-1',
      venueOrderId: venueOrderIdOf(w.venue, 'it-lost-1'),
      symbol: 'BTC/USDT',
      side: 'buy',
      price: '29000',
      amount: '0.1',
      filled: '0',
      remaining: '0.1',
      status: 'open',
    });
    // The fault hit the one POST, and no second POST was sent: the lookup found the order.
    expect(w.venue.control.events().filter((event) => event.type === 'fault' && event.kind === 'response_lost')).toHaveLength(1);
    expect(postCount(w.venue)).toBe(1);
    expect(venueOrdersWith(w.venue, 'it-lost-1')).toHaveLength(1);
    expect(w.adapter.orders()).toEqual([view]);
    expect(w.adapter.balances()).toEqual(w.venue.control.balances('alice'));
    expect(w.adapter.balances()['USDT']).toEqual({ free: '97100', locked: '2900' });

    const report = await w.run(w.adapter.reconcile());
    expect(report.drift).toEqual([]);
    expect(w.adapter.balances()).toEqual(w.venue.control.balances('alice'));
    expect(venueOrdersWith(w.venue, 'it-lost-1')).toHaveLength(1);
  });
});
