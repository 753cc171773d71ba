import { describe, expect, it } from 'vitest';
import type { PropertyFailure, PropertyRunReport } from '../verifier/protocol';
import { formatJsonReport } from './json-report';
import { summarizeRun } from './run-summary';
import { CRITICAL_FAILURE_PENALTY } from './score';
import { formatTextReport } from './text-report';

/** Triage by invariant (issue 11): a failure is filed under what it broke, not where it was found. */
const failure = (message: string): PropertyFailure => ({ message, seed: 7, path: '3:1', replayPath: 'AB', commands: ['cancel(tp-1)'], steps: [] });

const report = (property: string, category: string, invariants: string[], critical: boolean, message?: string): PropertyRunReport => ({
  property,
  category,
  invariants,
  critical,
  profile: 'premerge',
  seed: 7,
  runs: 60,
  commands: 600,
  timeMs: 1000,
  transitionsCovered: ['a'],
  transitionsClaimed: ['a', 'b'],
  corpusReplayed: [],
  faultsInjected: {},
  failure: message === undefined ? undefined : failure(message),
});

const o1 = 'O1 violated: step 2 cancel(tp-1): cancel of tp-1, already filled: expected ORDER_NOT_FOUND, but it succeeded';
const properties = [
  report('requests-logged-and-counted', 'monitoring', ['M1', 'M2'], false, o1),
  report('order-state-consistency', 'data integrity', ['O1', 'O2'], true),
  report('breaker-and-retries-under-faults', 'connection resilience', ['C2', 'C3'], false),
];

describe('a failure found by another property', () => {
  it('leads with the invariant and its category, and says which property found it', () => {
    const text = formatTextReport(summarizeRun({ tradepropVersion: '0.1.0', profile: 'premerge', properties, problems: [] }));
    expect(text).toContain('FAIL O1 data integrity, critical: found by requests-logged-and-counted (monitoring; M1, M2)\n  O1 violated: step 2');
    expect(text).toContain('failures by invariant:\n  O1 (data integrity, critical): requests-logged-and-counted');
    const line = text.split('\n').find((row) => row.startsWith('FAIL  requests-logged-and-counted'));
    expect(line).toContain('transitions 1/2 (partial: the property stopped at its first failure)');
    expect(line).not.toContain('missing');
  });

  it('takes the penalty and the failed category of the invariant, not of the property that found it', () => {
    const summary = summarizeRun({ tradepropVersion: '0.1.0', profile: 'premerge', properties, problems: [] });
    // Critical, as O1 is, though the monitoring property is not.
    expect(summary.score.criticalFailures).toBe(1);
    expect(summary.score.penalty).toBe(CRITICAL_FAILURE_PENALTY);
    // Data integrity failed; monitoring and connection resilience held.
    expect(summary.score.categoriesRun).toBe(3);
    expect(summary.score.categoriesPassed).toBe(2);
    expect(summary.failuresByInvariant).toEqual([{ invariant: 'O1', category: 'data integrity', critical: true, properties: ['requests-logged-and-counted'] }]);
    expect(JSON.parse(formatJsonReport(summary))).toMatchObject({ failuresByInvariant: [{ invariant: 'O1', category: 'data integrity' }] });
  });

  it('files a failure that names no invariant under its property, and lists the missing transitions of a claim never reached', () => {
    const unreached = report('order-state-consistency', 'data integrity', ['O1', 'O2'], true, 'claimed transitions never reached in 60 runs: b');
    const crashed = { ...unreached, failure: { ...failure('claimed transitions never reached in 60 runs: b'), path: '' } };
    const summary = summarizeRun({ tradepropVersion: '0.1.0', profile: 'premerge', properties: [crashed], problems: [] });
    expect(summary.failuresByInvariant).toEqual([{ invariant: undefined, category: 'data integrity', critical: true, properties: ['order-state-consistency'] }]);
    const text = formatTextReport(summary);
    expect(text).toContain('FAIL order-state-consistency (data integrity, critical; O1, O2)');
    expect(text).toContain('transitions 1/2 (missing: b)');
  });
});
