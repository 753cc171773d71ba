import { describe, expect, it } from 'vitest';
import type { PropertyFailure, PropertyRunReport } from '../verifier/protocol';
import { formatJsonReport } from './json-report';
import { summarizeRun } from './run-summary';
import { formatStepTable } from './step-table';
import path from 'node:path';
import { formatDuration, formatFaultLine, formatPropertyLine, formatTextReport, replayCommandsFor } from './text-report';

const failure: PropertyFailure = {
  message: 'order c1: adapter says filled 0.1, model says 0.2',
  seed: 7,
  path: '3:1',
  replayPath: 'AB=',
  commands: ['place buy 0.2 ETH @ 2000 as c1', 'external taker sells 0.2'],
  steps: [
    { step: 1, command: 'place buy 0.2 ETH @ 2000 as c1', model: 'c1 open 0/0.2', adapter: 'c1 open 0/0.2' },
    { step: 2, command: 'external taker sells 0.2', model: 'c1 filled 0.2/0.2', adapter: 'c1 partially 0.1/0.2', difference: 'c1.filled: 0.2 vs 0.1' },
  ],
  corpusFile: 'shrink-corpus/order-state-consistency-0123abcd.json',
};

const report = (overrides: Partial<PropertyRunReport> = {}): PropertyRunReport => ({
  property: 'order-state-consistency',
  category: 'data integrity',
  invariants: ['O1', 'O2'],
  critical: true,
  profile: 'premerge',
  seed: 7,
  runs: 60,
  commands: 1234,
  timeMs: 2500,
  transitionsCovered: ['order:new--PLACE-->open', 'order:open--FILL-->filled', 'order:open--EXTRA-->x'],
  transitionsClaimed: ['order:new--PLACE-->open', 'order:open--FILL-->filled', 'order:open--CANCEL-->canceled'],
  corpusReplayed: [{ file: 'a.json', reproduced: false }],
  faultsInjected: {},
  ...overrides,
});

describe('the text report', () => {
  it('gives one line per property with runs, commands, time, covered/claimed transitions and the corpus replayed', () => {
    expect(formatPropertyLine(report())).toBe(
      'PASS  order-state-consistency  runs 60  commands 1234  2.5s  transitions 2/3 (missing: order:open--CANCEL-->canceled)  corpus 1 replayed',
    );
  });

  it('shows a failure with its message, corpus file, shrunk commands, step table and replay command', () => {
    const text = formatTextReport(summarizeRun({ tradepropVersion: '0.1.0', profile: 'premerge', properties: [report({ failure })], problems: [] }));
    expect(text).toContain('FAIL  order-state-consistency');
    expect(text).toContain('FAIL order-state-consistency (data integrity, critical; O1, O2)');
    expect(text).toContain('  order c1: adapter says filled 0.1, model says 0.2');
    expect(text).toContain('counterexample saved to shrink-corpus/order-state-consistency-0123abcd.json');
    expect(text).toContain('    2. external taker sells 0.2');
    expect(text).toContain('c1.filled: 0.2 vs 0.1');
    expect(text).toContain('replay it: npx tradeprop replay shrink-corpus/order-state-consistency-0123abcd.json');
    expect(text).toContain('score 0.0/100: critical (0/1 properties passed, 0/9 categories verified and clean, 1 critical failure (-10))');
    // How the score came about, in two lines.
    expect(text).toContain('  = 80 x 0/1 properties passed + 20 x 0/9 categories verified and clean - 10 x 1 critical failures');
    expect(text).toContain('  not ready yet: 1 property failed; not verified: connection resilience, rate limiting, error handling, security, performance, monitoring, configuration, exchange factory (ready needs 85, every property held and every category verified)');
  });

  it('leaves out seed, path and replay for a property that crashed without a counterexample', () => {
    const crashed = { ...failure, path: '', replayPath: '', commands: [], steps: [], corpusFile: undefined, message: 'boom' };
    const text = formatTextReport(summarizeRun({ tradepropVersion: '0.1.0', profile: 'premerge', properties: [report({ failure: crashed })], problems: [] }));
    expect(text).toContain('  boom');
    expect(text).not.toContain('replay it');
  });

  it('replays by seed, path and replay path, quoting for the shell, when no corpus file was written', () => {
    const replay = replayCommandsFor('decimal-precision', { ...failure, corpusFile: undefined, replayPath: "A'B" });
    expect(replay.primary).toBe(`npx tradeprop replay --property decimal-precision --seed 7 --path 3:1 --replay-path 'A'\\''B'`);
    expect(replay.flags).toBe(replay.primary);
  });

  it('gives the corpus file relative to where the run started, and the flag form with the adapter', () => {
    const file = path.join(process.cwd(), 'shrink-corpus', 'decimal-precision-0badc0de.json');
    const replay = replayCommandsFor('decimal-precision', { ...failure, corpusFile: file, replayPath: 'AB' }, 'my-adapter.ts');
    expect(replay.primary).toBe('npx tradeprop replay shrink-corpus/decimal-precision-0badc0de.json');
    expect(replay.flags).toBe('npx tradeprop replay --property decimal-precision --seed 7 --path 3:1 --replay-path AB --adapter my-adapter.ts');
  });

  it('sums the faults injected over every property, every kind listed, and names those never injected', () => {
    const properties = [
      report({ faultsInjected: { response_lost: 3, server_error: 1 } }),
      report({ property: 'ledger-conservation', faultsInjected: { response_lost: 2, cancel_race: 4 } }),
    ];
    const summary = summarizeRun({ tradepropVersion: '0.1.0', profile: 'premerge', properties, problems: [] });
    expect(summary.faultsInjected).toEqual({
      delay: 0,
      response_lost: 5,
      connection_reset: 0,
      server_error: 1,
      rate_limit_storm: 0,
      maintenance: 0,
      clock_jump: 0,
      read_lag: 0,
      cancel_race: 4,
      tamper: 0,
      corrupt_response: 0,
      stream_drop: 0,
      stream_duplicate: 0,
      stream_late: 0,
      stream_silent: 0,
      stream_expire: 0,
      stream_refuse: 0,
    });
    expect(formatTextReport(summary)).toContain(
      'faults injected: 10 (response_lost 5, server_error 1, cancel_race 4); never injected: delay, connection_reset, rate_limit_storm, maintenance, clock_jump, read_lag, tamper, corrupt_response, stream_drop, stream_duplicate, stream_late, stream_silent, stream_expire, stream_refuse',
    );
    expect(formatFaultLine({ delay: 1, maintenance: 2 })).toBe('faults injected: 3 (delay 1, maintenance 2); every fault kind injected');
  });

  it('formats durations for people', () => {
    expect([formatDuration(12), formatDuration(1500), formatDuration(59_990), formatDuration(125_000)]).toEqual(['12ms', '1.5s', '1m00s', '2m05s']);
  });
});

