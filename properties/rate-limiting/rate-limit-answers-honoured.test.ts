import { describe, expect, it } from 'vitest';
import { createAdapter } from '../../src/exchange/reference-adapter';
import { PropertyChecker } from '../../src/verifier/harness';
import { DEFAULT_RUNS, PREMERGE_BASE_SEED, propertySeed } from '../../src/verifier/settings';
import { tradingProperty } from '../trading-property';
import { rateLimitAnswersHonoured } from './rate-limit-answers-honoured';

describe('rate-limit-answers-honoured in the premerge profile', () => {
  it('meets both 429 storms and 418 bans, and passes on the reference adapter', async () => {
    const spec = tradingProperty(rateLimitAnswersHonoured);
    const answered = new Map<number, number>();
    const checker = new PropertyChecker(
      {
        ...spec,
        start: async (setup, context) => {
          const run = await spec.start(setup, context);
          return {
            ...run,
            close: async () => {
              for (const event of run.real.venue.control.events()) {
                const status = event.type === 'fault' && event.kind === 'rate_limit_storm' ? event.detail['status'] : undefined;
                if (typeof status === 'number') answered.set(status, (answered.get(status) ?? 0) + 1);
              }
              await run.close();
            },
          };
        },
      },
      createAdapter,
    );
    const outcome = await checker.check(propertySeed(PREMERGE_BASE_SEED, spec.info.name), DEFAULT_RUNS.premerge);
    expect(outcome.failure).toBeUndefined();
    expect(answered.get(429) ?? 0).toBeGreaterThan(0);
    expect(answered.get(418) ?? 0).toBeGreaterThan(0);
  });
});
