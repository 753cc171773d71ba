import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NOVELTY_STRETCH, fairShareMs, mayStartBatch } from './budget-share';

describe('fairShareMs', () => {
  it('splits the time left among the unfinished properties, as many at once as there are workers', () => {
    expect(fairShareMs({ now: 0, deadline: 300_000, workers: 2, properties: 16, finished: 0 })).toBe(37_500);
    // Eight finished early at 100 s: the other eight share 200 s on two workers.
    expect(fairShareMs({ now: 100_000, deadline: 300_000, workers: 2, properties: 16, finished: 8 })).toBe(50_000);
    // The last one alone gets all that is left, not a fraction of it.
    expect(fairShareMs({ now: 290_000, deadline: 300_000, workers: 2, properties: 16, finished: 15 })).toBe(10_000);
    expect(fairShareMs({ now: 300_001, deadline: 300_000, workers: 2, properties: 16, finished: 3 })).toBe(0);
  });

  it('never hands out more worker time than is left', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 16 }), fc.integer({ min: 1, max: 64 }), fc.integer({ min: 0, max: 1_000_000 }), (workers, properties, left) => {
        const finished = Math.floor(properties / 2);
        const unfinished = properties - finished;
        const share = fairShareMs({ now: 0, deadline: left, workers, properties, finished });
        expect(share).toBeLessThanOrEqual(left);
        expect(share * unfinished).toBeLessThanOrEqual(left * Math.min(workers, unfinished));
      }),
    );
  });
});

describe('mayStartBatch', () => {
  const base = { deadline: 1_000_000, started: 0, shareMs: 10_000 };

  it('runs batches within the share, novel or not', () => {
    expect(mayStartBatch({ ...base, now: 9_999, lastBatchNovel: false })).toBe(true);
    expect(mayStartBatch({ ...base, now: 10_000, lastBatchNovel: false })).toBe(false);
  });

  it(`past the share, goes on only while the last batch covered something new, up to ${NOVELTY_STRETCH} shares`, () => {
    expect(mayStartBatch({ ...base, now: 15_000, lastBatchNovel: true })).toBe(true);
    expect(mayStartBatch({ ...base, now: 15_000, lastBatchNovel: false })).toBe(false);
    expect(mayStartBatch({ ...base, now: NOVELTY_STRETCH * 10_000, lastBatchNovel: true })).toBe(false);
  });

  it('never starts a batch after the run deadline', () => {
    expect(mayStartBatch({ ...base, deadline: 5_000, now: 5_000, lastBatchNovel: true })).toBe(false);
  });
});
