import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'models/**/*.test.ts', 'properties/**/*.prop.ts', 'properties/**/*.test.ts', 'bench/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 60_000,
    setupFiles: ['src/fixed-test-seed.setup.ts'],
    pool: 'forks',
    // One module cache per worker instead of per file: ccxt and the venue were imported afresh for
    // each of ~120 files, 40% of the suite's wall time (8m27s isolated, 5m03s shared, idle 2-core).
    // Sharing is safe: every test builds its own venue, clock and adapter, and what modules keep is
    // caches of pure results (parsed decimals, corpus fingerprints) or per-world WeakMaps; the
    // progress file's state is written only in the CLI's own workers (TRADEPROP_PROGRESS).
    isolate: false,
    // A larger young generation: runs allocate short-lived views, decimals and responses by the
    // million, and with V8's default semi-space a model run spent 12-17% of its time collecting
    // them; 32 MB gave about 10% more commands per CPU second (bench/tools/profile-model.ts).
    execArgv: ['--max-semi-space-size=32'],
    passWithNoTests: true,
  },
});
