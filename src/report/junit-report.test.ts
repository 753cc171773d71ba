import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import type { PropertyFailure, PropertyRunReport } from '../verifier/protocol';
import { formatJunitReport } from './junit-report';
import { formatPropertyLine } from './text-report';
import { summarizeRun } from './run-summary';

const failure: PropertyFailure = {
  // Characters XML must escape, as real messages carry them (`<`, `&`, quotes).
  message: 'O1 violated: step 2 cancel(tp-1): cancel of tp-1 & "tp-2", filled <0.1>: expected ORDER_NOT_FOUND, but it succeeded',
  seed: 7,
  path: '3:1',
  replayPath: 'AB=',
  commands: ['place(BTC/USDT buy 0.1 @ 30000)', 'cancel(tp-1)'],
  steps: [
    { step: 1, command: 'place(BTC/USDT buy 0.1 @ 30000)', model: 'tp-1:open 0/0.1', adapter: 'tp-1:open 0/0.1' },
    { step: 2, command: 'cancel(tp-1)', model: 'tp-1:filled 0.1/0.1', adapter: 'tp-1:canceled 0/0.1', difference: 'tp-1.status: filled vs canceled' },
  ],
  corpusFile: 'shrink-corpus/requests-logged-and-counted-0123abcd.json',
};

const report = (property: string, category: string, overrides: Partial<PropertyRunReport> = {}): PropertyRunReport => ({
  property,
  category,
  invariants: ['M1', 'M2'],
  critical: false,
  profile: 'premerge',
  seed: 1234,
  runs: 60,
  commands: 500,
  timeMs: 2_500,
  transitionsCovered: [],
  transitionsClaimed: [],
  corpusReplayed: [],
  faultsInjected: {},
  ...overrides,
});

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray: (name) => name === 'testcase' || name === 'property' });

describe('the JUnit report', () => {
  const summary = summarizeRun({
    tradepropVersion: '0.1.0',
    profile: 'premerge',
    seed: 99,
    adapter: './my-adapter.ts',
    properties: [report('ledger-conservation', 'data integrity', { invariants: ['L1'] }), report('requests-logged-and-counted', 'monitoring', { failure, seed: 4321 })],
    problems: [],
  });
  const xml = formatJunitReport(summary);
  const parsed: unknown = parser.parse(xml);
  const suites = (parsed as { testsuites: { tests: string; failures: string; testsuite: { tests: string; failures: string; properties: { property: { name: string; value: string }[] }; testcase: Record<string, unknown>[] } } }).testsuites;

  it('parses, and its counts match the run', () => {
    expect(suites).toMatchObject({ tests: '2', failures: '1' });
    expect(suites.testsuite).toMatchObject({ tests: '2', failures: '1' });
    expect(suites.testsuite.testcase).toHaveLength(2);
  });

  it('has one testcase per property, its classname the category, its seed and invariants as properties', () => {
    const [held, failed] = suites.testsuite.testcase;
    expect(held).toMatchObject({ classname: 'data integrity', name: 'ledger-conservation', time: '2.500' });
    expect(held?.failure).toBeUndefined();
    expect(held?.properties).toEqual({ property: [{ name: 'seed', value: '1234' }, { name: 'invariants', value: 'L1' }, { name: 'runs', value: '60' }, { name: 'commands', value: '500' }] });
    expect(failed).toMatchObject({ classname: 'monitoring', name: 'requests-logged-and-counted' });
  });

  it('carries a failure with the invariant, the message exactly, the shrunk steps and the replay command', () => {
    const failed = suites.testsuite.testcase[1] as { failure: { message: string; type: string; '#text': string }; 'system-out': string };
    // Led by the invariant broken and its category, whichever property found it.
    expect(failed.failure.type).toBe('O1 data integrity');
    expect(failed.failure.message).toBe(failure.message);
    expect(failed.failure['#text']).toContain('1. place(BTC/USDT buy 0.1 @ 30000)');
    expect(failed.failure['#text']).toContain('tp-1.status: filled vs canceled');
    expect(failed.failure['#text']).toContain('replay it: npx tradeprop replay shrink-corpus/requests-logged-and-counted-0123abcd.json');
    expect(failed['system-out']).toBe(failed.failure['#text']);
  });

  it('names the profile, the adapter, the seed, the score and the categories not verified on the suite', () => {
    const properties = Object.fromEntries(suites.testsuite.properties.property.map(({ name, value }) => [name, value]));
    expect(properties).toMatchObject({ profile: 'premerge', adapter: './my-adapter.ts', seed: '99', verdict: summary.score.verdict, score: summary.score.score.toFixed(1) });
    expect(properties['categories not verified']).toBe('connection resilience, rate limiting, error handling, security, performance, configuration, exchange factory');
  });
});

describe('the JUnit report of a property that did not apply to the adapter', () => {
  it('skips its testcase with why, counts it skipped, and does not score it', () => {
    const summary = summarizeRun({
      tradepropVersion: '0.1.0',
      profile: 'premerge',
      seed: undefined,
      adapter: './rest-only.ts',
      properties: [report('ledger-conservation', 'data integrity'), report('fill-counted-once', 'data integrity', { runs: 0, notApplicable: 'the adapter listens to no stream' })],
      problems: [],
    });
    const parsed = parser.parse(formatJunitReport(summary)) as { testsuites: { testsuite: { skipped: string; testcase: Record<string, unknown>[] } } };
    expect(parsed.testsuites.testsuite.skipped).toBe('1');
    expect(parsed.testsuites.testsuite.testcase[1]).toMatchObject({ name: 'fill-counted-once', skipped: { message: 'not applicable: the adapter listens to no stream' } });
    expect(summary.score.propertiesRun).toBe(1);
    expect(formatPropertyLine(summary.properties[1] ?? report('missing', 'none'))).toBe('N/A   fill-counted-once  not applicable: the adapter listens to no stream');
  });
});
