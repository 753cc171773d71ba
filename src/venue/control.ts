import type { RandomStream } from '../clock/random';
import type { Balances } from '../domain/balance';
import { dec, formatDecimal, ZERO, type Decimal } from '../domain/decimal';
import type { Market } from '../domain/market';
import type { ApiKeyRegistry } from './api/api-keys';
import type { Execution, MatchingEngine } from './engine/engine';
import { violatedFilter } from './engine/filters';
import { remainingOf, reservedAsset, toSnapshot } from './engine/order';
import { toVenueFill } from './engine/trade';
import type { RateLimiter } from './limits/rate-limiter';
import type { ExternalResult, VenueControl } from './types';

/** The internal account other traders' orders belong to; the venue funds it as needed. */
export const EXTERNAL_ACCOUNT = 'external';

/** Binance-like account ids, reported as `uid`. */
const FIRST_UID = 100_000_001;
const API_KEY_LENGTH = 64;

export interface ControlDeps {
  engine: MatchingEngine;
  keys: ApiKeyRegistry;
  markets: readonly Market[];
  /** The seeded stream keys and secrets are drawn from ('venue-credentials'). */
  credentials: RandomStream;
  limiter: RateLimiter;
  now: () => number;
}

export function createControl({ engine, keys, markets, credentials, limiter, now }: ControlDeps): VenueControl {
  let accountsCreated = 0;
  let externalOrders = 0;

  const marketOf = (symbol: string): Market => {
    const market = markets.find((candidate) => candidate.symbol === symbol || candidate.id === symbol);
    if (market === undefined) throw new RangeError(`the venue lists no market ${symbol}`);
    return market;
  };

  /** Tops the external account up with a recorded deposit just large enough for `need`. */
  const fundExternal = (asset: string, need: Decimal): void => {
    if (!engine.ledger.has(EXTERNAL_ACCOUNT)) engine.openAccount(EXTERNAL_ACCOUNT);
    const shortfall = need.minus(engine.ledger.free(EXTERNAL_ACCOUNT, asset));
    if (shortfall.gt(0)) engine.deposit(EXTERNAL_ACCOUNT, asset, shortfall);
  };

  const nextExternalId = (): string => {
    externalOrders += 1;
    return `external-${externalOrders}`;
  };

  const asResult = (execution: Execution): ExternalResult => ({ order: toSnapshot(execution.order), fills: execution.trades.map(toVenueFill) });

  return {
    createAccount(name) {
      if (name === EXTERNAL_ACCOUNT) throw new RangeError(`account name ${EXTERNAL_ACCOUNT} is the venue's own`);
      engine.openAccount(name);
      const apiKey = credentials.token(API_KEY_LENGTH);
      const secret = credentials.token(API_KEY_LENGTH);
      keys.register(apiKey, { account: name, secret, uid: FIRST_UID + accountsCreated });
      accountsCreated += 1;
      return { apiKey, secret };
    },
    deposit(account, asset, amount) {
      engine.deposit(account, asset, dec(amount));
    },
    accounts: () => engine.ledger.accountNames().sort(),
    balances(account) {
      const balances: Balances = {};
      for (const [asset, balance] of engine.ledger.balancesOf(account)) {
        balances[asset] = { free: formatDecimal(balance.free), locked: formatDecimal(balance.locked) };
      }
      return balances;
    },
    order(account, symbol, clientOrderId) {
      const order = engine.findOrder(account, marketOf(symbol), { clientOrderId });
      return order === undefined ? undefined : toSnapshot(order);
    },
    orders(account, since = 0) {
      return engine.ordersOf(account).slice(since).map(toSnapshot);
    },
    placeExternalOrder(input) {
      const market = marketOf(input.symbol);
      const price = dec(input.price);
      const quantity = dec(input.quantity);
      const filter = violatedFilter(market, price, quantity);
      if (filter !== undefined) throw new RangeError(`external order breaks ${filter} of ${market.symbol}`);
      fundExternal(reservedAsset(market, input.side), input.side === 'buy' ? quantity.times(price) : quantity);
      // NONE: the external account stands for many traders, whose orders trade with each other.
      const result = engine.placeLimit({ account: EXTERNAL_ACCOUNT, market, side: input.side, price, quantity, clientOrderId: nextExternalId(), selfTradePreventionMode: 'NONE' });
      if (!result.ok) throw new Error(`external order refused: ${result.reason}`);
      return asResult(result.value);
    },
    takeExternal(input) {
      const market = marketOf(input.symbol);
      const quantity = dec(input.quantity);
      const limitPrice = input.limitPrice === undefined ? undefined : dec(input.limitPrice);
      const filter = violatedFilter(market, limitPrice, quantity);
      const checked = input.severalTakers === true ? filter === 'PRICE_FILTER' : filter !== undefined && filter !== 'NOTIONAL';
      if (filter !== undefined && checked) throw new RangeError(`external take breaks ${filter} of ${market.symbol}`);
      const planned = engine.planSweep(market, input.side, quantity, limitPrice);
      const need = planned.reduce((sum, fill) => sum.plus(input.side === 'buy' ? fill.quantity.times(fill.price) : fill.quantity), ZERO);
      if (need.gt(0)) fundExternal(reservedAsset(market, input.side), need);
      else if (!engine.ledger.has(EXTERNAL_ACCOUNT)) engine.openAccount(EXTERNAL_ACCOUNT);
      return asResult(engine.sweep({ account: EXTERNAL_ACCOUNT, market, side: input.side, quantity, limitPrice, clientOrderId: nextExternalId() }));
    },
    book(symbol) {
      const book = engine.bookOf(marketOf(symbol));
      const levels = (side: 'buy' | 'sell'): Array<[string, string]> => {
        const aggregated: Array<[Decimal, Decimal]> = [];
        for (const order of book.side(side)) {
          const last = aggregated[aggregated.length - 1];
          const remaining = remainingOf(order);
          if (last !== undefined && last[0].eq(order.price)) last[1] = last[1].plus(remaining);
          else aggregated.push([order.price, remaining]);
        }
        return aggregated.map(([price, quantity]) => [formatDecimal(price), formatDecimal(quantity)]);
      };
      return { bids: levels('buy'), asks: levels('sell') };
    },
    feesCollected: () => asRecord(engine.ledger.feesCollected()),
    deposits: () => asRecord(engine.ledger.deposits()),
    holdings: () => asRecord(engine.ledger.holdings()),
    events: () => engine.log.all(),
    eventLog: () => engine.log.toJsonLines(),
    limits: () => limiter.snapshot(now()),
    weightWindows: () => limiter.windows('REQUEST_WEIGHT'),
    limitWindows: () => limiter.windows(),
  };
}

function asRecord(values: ReadonlyMap<string, Decimal>): Record<string, string> {
  const record: Record<string, string> = {};
  for (const [asset, value] of values) record[asset] = formatDecimal(value);
  return record;
}
