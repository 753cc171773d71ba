import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { AdapterLoadError } from '../domain/errors';
import type { AdapterFactory, ExchangeFactoryBuilder } from '../exchange/contract';
import { createAdapterFactory } from '../exchange/factory';

/** The reference adapter, verified when no `--adapter` is given. */
export const REFERENCE_ADAPTER = 'src/exchange/reference-adapter.ts';

export interface AdapterModule {
  /** Absolute path: what the CLI hands the workers. */
  file: string;
  createAdapter: AdapterFactory;
  /** The module's own exchange factory, or the reference's around its `createAdapter`. */
  createExchangeFactory: ExchangeFactoryBuilder;
}

/**
 * Imports a module that must export `createAdapter` (tsx or vitest handle .ts). `spec` resolves
 * against `baseDir`. Any problem is an AdapterLoadError naming the module and what to fix.
 */
export async function importAdapterModule(spec: string, baseDir: string): Promise<AdapterModule> {
  const file = path.resolve(baseDir, spec);
  if (!existsSync(file) || !statSync(file).isFile()) throw new AdapterLoadError(spec, `no such file (looked for ${file})`);
  let loaded: unknown;
  try {
    loaded = await import(pathToFileURL(file).href);
  } catch (error) {
    throw new AdapterLoadError(spec, importFailure(error), { cause: error });
  }
  const createAdapter = typeof loaded === 'object' && loaded !== null && 'createAdapter' in loaded ? loaded.createAdapter : undefined;
  if (typeof createAdapter !== 'function') {
    throw new AdapterLoadError(spec, 'does not export a createAdapter function (see src/exchange/contract.ts)');
  }
  const createExchangeFactory = typeof loaded === 'object' && loaded !== null && 'createExchangeFactory' in loaded ? loaded.createExchangeFactory : undefined;
  if (createExchangeFactory !== undefined && typeof createExchangeFactory !== 'function') {
    throw new AdapterLoadError(spec, 'exports createExchangeFactory but not as a function (see ExchangeFactoryBuilder in src/exchange/contract.ts)');
  }
  // Checked to be functions just above; their signatures are the module's promise to keep.
  return { file, createAdapter: createAdapter as AdapterFactory, createExchangeFactory: (createExchangeFactory as ExchangeFactoryBuilder | undefined) ?? createAdapterFactory };
}

export async function loadAdapterFactory(module: string | undefined, projectRoot: string): Promise<AdapterFactory> {
  return (await loadAdapterUnderTest(module, projectRoot)).createAdapter;
}

/** The adapter module a run verifies (the reference when none is given). */
export function loadAdapterUnderTest(module: string | undefined, projectRoot: string): Promise<AdapterModule> {
  return importAdapterModule(module ?? REFERENCE_ADAPTER, projectRoot);
}

/**
 * Why an import failed, in one line. A compile error (tsx's "Transform failed with N errors:")
 * is given as the compiler's own lines, each with file:line:column.
 */
function importFailure(error: unknown): string {
  const lines = (error instanceof Error ? error.message : String(error)).split('\n').filter((line) => line.trim() !== '');
  const [first = 'unknown error', ...rest] = lines;
  if (/^Transform failed with \d+ errors?:?$/.test(first.trim()) && rest.length > 0) return `does not compile: ${rest.join('; ')}`;
  return `cannot be imported: ${first}`;
}
