import type { Market } from '../../domain/market';
import { marketById, type ApiContext } from './context';
import { apiErrors } from './errors';

/**
 * The markets a ticker request names: `symbol` is answered with one object, `symbols` (a JSON
 * list) or neither with an array (Binance spot "Market Data endpoints", ticker/24hr, ticker/price,
 * ticker/bookTicker).
 */
export type SymbolSelection = { kind: 'one'; market: Market } | { kind: 'many'; markets: readonly Market[] };

export interface SymbolSelectionParams {
  symbol?: string | undefined;
  /** Already matched against Binance's pattern `["A","B"]` by the params schema. */
  symbols?: string | undefined;
  symbolStatus?: string | undefined;
}

const SYMBOL_STATUSES: ReadonlySet<string> = new Set(['TRADING', 'HALT', 'BREAK']);
/** Every venue market trades: exchangeInfo lists each with status TRADING. */
const VENUE_SYMBOL_STATUS = 'TRADING';

export function selectSymbols(ctx: ApiContext, params: SymbolSelectionParams): SymbolSelection {
  if (params.symbol !== undefined && params.symbols !== undefined) throw apiErrors.symbolAndSymbols();
  if (params.symbol !== undefined) return { kind: 'one', market: marketWithStatus(ctx, params.symbol, params.symbolStatus) };
  const markets = params.symbols === undefined ? ctx.markets : listedMarkets(ctx, params.symbols);
  // Binance: "For multiple or all symbols, non-matching ones are simply excluded from the response."
  return { kind: 'many', markets: matchesStatus(params.symbolStatus) ? markets : [] };
}

/**
 * One market by its id, checked against `symbolStatus` as Binance checks a single symbol: an
 * unknown status is -1122, a status the symbol does not have is -1220.
 */
export function marketWithStatus(ctx: ApiContext, symbol: string, symbolStatus: string | undefined): Market {
  const market = marketById(ctx, symbol);
  if (!matchesStatus(symbolStatus)) throw apiErrors.symbolStatusMismatch();
  return market;
}

function matchesStatus(symbolStatus: string | undefined): boolean {
  if (symbolStatus === undefined) return true;
  if (!SYMBOL_STATUSES.has(symbolStatus)) throw apiErrors.invalidSymbolStatus();
  return symbolStatus === VENUE_SYMBOL_STATUS;
}

/** The markets of a `symbols` list, in the order listed. */
function listedMarkets(ctx: ApiContext, symbols: string): Market[] {
  // The pattern admits only quoted ids separated by commas, so the quoted parts are the ids.
  const ids = [...symbols.matchAll(/"([^"]*)"/g)].map((match) => match[1] ?? '');
  // The pattern also admits "[]"; a list that names nothing is an empty parameter (-1102).
  if (ids.length === 0) throw apiErrors.mandatory('symbols');
  if (new Set(ids).size !== ids.length) throw apiErrors.duplicateSymbols();
  return ids.map((id) => marketById(ctx, id));
}
