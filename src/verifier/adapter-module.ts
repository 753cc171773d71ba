import { existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { AdapterLoadError } from '../domain/errors';
import type { AdapterFactory } from '../exchange/contract';

/** The reference adapter, verified when no `--adapter` is given. */
export const REFERENCE_ADAPTER = 'src/exchange/reference-adapter.ts';

/** Loads a module exporting `createAdapter`; any problem is an AdapterLoadError naming the module. */
export async function loadAdapterFactory(module: string | undefined, projectRoot: string): Promise<AdapterFactory> {
  const file = path.resolve(projectRoot, module ?? REFERENCE_ADAPTER);
  if (!existsSync(file)) throw new AdapterLoadError(module ?? REFERENCE_ADAPTER, 'no such file');
  let loaded: unknown;
  try {
    loaded = await import(pathToFileURL(file).href);
  } catch (error) {
    throw new AdapterLoadError(file, `cannot be imported: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  if (typeof loaded === 'object' && loaded !== null && 'createAdapter' in loaded && typeof loaded.createAdapter === 'function') {
    // Checked to be a function just above; its signature is the module's promise to keep.
    return loaded.createAdapter as AdapterFactory;
  }
  throw new AdapterLoadError(file, 'does not export a createAdapter function');
}
