import { vi } from 'vitest';

/**
 * Before each test file of a mutation run (vitest.mutate.config.ts): tradeprop's own modules are
 * evaluated afresh, so code that runs when a module loads (a weight table, the redaction paths,
 * the ccxt client template, the markets parsed once) is built with the mutant under test active,
 * and nothing one mutant's run cached at module level reaches the next. Packages (ccxt, zod,
 * pino) stay loaded: importing them again for every file is what made `isolate: true` cost about
 * 20 s a mutant.
 */
vi.resetModules();
