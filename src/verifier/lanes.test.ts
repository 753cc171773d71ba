import { describe, expect, it } from 'vitest';
import { mergeLaneReports, UNREACHED_CLAIMS } from './lanes';
import type { PropertyRunReport } from './protocol';

function lane(overrides: Partial<PropertyRunReport>): PropertyRunReport {
  return {
    property: 'ledger-conservation', category: 'data integrity', invariants: ['L1'], critical: true, profile: 'extended', seed: 7,
    runs: 10, commands: 100, timeMs: 1000, transitionsCovered: ['order:new--ACCEPT-->open'], transitionCounts: { 'order:new--ACCEPT-->open': 4 },
    transitionsClaimed: ['order:new--ACCEPT-->open', 'order:open--CANCEL-->canceled'], faultsInjected: { http_500: 1 }, corpusReplayed: [], ...overrides,
  };
}

const failure = (message: string, seed: number) => ({ message, seed, path: '0:1', replayPath: '', commands: ['Place'], steps: [] });

describe('mergeLaneReports', () => {
  it('adds runs, commands, transitions and faults, keeps the longest time and counts the lanes', () => {
    const merged = mergeLaneReports([
      lane({}),
      lane({ runs: 20, commands: 150, timeMs: 1500, transitionsCovered: ['order:open--CANCEL-->canceled'], transitionCounts: { 'order:open--CANCEL-->canceled': 2 }, faultsInjected: { http_500: 2, stream_late: 1 } }),
    ]);
    expect([merged.runs, merged.commands, merged.timeMs, merged.lanes]).toEqual([30, 250, 1500, 2]);
    expect(merged.transitionsCovered).toEqual(['order:new--ACCEPT-->open', 'order:open--CANCEL-->canceled']);
    expect(merged.transitionCounts).toEqual({ 'order:new--ACCEPT-->open': 4, 'order:open--CANCEL-->canceled': 2 });
    expect(merged.faultsInjected).toEqual({ http_500: 3, stream_late: 1 });
    expect(merged.failure).toBeUndefined();
  });

  it('reports the first lane\'s counterexample, by lane order', () => {
    const merged = mergeLaneReports([lane({}), lane({ failure: failure('L1: step 3', 9) }), lane({ failure: failure('L1: step 5', 10) })]);
    expect(merged.failure?.seed).toBe(9);
  });

  it('drops a lane\'s unreached claims that another lane reached, and keeps them when no lane did', () => {
    const unreached = failure(`${UNREACHED_CLAIMS} in 10 runs: order:open--CANCEL-->canceled`, 7);
    const reached = mergeLaneReports([lane({ failure: unreached }), lane({ transitionsCovered: ['order:open--CANCEL-->canceled'] })]);
    expect(reached.failure).toBeUndefined();
    const neither = mergeLaneReports([lane({ failure: unreached }), lane({})]);
    expect(neither.failure?.message).toContain(UNREACHED_CLAIMS);
  });

  it('leaves one lane\'s report as it is and refuses none', () => {
    const only = lane({});
    expect(mergeLaneReports([only])).toBe(only);
    expect(() => mergeLaneReports([])).toThrow(RangeError);
  });
});
