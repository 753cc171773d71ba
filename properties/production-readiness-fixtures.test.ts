import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { runProperty } from '../src/verifier/run-property';
import { DEFAULT_RUNS, PREMERGE_BASE_SEED, type RunSettings } from '../src/verifier/settings';
import { hotReloadDuringARun } from './configuration/hot-reload-during-a-run';
import { malformedResponsesLeaveTheViewIntact } from './error-handling/malformed-responses-leave-the-view-intact';
import { requestsLoggedAndCounted } from './monitoring/requests-logged-and-counted';
import { tamperedSignaturesRejectedNotRetried } from './security/tampered-signatures-rejected-not-retried';
import { tradingProperty, type TradingPropertyOptions } from './trading-property';

/**
 * The production-readiness properties (error handling, monitoring, security, configuration) can fail: each
 * deliberately broken adapter below is caught by the premerge profile, with the invariant named.
 */

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const corpusDir = mkdtempSync(path.join(tmpdir(), 'tradeprop-readiness-fixtures-'));
afterAll(() => rmSync(corpusDir, { recursive: true, force: true }));

function premerge(adapterModule: string): RunSettings {
  return { profile: 'premerge', baseSeed: PREMERGE_BASE_SEED, runs: DEFAULT_RUNS.premerge, adapterModule, corpusDir, saveCorpus: false, deadline: undefined, share: undefined, replay: undefined };
}

const CASES: ReadonlyArray<{ fixture: string; property: TradingPropertyOptions; invariant: string }> = [
  { fixture: 'properties/fixtures/adapters/falls-back-to-local-balances.ts', property: malformedResponsesLeaveTheViewIntact, invariant: 'E1' },
  { fixture: 'properties/fixtures/adapters/looks-up-placements-under-another-id.ts', property: requestsLoggedAndCounted, invariant: 'M1' },
  { fixture: 'properties/fixtures/adapters/metrics-drop-unanswered-requests.ts', property: requestsLoggedAndCounted, invariant: 'M2' },
  { fixture: 'properties/fixtures/adapters/retries-authentication-failures.ts', property: tamperedSignaturesRejectedNotRetried, invariant: 'S2' },
  { fixture: 'properties/fixtures/adapters/reports-reloads-without-applying-them.ts', property: hotReloadDuringARun, invariant: 'K2' },
].map((bug) => ({ ...bug, name: path.basename(bug.fixture, '.ts') }));

describe.each(CASES)('$name', ({ fixture, property, invariant }) => {
  it(`fails ${property.name} with ${invariant}`, async () => {
    const report = await runProperty(tradingProperty(property), premerge(fixture), ROOT);
    expect(report.failure?.message).toMatch(new RegExp(`^${invariant} violated`));
  });
});
