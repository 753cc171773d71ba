import fc from 'fast-check';
import { RandomSource } from '../../src/clock/random';
import { VirtualClock } from '../../src/clock/virtual-clock';
import { dec } from '../../src/domain/decimal';
import type { Credentials } from '../../src/exchange/contract';
import { createVenue } from '../../src/venue';
import type { VenueHttpRequest, VenueHttpResponse } from '../../src/venue/api/http-message';
import { signedRequest } from '../../src/venue/testing/signed-request';
import type { Venue } from '../../src/venue/types';

/**
 * The world the venue properties drive: one venue on a virtual clock, two funded accounts, and
 * random sequences of Binance requests (through `venue.handle`, so raw bodies can be checked)
 * mixed with control API actions (other traders' orders and takes, deposits, clock advances).
 * Requests that the venue rejects are as welcome as accepted ones: every invariant must hold
 * after both.
 */

export const ACCOUNTS = ['alice', 'bob'] as const;
export type AccountName = (typeof ACCOUNTS)[number];

/** Two markets sharing BTC, so one asset moves through both books. */
interface MarketGrid {
  symbol: string;
  id: string;
  base: string;
  quote: string;
  /** Prices are mid + k x priceStep, k in [-10, 10]: close enough to cross often. */
  mid: string;
  priceStep: string;
  /** Quantities are n x quantityStep, n in [1, 20]: on the lot step, above the minimum notional. */
  quantityStep: string;
}

export const GRIDS: readonly MarketGrid[] = [
  { symbol: 'BTC/USDT', id: 'BTCUSDT', base: 'BTC', quote: 'USDT', mid: '30000', priceStep: '1.5', quantityStep: '0.001' },
  { symbol: 'ETH/BTC', id: 'ETHBTC', base: 'ETH', quote: 'BTC', mid: '0.05', priceStep: '0.0001', quantityStep: '0.01' },
];
export const ASSETS = ['BTC', 'USDT', 'ETH'] as const;

const INITIAL_FUNDS: Readonly<Record<(typeof ASSETS)[number], string>> = { USDT: '20000', BTC: '0.5', ETH: '5' };

export type OrderType = 'LIMIT' | 'LIMIT_MAKER' | 'MARKET';

export type VenueAction =
  | {
      kind: 'order';
      account: AccountName;
      market: number;
      side: 'BUY' | 'SELL';
      type: OrderType;
      timeInForce: 'GTC' | 'IOC' | 'FOK';
      priceTicks: number;
      quantitySteps: number;
      /** MARKET only: spend or receive this much quote instead of a base quantity. */
      byQuote: boolean;
      respType: 'ACK' | 'RESULT' | 'FULL' | undefined;
    }
  /** Cancels (and queries) pick one of the account's sent orders, on that order's market. */
  | { kind: 'cancel'; account: AccountName; pick: number; byOrderId: boolean }
  | { kind: 'cancelAll'; account: AccountName; market: number }
  | { kind: 'query'; account: AccountName; pick: number }
  | { kind: 'openOrders'; account: AccountName; market: number | undefined }
  | { kind: 'allOrders'; account: AccountName; market: number }
  | { kind: 'myTrades'; account: AccountName; market: number; limit: number | undefined }
  | { kind: 'account'; account: AccountName }
  | { kind: 'public'; path: '/api/v3/time' | '/api/v3/exchangeInfo' | '/api/v3/ping' }
  | { kind: 'externalOrder'; market: number; side: 'buy' | 'sell'; priceTicks: number; quantitySteps: number }
  | { kind: 'externalTake'; market: number; side: 'buy' | 'sell'; quantitySteps: number; limitTicks: number | undefined }
  | { kind: 'deposit'; account: AccountName; asset: (typeof ASSETS)[number]; units: number }
  | { kind: 'advance'; ms: number };

const account = fc.constantFrom(...ACCOUNTS);
const market = fc.integer({ min: 0, max: GRIDS.length - 1 });
const ticks = fc.integer({ min: -10, max: 10 });
const steps = fc.integer({ min: 1, max: 20 });

