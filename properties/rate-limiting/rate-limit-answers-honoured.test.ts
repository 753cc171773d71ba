import { describe, expect, it } from 'vitest';
import { createAdapter } from '../../src/exchange/reference-adapter';
import { checkInPremerge } from '../premerge-check';
import { rateLimitAnswersHonoured } from './rate-limit-answers-honoured';

describe('rate-limit-answers-honoured in the premerge profile', () => {
  it('meets both 429 storms and 418 bans, and passes on the reference adapter', async () => {
    const answered = new Map<number, number>();
    const { outcome } = await checkInPremerge(rateLimitAnswersHonoured, createAdapter, (world) => {
      for (const event of world.venue.control.events()) {
        const status = event.type === 'fault' && event.kind === 'rate_limit_storm' ? event.detail['status'] : undefined;
        if (typeof status === 'number') answered.set(status, (answered.get(status) ?? 0) + 1);
      }
    });
    expect(outcome.failure).toBeUndefined();
    expect(answered.get(429) ?? 0).toBeGreaterThan(0);
    expect(answered.get(418) ?? 0).toBeGreaterThan(0);
  });
});
