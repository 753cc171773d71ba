import { describe, expect, it } from 'vitest';
import { createAdapter as acceptsLive } from '../fixtures/adapters/accepts-live';
import { createAdapter } from '../../src/exchange/reference-adapter';
import { PropertyChecker } from '../../src/verifier/harness';
import { DEFAULT_RUNS, PREMERGE_BASE_SEED, propertySeed } from '../../src/verifier/settings';
import { tradingProperty } from '../trading-property';
import { liveEnvironmentRefused } from './live-environment-refused';

const spec = tradingProperty(liveEnvironmentRefused);
const seed = propertySeed(PREMERGE_BASE_SEED, spec.info.name);

describe('live-environment-refused in the premerge profile', () => {
  it('passes on the reference adapter', async () => {
    const checker = new PropertyChecker(spec, createAdapter);
    const outcome = await checker.check(seed, DEFAULT_RUNS.premerge);
    expect(outcome.failure).toBeUndefined();
  });

  it('catches an adapter that accepts the live environment, shrunk to the one step that asks', async () => {
    const checker = new PropertyChecker(spec, acceptsLive);
    const outcome = await checker.check(seed, DEFAULT_RUNS.premerge);
    expect(outcome.failure?.message).toMatch(/^S4 violated: step 1 tryLiveAdapter\(\): an adapter for the live environment sent \d+ request\(s\) to the venue/);
    expect(outcome.failure?.commands).toEqual(['tryLiveAdapter()']);
  });
});
