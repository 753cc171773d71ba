import { importAdapterModule } from '../verifier/adapter-module';
import { probeAdapterFactory } from '../verifier/adapter-probe';

/**
 * An --adapter module the workers can use: it imports (a compile error names file:line:column),
 * exports createAdapter, and its factory builds an adapter. Anything else is an
 * AdapterLoadError, exit 2, before a worker starts and before anything is written to the corpus.
 * Returns the module's absolute path.
 */
export async function loadCheckedAdapter(spec: string, baseDir: string): Promise<string> {
  const module = await importAdapterModule(spec, baseDir);
  await probeAdapterFactory(spec, module.createAdapter);
  return module.file;
}