describe('the step table', () => {
  it('lines the columns up, one row per step, with the difference last', () => {
    const lines = formatStepTable(failure.steps).split('\n');
    expect(lines[0]).toBe('step | command                        | model view        | adapter view         | first difference');
    expect(lines[1]).toMatch(/^-+-\+-/);
    expect(lines[3]).toBe('2    | external taker sells 0.2       | c1 filled 0.2/0.2 | c1 partially 0.1/0.2 | c1.filled: 0.2 vs 0.1');
  });

  it('puts each part of a view on its own line and wraps wide parts, but never the difference', () => {
    const wide = `${'x'.repeat(30)} ${'y'.repeat(30)}`;
    const lines = formatStepTable([
      { step: 1, command: 'place', model: 'o1:open | BTC 1/0', adapter: wide, difference: wide },
      { step: 2, command: 'cancel', model: 'o1:canceled', adapter: 'o1:canceled' },
    ]).split('\n');
    expect(lines[2]).toBe(`1    | place   | o1:open     | ${'x'.repeat(30).padEnd(44)} | ${wide}`);
    expect(lines[3]).toBe(`     |         | BTC 1/0     | ${'y'.repeat(30)}`);
    // Rows of several lines get a rule between them.
    expect(lines[4]).toMatch(/^-+-\+-/);
    expect(lines[5]).toBe('2    | cancel  | o1:canceled | o1:canceled');
  });
});

describe('the JSON report', () => {
  it('carries the reports and the score', () => {
    const summary = summarizeRun({ tradepropVersion: '0.1.0', profile: 'extended', seed: 99, properties: [report()], problems: [] });
    const parsed: unknown = JSON.parse(formatJsonReport(summary));
    // One category of nine verified: 80 + 20 x 1/9, held back from ready by the eight others.
    expect(parsed).toMatchObject({ format: 'tradeprop-report', seed: 99, score: { score: 82.2, verdict: 'mostly ready', categoriesNotVerified: expect.arrayContaining(['performance', 'exchange factory']) }, properties: [{ property: 'order-state-consistency' }] });
  });
});