/** The order types a request may carry; a venue without one simply rejects it, which is fine. */
export function orderAction(types: readonly OrderType[] = ['LIMIT', 'LIMIT_MAKER', 'MARKET']): fc.Arbitrary<VenueAction> {
  return fc.record({
    kind: fc.constant('order' as const),
    account,
    market,
    side: fc.constantFrom('BUY' as const, 'SELL' as const),
    type: fc.constantFrom(...types),
    timeInForce: fc.constantFrom('GTC' as const, 'GTC' as const, 'IOC' as const, 'FOK' as const),
    priceTicks: ticks,
    quantitySteps: steps,
    byQuote: fc.boolean(),
    respType: fc.constantFrom(undefined, 'ACK' as const, 'RESULT' as const, 'FULL' as const),
  });
}

export const venueAction: fc.Arbitrary<VenueAction> = fc.oneof(
  { weight: 8, arbitrary: orderAction() },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('cancel' as const), account, pick: fc.nat(50), byOrderId: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('cancelAll' as const), account, market }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('query' as const), account, pick: fc.nat(50) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('openOrders' as const), account, market: fc.option(market, { nil: undefined }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('allOrders' as const), account, market }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('myTrades' as const), account, market, limit: fc.option(fc.integer({ min: 1, max: 5 }), { nil: undefined }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('account' as const), account }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('public' as const), path: fc.constantFrom('/api/v3/time' as const, '/api/v3/exchangeInfo' as const, '/api/v3/ping' as const) }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('externalOrder' as const), market, side: fc.constantFrom('buy' as const, 'sell' as const), priceTicks: ticks, quantitySteps: steps }) },
  {
    weight: 2,
    arbitrary: fc.record({ kind: fc.constant('externalTake' as const), market, side: fc.constantFrom('buy' as const, 'sell' as const), quantitySteps: steps, limitTicks: fc.option(ticks, { nil: undefined }) }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('deposit' as const), account, asset: fc.constantFrom(...ASSETS), units: fc.integer({ min: 1, max: 1000 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('advance' as const), ms: fc.constantFrom(0, 1, 999, 10_000, 61_000) }) },
);

export const venueActions = fc.array(venueAction, { minLength: 5, maxLength: 40, size: 'medium' });

/** One request the world sent and what came back, with the route it was sent to. */
export interface Exchange {
  route: string;
  request: VenueHttpRequest;
  response: VenueHttpResponse;
}

export interface VenueWorld {
  clock: VirtualClock;
  venue: Venue;
  /** Every request sent so far, in order. */
  exchanges: Exchange[];
  apply(action: VenueAction): Promise<Exchange | undefined>;
}

function gridValue(base: string, step: string, multiple: number): string {
  return dec(base).plus(dec(step).times(multiple)).toFixed();
}

function gridOf(index: number): MarketGrid {
  const grid = GRIDS[index];
  if (grid === undefined) throw new RangeError(`no market grid ${index}`);
  return grid;
}

