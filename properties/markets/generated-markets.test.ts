import { describe, expect, it } from 'vitest';
import { dec } from '../../src/domain/decimal';
import type { Market } from '../../src/domain/market';
import { createAdapter } from '../../src/exchange/reference-adapter';
import { decimalPrecision } from '../data-integrity/decimal-precision';
import { ledgerConservation } from '../data-integrity/ledger-conservation';
import { checkInPremerge } from '../premerge-check';
import { TRADER, type TradingWorld } from '../world';
import { REFERENCE_PRICES } from './reference-price';

/** What the venue of each observed run listed and accepted from the trader, on generated markets only. */
interface Seen {
  runs: number;
  generatedRuns: number;
  markets: Market[];
  /** Orders of ours the venue accepted on a generated market: its tick, step and the price. */
  accepted: Array<{ tick: string; step: string; price: string }>;
}

function observer(seen: Seen) {
  return (world: TradingWorld): void => {
    seen.runs += 1;
    const generated = world.venue.markets.filter((market) => REFERENCE_PRICES[market.symbol] === undefined);
    if (generated.length === 0) return;
    seen.generatedRuns += 1;
    seen.markets.push(...generated);
    for (const event of world.venue.control.events()) {
      if (event.type !== 'order_accepted' || event.order.account !== TRADER) continue;
      const market = generated.find((candidate) => candidate.symbol === event.order.symbol);
      if (market !== undefined) seen.accepted.push({ tick: market.priceFilter.tickSize, step: market.lotSize.stepSize, price: event.order.price });
    }
  };
}

describe('generated markets (issue 10)', () => {
  it.each([decimalPrecision, ledgerConservation])('$name holds in the premerge profile on generated markets that reach the venue', async (property) => {
    const seen: Seen = { runs: 0, generatedRuns: 0, markets: [], accepted: [] };
    const { outcome } = await checkInPremerge(property, createAdapter, observer(seen));
    expect(outcome.failure).toBeUndefined();
    // Defaults in two runs of three, generated markets in the rest.
    expect(seen.generatedRuns).toBeGreaterThan(seen.runs / 6);
    expect(seen.generatedRuns).toBeLessThan(seen.runs / 2);
    // The venue listed non-USDT quotes, 8-decimal steps, and markets trading above 1e5 and below 1e-4.
    expect(seen.markets.some((market) => market.quote !== 'USDT')).toBe(true);
    expect(seen.markets.some((market) => market.lotSize.stepSize === '0.00000001')).toBe(true);
    // And accepted orders of ours on them: on 8-decimal steps, above 1e5 and below 1e-4.
    expect(seen.accepted.some((order) => order.step === '0.00000001')).toBe(true);
    expect(seen.accepted.some((order) => dec(order.price).gt('100000'))).toBe(true);
    expect(seen.accepted.some((order) => dec(order.price).lt('0.0001'))).toBe(true);
  }, 120_000);
});
