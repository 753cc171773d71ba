import { defineConfig } from 'vitest/config';
import CheapestFirstSequencer from './bench/mutation-sequencer';
import base from './vitest.config';

/**
 * The tests Stryker runs against each mutant of src/exchange/ (`npm run mutate`): the adapter's
 * own tests and the properties that drive it. The rest of the suite (the venue's, the CLI's, the
 * reports', the seeded-bug and bench tests) does not reach src/exchange or reaches it only
 * through these, and costs minutes a run. Stryker's perTest coverage then runs, for each
 * mutant, only the tests that executed it.
 */
export default defineConfig({
  test: {
    ...base.test,
    include: ['src/exchange/**/*.test.ts', 'properties/**/*.prop.ts'],
    // Stryker's runner forces pool: 'threads', and a worker thread refuses V8 heap flags such as
    // the base config's --max-semi-space-size ("Failed to start threads worker").
    execArgv: [],
    // Stryker stops a mutant's run at the first failing test: the cheapest files go first.
    sequence: { ...base.test?.sequence, sequencer: CheapestFirstSequencer },
    setupFiles: [base.test?.setupFiles ?? [], 'bench/mutation-fresh-modules.setup.ts'].flat(),
    env: {
      // Fewer runs a property than premerge's 60: a mutant run is then seconds, not a minute;
      // the shrink corpus is still replayed first. Not written: a killed mutant's counterexample
      // is no finding about the adapter.
      TRADEPROP_RUNS: '15',
      TRADEPROP_SAVE_CORPUS: '0',
    },
  },
});
