import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { summarizeRun } from '../../src/report/run-summary';
import { runProperty } from '../../src/verifier/run-property';
import { DEFAULT_RUNS, PREMERGE_BASE_SEED, type RunSettings } from '../../src/verifier/settings';
import { tradingProperty } from '../trading-property';
import { fillCountedOnce } from '../data-integrity/fill-counted-once';
import { lateEventsNeverMoveBack } from '../data-integrity/late-events-never-move-back';
import { createAdapter } from '../../src/exchange/reference-adapter';
import { STREAM_FAULT_KINDS } from '../../src/venue/stream/stream-faults';
import { checkInPremerge } from '../premerge-check';
import { streamAndRestAgree } from '../data-integrity/stream-and-rest-agree';
import { TRADER } from '../world';
import { streamConvergesAfterFaults } from './stream-converges-after-faults';

/**
 * The stream properties judge something on the reference adapter in the premerge profile: its
 * claims of a caught-up stream are made and checked in many runs, other traders' fills reach
 * them, and the fault property injects every stream fault kind.
 */
describe('the stream properties in the premerge profile', () => {
  it('stream-and-rest-agree checks caught-up claims in half the runs, some after fills by other traders, and holds', async () => {
    let runsWithClaims = 0;
    let claims = 0;
    let claimsAfterFills = 0;
    const { outcome } = await checkInPremerge(streamAndRestAgree, createAdapter, (world) => {
      claims += world.streamClaims;
      if (world.streamClaims > 0) runsWithClaims += 1;
      const filledByOthers = world.venue.control.events().some((event) => event.type === 'trade' && event.fill.makerAccount === TRADER && event.fill.takerAccount !== TRADER);
      if (filledByOthers && world.streamClaims > 0) claimsAfterFills += 1;
    });
    expect(outcome.failure).toBeUndefined();
    // Measured on the fixed premerge seeds: 32 of 60 runs claim (run shapes leave the wait out of
    // the others), 180 claims in all, 14 runs claim after another trader filled one of our orders.
    expect(runsWithClaims).toBeGreaterThanOrEqual(25);
    expect(claims).toBeGreaterThanOrEqual(100);
    expect(claimsAfterFills).toBeGreaterThanOrEqual(10);
  });

  it('stream-converges-after-faults injects every stream fault kind, heals, and holds', async () => {
    const faults = new Map<string, number>();
    let claims = 0;
    const { outcome } = await checkInPremerge(streamConvergesAfterFaults, createAdapter, (world) => {
      claims += world.streamClaims;
      for (const [kind, count] of world.faultsInjected()) faults.set(kind, (faults.get(kind) ?? 0) + count);
    });
    expect(outcome.failure).toBeUndefined();
    for (const kind of STREAM_FAULT_KINDS) expect(faults.get(kind) ?? 0, kind).toBeGreaterThan(0);
    expect(claims).toBeGreaterThan(20);
  });
});

describe('the stream properties on an adapter that listens to no stream', () => {
  it('are not applicable: no run, not scored, and the REST verdict stands', async () => {
    const root = fileURLToPath(new URL('../..', import.meta.url));
    const settings: RunSettings = {
      profile: 'premerge',
      baseSeed: PREMERGE_BASE_SEED,
      runs: DEFAULT_RUNS.premerge,
      adapterModule: 'properties/fixtures/adapters/listens-to-no-stream.ts',
      corpusDir: path.join(root, 'shrink-corpus'),
      saveCorpus: false,
      deadline: undefined,
      share: undefined,
      replay: undefined,
    };
    const reports = [];
    for (const options of [streamAndRestAgree, fillCountedOnce, streamConvergesAfterFaults, lateEventsNeverMoveBack]) {
      const report = await runProperty(tradingProperty(options), settings, root);
      expect(report.notApplicable, options.name).toMatch(/reports no streamStatus/);
      expect(report.runs).toBe(0);
      expect(report.failure).toBeUndefined();
      reports.push(report);
    }
    const summary = summarizeRun({ tradepropVersion: 'test', profile: 'premerge', seed: undefined, shard: undefined, adapter: 'listens-to-no-stream', properties: reports, problems: [] });
    expect(summary.score.propertiesRun).toBe(0);
  });
});
