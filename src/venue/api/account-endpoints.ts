import { ZERO } from '../../domain/decimal';
import { legsOf, type TradeLeg } from '../engine/trade';
import type { ApiKeyEntry } from './api-keys';
import { marketById, type ApiContext } from './context';
import { apiErrors } from './errors';
import { AccountParamsSchema, MyTradesParamsSchema, parseEndpointParams, type RawParams } from './params';
import { checkTimeWindow, pageLimit } from './paging';
import { accountBody, myTradeBody } from './responses';

/**
 * GET /api/v3/account. Like Binance it lists every asset the venue trades (zero or not) unless
 * omitZeroBalances=true, listed markets' assets first, in listing order.
 */
export function account(ctx: ApiContext, raw: RawParams, caller: ApiKeyEntry): unknown {
  const params = parseEndpointParams(AccountParamsSchema, raw);
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
 * Binance takes only these combinations besides symbol and limit: orderId, startTime, endTime,
 * fromId, startTime + endTime (at most 24 hours apart), orderId + fromId; others are -1128.
 */
export function myTrades(ctx: ApiContext, raw: RawParams, caller: ApiKeyEntry): unknown {
  const params = parseEndpointParams(MyTradesParamsSchema, raw);
  const market = marketById(ctx, params.symbol);
  const limit = pageLimit(params.limit);
  const byTime = params.startTime !== undefined || params.endTime !== undefined;
  if (byTime && (params.orderId !== undefined || params.fromId !== undefined)) throw apiErrors.optionalParametersCombination();
  checkTimeWindow(params.startTime, params.endTime);
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
