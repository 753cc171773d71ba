import { describe, expect, it } from 'vitest';
import { createAdapter } from '../../src/exchange/reference-adapter';
import { PropertyChecker } from '../../src/verifier/harness';
import { DEFAULT_RUNS, PREMERGE_BASE_SEED, propertySeed } from '../../src/verifier/settings';
import { tradingProperty } from '../trading-property';
import { exactlyOnceUnderLostResponses } from './exactly-once-under-lost-responses';

describe('exactly-once-under-lost-responses in the premerge profile', () => {
  it('injects every fault its commands schedule, on placements and order queries alike, and passes on the reference adapter', async () => {
    const spec = tradingProperty(exactlyOnceUnderLostResponses);
    const faults = new Map<string, number>();
    const checker = new PropertyChecker(
      {
        ...spec,
        start: async (setup, context) => {
          const run = await spec.start(setup, context);
          return {
            ...run,
            close: async () => {
              for (const event of run.real.venue.control.events()) if (event.type === 'fault') faults.set(`${event.kind} ${event.method}`, (faults.get(`${event.kind} ${event.method}`) ?? 0) + 1);
              await run.close();
            },
          };
        },
      },
      createAdapter,
    );
    const outcome = await checker.check(propertySeed(PREMERGE_BASE_SEED, spec.info.name), DEFAULT_RUNS.premerge);
    expect(outcome.failure).toBeUndefined();
    for (const kind of ['response_lost POST', 'connection_reset POST', 'server_error POST', 'connection_reset GET', 'server_error GET', 'read_lag GET']) {
      expect(faults.get(kind) ?? 0, kind).toBeGreaterThan(0);
    }
  });
});
