import { ZERO, dec, formatDecimal, type Decimal, type DecimalInput } from '../domain/decimal';
import type { Balances } from '../domain/balance';
import type { Side } from '../domain/order';
import type { BalanceDrift } from './contract';

/** What the ledger needs to know of an order: its market's assets, side and limit price. */
export interface LedgerOrder {
  side: Side;
  base: string;
  quote: string;
  /** The limit price L the reserve was computed with. */
  price: DecimalInput;
}

/** One trade as it settles: quantity q at price p, commission c charged in `commissionAsset`. */
export interface LedgerTrade {
  price: DecimalInput;
  quantity: DecimalInput;
  commission: DecimalInput;
  commissionAsset: string;
}

interface Holding {
  free: Decimal;
  locked: Decimal;
}

/**
 * The adapter's local free and locked per asset, moved by exactly the venue's rules:
 * - place: a buy locks amount × L of the quote, a sell locks amount of the base;
 * - a buy trade of q at p releases q × L of locked quote, returns q × (L − p) to free quote
 *   (price improvement) and credits q of base; a sell trade releases q of locked base and
 *   credits q × p of quote; the commission the venue reported is then debited from its asset
 *   (the asset received, at the venue), never recomputed here;
 * - cancel: what stays reserved (remaining × L quote, or remaining base) returns to free.
 * Pure bookkeeping: the adapter calls it only for what the venue has confirmed.
 */
export class BalanceLedger {
  private readonly holdings = new Map<string, Holding>();

  /** Replaces the whole ledger with the venue's balances. */
  adopt(venue: Balances): void {
    this.holdings.clear();
    for (const [asset, balance] of Object.entries(venue)) {
      this.holdings.set(asset, { free: dec(balance.free), locked: dec(balance.locked) });
    }
  }

  reserveForOrder(order: LedgerOrder, amount: DecimalInput): void {
    const reserve = reserveOf(order, dec(amount));
    this.move(reserve.asset, reserve.amount.negated(), reserve.amount);
  }

  settleTrade(order: LedgerOrder, trade: LedgerTrade): void {
    const limit = dec(order.price);
    const price = dec(trade.price);
    const quantity = dec(trade.quantity);
    if (order.side === 'buy') {
      this.move(order.quote, quantity.times(limit.minus(price)), quantity.times(limit).negated());
      this.move(order.base, quantity, ZERO);
    } else {
      this.move(order.base, ZERO, quantity.negated());
      this.move(order.quote, quantity.times(price), ZERO);
    }
    this.move(trade.commissionAsset, dec(trade.commission).negated(), ZERO);
  }

  releaseOnCancel(order: LedgerOrder, remaining: DecimalInput): void {
    const reserve = reserveOf(order, dec(remaining));
    this.move(reserve.asset, reserve.amount, reserve.amount.negated());
  }

  /**
   * Canonical balances: decimals in plain form, assets holding nothing left out (the Balances
   * rule: an absent asset holds zero), so two views compare with a plain deep equality.
   */
  balances(): Balances {
    const result: Balances = {};
    for (const [asset, holding] of this.holdings) {
      if (holding.free.isZero() && holding.locked.isZero()) continue;
      result[asset] = { free: formatDecimal(holding.free), locked: formatDecimal(holding.locked) };
    }
    return result;
  }

  /** Every asset and field where the ledger differs from the venue's balances. */
  driftFrom(venue: Balances): BalanceDrift[] {
    const assets = [...new Set([...this.holdings.keys(), ...Object.keys(venue)])].sort();
    const drift: BalanceDrift[] = [];
    for (const asset of assets) {
      const local = this.holdings.get(asset) ?? { free: ZERO, locked: ZERO };
      const theirs = venue[asset];
      const venueHolding = theirs === undefined ? { free: ZERO, locked: ZERO } : { free: dec(theirs.free), locked: dec(theirs.locked) };
      for (const field of ['free', 'locked'] as const) {
        if (!local[field].eq(venueHolding[field])) {
          drift.push({ asset, field, local: formatDecimal(local[field]), venue: formatDecimal(venueHolding[field]) });
        }
      }
    }
    return drift;
  }

  private move(asset: string, freeChange: Decimal, lockedChange: Decimal): void {
    const holding = this.holdings.get(asset) ?? { free: ZERO, locked: ZERO };
    this.holdings.set(asset, { free: holding.free.plus(freeChange), locked: holding.locked.plus(lockedChange) });
  }
}

/** What `amount` of an order keeps reserved: quote at the limit price for a buy, base for a sell. */
function reserveOf(order: LedgerOrder, amount: Decimal): { asset: string; amount: Decimal } {
  return order.side === 'buy' ? { asset: order.quote, amount: amount.times(dec(order.price)) } : { asset: order.base, amount };
}
