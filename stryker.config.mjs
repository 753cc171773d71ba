// @ts-check
// Mutation testing of the adapter (src/exchange/) driven by its tests and the properties
// (`npm run mutate`; README "Mutation testing"). Not part of `npm test` or .ci/run.

/**
 * The adapter's modules under mutation, in the order they were brought in (893 mutants:
 * request-limiter 140 and binance-responses 226 the latest). A new mutant costs 5-8 s on one
 * core (vitest starts a fresh worker and imports ccxt and the venue for each), so the rest of
 * src/exchange/ (about 1,750) is 3-5 hours: add it a file at a time, the incremental file keeps
 * what was done (README, "Mutation testing").
 */
const MUTATED = [
  'error-mapping',
  'time-sync',
  'precision',
  'retry',
  'balance-ledger',
  'placement',
  'circuit-breaker',
  'order-tracker',
  'request-limiter',
  'binance-responses',
];

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  // related: false: every property imports the whole adapter, so vitest's import graph would
  // pick every file anyway; perTest coverage does the selecting.
  vitest: { configFile: 'vitest.mutate.config.ts', related: false },
  mutate: MUTATED.map((name) => `src/exchange/${name}.ts`),
  // Per-test coverage: a mutant runs only the tests that executed it; the first failure ends it.
  coverageAnalysis: 'perTest',
  // One core: the machine is shared and the properties are CPU-bound.
  concurrency: 1,
  // A second run re-tests only mutants whose code or covering tests changed (kept in git).
  incremental: true,
  incrementalFile: 'bench/results/stryker-incremental.json',
  reporters: ['progress', 'json', 'html', 'clear-text'],
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  htmlReporter: { fileName: 'reports/mutation/mutation.html' },
  tempDirName: '.stryker-tmp',
};
