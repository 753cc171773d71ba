/**
 * Binance's self-trade prevention (spot FAQ "Self Trade Prevention"): when a taker would match
 * a resting order of the same account, the taker's mode decides what expires instead of a trade:
 * - NONE: the trade happens (an account trading with itself pays both fees);
 * - EXPIRE_TAKER: the taker's whole remaining quantity expires, the maker stays;
 * - EXPIRE_MAKER: the maker expires and the taker goes on matching deeper in the book;
 * - EXPIRE_BOTH: both expire.
 * Expired orders get Binance's status EXPIRED_IN_MATCH.
 *
 * The venue's default is NONE, listed as `defaultSelfTradePreventionMode` in exchangeInfo.
 * Binance spot lists EXPIRE_MAKER on its symbols today, but the reference adapter and its
 * model-based properties rely on an account's crossing LIMIT GTC orders trading (and do not parse
 * EXPIRED_IN_MATCH yet), so switching the default is a change for them first. A client asks for
 * any mode per order with `selfTradePreventionMode`. The control API's external orders use NONE:
 * the 'external' account stands for many traders.
 * DECREMENT and TRANSFER are not offered (allowedSelfTradePreventionModes lists the four above).
 */
export const SELF_TRADE_PREVENTION_MODES = ['NONE', 'EXPIRE_TAKER', 'EXPIRE_MAKER', 'EXPIRE_BOTH'] as const;
export type SelfTradePreventionMode = (typeof SELF_TRADE_PREVENTION_MODES)[number];

export const DEFAULT_SELF_TRADE_PREVENTION_MODE: SelfTradePreventionMode = 'NONE';

/** What a prevented match expires under `mode` (never called for NONE). */
export function expiredBy(mode: Exclude<SelfTradePreventionMode, 'NONE'>): { maker: boolean; taker: boolean } {
  return { maker: mode !== 'EXPIRE_TAKER', taker: mode !== 'EXPIRE_MAKER' };
}
