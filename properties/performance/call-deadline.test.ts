import { describe, expect, it } from 'vitest';
import { DEFAULT_ADAPTER_SETTINGS } from '../commands/default-adapter-settings';
import { callDeadlineMs, retriedOperationBoundMs } from './call-deadline';

describe('a call deadline, from the adapter settings', () => {
  it('bounds one retried operation by every attempt timing out plus the largest backoffs, or by its deadline plus one timeout', () => {
    // 3 attempts: 3 x 1,000 + (100 + 200) under a deadline of 10 s.
    expect(retriedOperationBoundMs({ maxAttempts: 3, baseDelayMs: 100, maxDelayMs: 150, deadlineMs: 10_000 }, 1_000)).toBe(3_000 + 100 + 150);
    // The deadline ends it sooner: no attempt starts after 2 s, and the last one waits its 1 s.
    expect(retriedOperationBoundMs({ maxAttempts: 6, baseDelayMs: 100, maxDelayMs: 2_000, deadlineMs: 2_000 }, 1_000)).toBe(3_000);
  });

  it('gives the defaults 80 s for a read-completed call and 149.2 s for a placement', () => {
    // Reads: min(6 x 10 s + 3.1 s, 30 s + 10 s) = 40 s, twice.
    expect(callDeadlineMs('cancel', DEFAULT_ADAPTER_SETTINGS)).toBe(80_000);
    // Placement: min(8 x 10 s + 14.2 s, 90 s + 10 s) + 15 s settle + one read.
    expect(callDeadlineMs('place', DEFAULT_ADAPTER_SETTINGS)).toBe(94_200 + 15_000 + 40_000);
  });
});
