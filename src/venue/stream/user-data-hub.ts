import { ZERO } from '../../domain/decimal';
import type { Market } from '../../domain/market';
import type { MatchingEngine } from '../engine/engine';
import type { VenueOrder } from '../engine/order';
import { userDataPayloads, type UserDataPayload, type UserDataView } from './user-data-events';

export type UserDataListener = (payload: UserDataPayload) => void;

/** Where a stream handler hears an account's payloads: the hub, or one connection's view of it. */
export interface UserDataSource {
  /** Hears every later payload of `account`; the returned function stops it. */
  listen(account: string, listener: UserDataListener): () => void;
}

/**
 * Fans the venue's user-data payloads out to whoever listens to an account (WS API
 * subscriptions, listenKey streams). It follows the event log synchronously, so balances are
 * read exactly as each event left them, and listeners of one account hear payloads in
 * event-log order. With nobody listening an event costs one map lookup: the order path stays fast.
 */
export class UserDataHub implements UserDataSource {
  private readonly listeners = new Map<string, readonly UserDataListener[]>();
  private readonly view: UserDataView;

  constructor(engine: MatchingEngine, markets: readonly Market[]) {
    const marketOf = (symbol: string): Market => {
      const market = markets.find((candidate) => candidate.symbol === symbol);
      if (market === undefined) throw new Error(`event for unlisted market ${symbol}`);
      return market;
    };
    this.view = {
      wants: (account) => this.listeners.has(account),
      market: marketOf,
      order: (account, symbol, orderId): VenueOrder => {
        const order = engine.findOrder(account, marketOf(symbol), { orderId: Number.parseInt(orderId, 10) });
        if (order === undefined) throw new Error(`event for unknown order ${orderId} of ${account}`);
        return order;
      },
      balance: (account, asset) => engine.ledger.balancesOf(account).get(asset) ?? { free: ZERO, locked: ZERO },
    };
    engine.log.subscribe((event) => {
      if (this.listeners.size === 0) return;
      for (const { account, payload } of userDataPayloads(event, this.view)) {
        for (const listener of this.listeners.get(account) ?? []) listener(payload);
      }
    });
  }

  /** Hears every later payload of `account`; the returned function stops it. */
  listen(account: string, listener: UserDataListener): () => void {
    this.listeners.set(account, [...(this.listeners.get(account) ?? []), listener]);
    return () => {
      const rest = (this.listeners.get(account) ?? []).filter((candidate) => candidate !== listener);
      if (rest.length === 0) this.listeners.delete(account);
      else this.listeners.set(account, rest);
    };
  }
}
