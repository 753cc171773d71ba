// @ts-check
// Mutation testing of the adapter (src/exchange/) driven by its tests and the properties
// (`npm run mutate`; README "Mutation testing"). Not part of `npm test` or .ci/run.

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  // related: false: every property imports the whole adapter, so vitest's import graph would
  // pick every file anyway; perTest coverage does the selecting.
  vitest: { configFile: 'vitest.mutate.config.ts', related: false },
  // All of the adapter: every module of src/exchange/ but its tests.
  mutate: ['src/exchange/**/*.ts', '!src/exchange/**/*.test.ts'],
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
