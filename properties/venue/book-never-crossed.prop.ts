import { test } from '@fast-check/vitest';
import { expect } from 'vitest';
import { dec } from '../../src/domain/decimal';
import { GRIDS, runChecked, venueActions, type VenueWorld } from './venue-world';

/**
 * After matching, no book is crossed: the best bid is below the best ask. Levels are also in
 * price order (bids descending, asks ascending), one per price, each with a positive quantity:
 * a crossed or unsorted book means the engine left something resting it should have matched.
 */
function checkBooks({ venue }: VenueWorld): void {
  for (const { symbol } of GRIDS) {
    const { bids, asks } = venue.control.book(symbol);
    const strictly = (levels: Array<[string, string]>, descending: boolean): boolean =>
      levels.every(([price], index) => {
        const previous = levels[index - 1];
        if (previous === undefined) return true;
        return descending ? dec(previous[0]).gt(dec(price)) : dec(previous[0]).lt(dec(price));
      });
    expect({ symbol, bidsSorted: strictly(bids, true), asksSorted: strictly(asks, false) }).toEqual({ symbol, bidsSorted: true, asksSorted: true });
    expect({ symbol, emptyLevel: [...bids, ...asks].some(([, quantity]) => !dec(quantity).gt(0)) }).toEqual({ symbol, emptyLevel: false });
    const [bestBid] = bids;
    const [bestAsk] = asks;
    if (bestBid !== undefined && bestAsk !== undefined) {
      expect({ symbol, bestBid: bestBid[0], bestAsk: bestAsk[0], crossed: !dec(bestBid[0]).lt(dec(bestAsk[0])) }).toEqual({ symbol, bestBid: bestBid[0], bestAsk: bestAsk[0], crossed: false });
    }
  }
}

test.prop([venueActions], { seed: 4_401, numRuns: 40 })('the book is never crossed after matching', async (actions) => {
  await runChecked('venue-book', actions, checkBooks);
});
