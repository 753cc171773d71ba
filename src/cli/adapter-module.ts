import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { AdapterLoadError } from '../domain/errors';

/**
 * Checks an `--adapter MODULE` before any worker starts: the path resolves against the cwd, the
 * file exists, it imports (tsx, registered by bin/tradeprop.js, handles .ts) and it exports a
 * `createAdapter` function. Returns the absolute path the workers get in TRADEPROP_ADAPTER.
 */
export async function resolveAdapterModule(spec: string, cwd: string = process.cwd()): Promise<string> {
  const file = resolve(cwd, spec);
  if (!existsSync(file) || !statSync(file).isFile()) {
    throw new AdapterLoadError(spec, `no such file (looked for ${file})`);
  }
  let loaded: unknown;
  try {
    loaded = await import(pathToFileURL(file).href);
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new AdapterLoadError(spec, `cannot be imported: ${reason}`, { cause: error });
  }
  const createAdapter = typeof loaded === 'object' && loaded !== null && 'createAdapter' in loaded ? loaded.createAdapter : undefined;
  if (typeof createAdapter !== 'function') {
    throw new AdapterLoadError(spec, 'does not export a createAdapter function (see src/exchange/contract.ts)');
  }
  return file;
}
