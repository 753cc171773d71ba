import { describe, expect, it } from 'vitest';
import { createAdapter } from '../../src/exchange/reference-adapter';
import { checkInPremerge } from '../premerge-check';
import { exactlyOnceUnderLostResponses } from './exactly-once-under-lost-responses';

describe('exactly-once-under-lost-responses in the premerge profile', () => {
  it('injects every fault its commands schedule, on placements and order queries alike, and passes on the reference adapter', async () => {
    const faults = new Map<string, number>();
    const { outcome } = await checkInPremerge(exactlyOnceUnderLostResponses, createAdapter, (world) => {
      for (const event of world.venue.control.events()) if (event.type === 'fault') faults.set(`${event.kind} ${event.method}`, (faults.get(`${event.kind} ${event.method}`) ?? 0) + 1);
    });
    expect(outcome.failure).toBeUndefined();
    for (const kind of ['response_lost POST', 'connection_reset POST', 'server_error POST', 'connection_reset GET', 'server_error GET', 'read_lag GET']) {
      expect(faults.get(kind) ?? 0, kind).toBeGreaterThan(0);
    }
  });
});
