import { describe, expect, it } from 'vitest';
import { createAdapter as acceptsLive } from '../fixtures/adapters/accepts-live';
import { createAdapter } from '../../src/exchange/reference-adapter';
import { checkInPremerge } from '../premerge-check';
import { liveEnvironmentRefused } from './live-environment-refused';

describe('live-environment-refused in the premerge profile', () => {
  it('passes on the reference adapter', async () => {
    const { outcome } = await checkInPremerge(liveEnvironmentRefused, createAdapter);
    expect(outcome.failure).toBeUndefined();
  });

  it('catches an adapter that accepts the live environment, shrunk to the one step that asks', async () => {
    const { outcome } = await checkInPremerge(liveEnvironmentRefused, acceptsLive);
    expect(outcome.failure?.message).toMatch(/^S4 violated: step 1 tryLiveAdapter\(\): an adapter for the live environment sent \d+ request\(s\) to the venue/);
    expect(outcome.failure?.commands).toEqual(['tryLiveAdapter()']);
  });
});
