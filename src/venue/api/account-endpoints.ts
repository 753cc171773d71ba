import { ZERO } from '../../domain/decimal';
import { legsOf, type TradeLeg } from '../engine/trade';
import type { ApiKeyEntry } from './api-keys';
import { marketById, type ApiContext } from './context';
import { apiErrors } from './errors';
import { AccountParamsSchema, MyTradesParamsSchema, parseParams, type RawParams } from './params';
import { accountBody, myTradeBody } from './responses';

/** Binance's myTrades limit: default 500, max 1000. */
const DEFAULT_TRADES_LIMIT = 500;
const MAX_TRADES_LIMIT = 1000;

/**
 * GET /api/v3/account. Like Binance it lists every asset the venue trades (zero or not) unless
 * omitZeroBalances=true, listed markets' assets first, in listing order.
 */
export function account(ctx: ApiContext, raw: RawParams, caller: ApiKeyEntry): unknown {
  const params = parseParams(AccountParamsSchema, raw);
  const held = ctx.engine.ledger.balancesOf(caller.account);
  const assets = [...new Set([...ctx.markets.flatMap((market) => [market.base, market.quote]), ...held.keys()])];
  const balances = assets
    .map((asset) => ({ asset, free: held.get(asset)?.free ?? ZERO, locked: held.get(asset)?.locked ?? ZERO }))
    .filter((balance) => params.omitZeroBalances !== 'true' || !balance.free.plus(balance.locked).isZero());
  return accountBody({ uid: caller.uid, makerRate: ctx.makerRate, takerRate: ctx.takerRate, balances, updateTime: ctx.now() });
}

/**
 * GET /api/v3/myTrades: the account's trades on one symbol, ascending by id. With fromId,
 * startTime or orderId the oldest matching `limit` trades; otherwise the most recent `limit`.
 */
export function myTrades(ctx: ApiContext, raw: RawParams, caller: ApiKeyEntry): unknown {
  const params = parseParams(MyTradesParamsSchema, raw);
  const market = marketById(ctx, params.symbol);
  const limit = params.limit ?? DEFAULT_TRADES_LIMIT;
  if (limit < 1 || limit > MAX_TRADES_LIMIT) throw apiErrors.invalidParameter('limit');
  const matching = ctx.engine
    .tradesOf(market)
    .flatMap((trade) => legsOf(trade))
    .filter((leg: TradeLeg) => leg.order.account === caller.account)
    .filter((leg) => params.orderId === undefined || leg.order.orderId === params.orderId)
    .filter((leg) => params.fromId === undefined || leg.trade.id >= params.fromId)
    .filter((leg) => params.startTime === undefined || leg.trade.at >= params.startTime)
    .filter((leg) => params.endTime === undefined || leg.trade.at <= params.endTime);
  const fromOldest = params.fromId !== undefined || params.startTime !== undefined || params.orderId !== undefined;
  const page = fromOldest ? matching.slice(0, limit) : matching.slice(-limit);
  return page.map(myTradeBody);
}