export function createVenueWorld(seed: string): VenueWorld {
  const clock = new VirtualClock();
  const venue = createVenue({ clock, random: new RandomSource(seed) });
  const credentials = new Map<AccountName, Credentials>();
  for (const name of ACCOUNTS) {
    credentials.set(name, venue.control.createAccount(name));
    for (const asset of ASSETS) venue.control.deposit(name, asset, INITIAL_FUNDS[asset]);
  }
  const exchanges: Exchange[] = [];
  let nextClientId = 0;
  /** Client order ids this world sent, per account, so cancels and queries hit real orders. */
  const sentIds = new Map<AccountName, Array<{ clientOrderId: string; grid: MarketGrid }>>(ACCOUNTS.map((name) => [name, []]));

  const credentialsOf = (name: AccountName): Credentials => {
    const found = credentials.get(name);
    if (found === undefined) throw new RangeError(`no account ${name}`);
    return found;
  };
  const send = (name: AccountName | undefined, method: string, path: string, params: Record<string, string>): Exchange => {
    const request: VenueHttpRequest =
      name === undefined ? { method, path, query: new URLSearchParams(params).toString(), headers: {}, body: '' } : signedRequest(credentialsOf(name), method, path, params, clock.now());
    const exchange = { route: `${method} ${path}`, request, response: venue.handle(request) };
    exchanges.push(exchange);
    return exchange;
  };
  const pickId = (name: AccountName, pick: number): { clientOrderId: string; grid: MarketGrid } => {
    const ids = sentIds.get(name) ?? [];
    // An id never sent is a fair request too: the venue must answer it with -2011 / -2013.
    return ids[pick % Math.max(1, ids.length)] ?? { clientOrderId: 'never-sent', grid: gridOf(0) };
  };

  const apply = async (action: VenueAction): Promise<Exchange | undefined> => {
    switch (action.kind) {
      case 'order': {
        const grid = gridOf(action.market);
        const clientOrderId = `w-${nextClientId}`;
        nextClientId += 1;
        sentIds.get(action.account)?.push({ clientOrderId, grid });
        const params: Record<string, string> = { symbol: grid.id, side: action.side, type: action.type, newClientOrderId: clientOrderId };
        const quantity = gridValue('0', grid.quantityStep, action.quantitySteps);
        if (action.type === 'MARKET') {
          if (action.byQuote) params.quoteOrderQty = dec(quantity).times(grid.mid).toFixed();
          else params.quantity = quantity;
        } else {
          params.quantity = quantity;
          params.price = gridValue(grid.mid, grid.priceStep, action.priceTicks);
          if (action.type === 'LIMIT') params.timeInForce = action.timeInForce;
        }
        if (action.respType !== undefined) params.newOrderRespType = action.respType;
        return send(action.account, 'POST', '/api/v3/order', params);
      }
      case 'cancel': {
        const { clientOrderId, grid } = pickId(action.account, action.pick);
        const order = venue.control.order(action.account, grid.symbol, clientOrderId);
        const ref: Record<string, string> = action.byOrderId && order !== undefined ? { orderId: order.orderId } : { origClientOrderId: clientOrderId };
        return send(action.account, 'DELETE', '/api/v3/order', { symbol: grid.id, ...ref });
      }
      case 'cancelAll':
        return send(action.account, 'DELETE', '/api/v3/openOrders', { symbol: gridOf(action.market).id });
      case 'query': {
        const { clientOrderId, grid } = pickId(action.account, action.pick);
        return send(action.account, 'GET', '/api/v3/order', { symbol: grid.id, origClientOrderId: clientOrderId });
      }
      case 'openOrders':
        return send(action.account, 'GET', '/api/v3/openOrders', action.market === undefined ? {} : { symbol: gridOf(action.market).id });
      case 'allOrders':
        return send(action.account, 'GET', '/api/v3/allOrders', { symbol: gridOf(action.market).id });
      case 'myTrades':
        return send(action.account, 'GET', '/api/v3/myTrades', { symbol: gridOf(action.market).id, ...(action.limit === undefined ? {} : { limit: String(action.limit) }) });
      case 'account':
        return send(action.account, 'GET', '/api/v3/account', {});
      case 'public':
        return send(undefined, 'GET', action.path, {});
      case 'externalOrder': {
        const grid = gridOf(action.market);
        venue.control.placeExternalOrder({
          symbol: grid.symbol,
          side: action.side,
          price: gridValue(grid.mid, grid.priceStep, action.priceTicks),
          quantity: gridValue('0', grid.quantityStep, action.quantitySteps),
        });
        return undefined;
      }
      case 'externalTake': {
        const grid = gridOf(action.market);
        venue.control.takeExternal({
          symbol: grid.symbol,
          side: action.side,
          quantity: gridValue('0', grid.quantityStep, action.quantitySteps),
          limitPrice: action.limitTicks === undefined ? undefined : gridValue(grid.mid, grid.priceStep, action.limitTicks),
        });
        return undefined;
      }
      case 'deposit':
        venue.control.deposit(action.account, action.asset, gridValue('0', action.asset === 'USDT' ? '1' : '0.001', action.units));
        return undefined;
      case 'advance':
        await clock.advance(action.ms);
        return undefined;
    }
  };

  return { clock, venue, exchanges, apply };
}

/** Runs `actions` in a fresh world, calling `check` after the setup and after every action. */
export async function runChecked(seed: string, actions: readonly VenueAction[], check: (world: VenueWorld, step: number) => void): Promise<VenueWorld> {
  const world = createVenueWorld(seed);
  check(world, -1);
  for (const [step, action] of actions.entries()) {
    await world.apply(action);
    check(world, step);
  }
  return world;
}
