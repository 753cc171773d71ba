import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The project root, found from this file's place (src/corpus/) rather than the cwd. */
export function projectRoot(): string {
  return resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
}

/** The folders whose sources decide what a counterexample means: the models and the commands. */
const FINGERPRINTED_DIRS: readonly string[] = ['models', join('properties', 'commands')];

const fingerprintByRoot = new Map<string, string>();

/**
 * sha256 over the sorted relative paths and contents of the model and command sources. A corpus
 * entry stores it, so a replay can tell that the code which produced the entry has changed.
 * Cached per process: workers compute it once, not once per failure.
 */
export function modelFingerprint(root: string): string {
  const cached = fingerprintByRoot.get(root);
  if (cached !== undefined) return cached;
  const files = FINGERPRINTED_DIRS.flatMap((dir) => listTypeScriptFiles(join(root, dir)))
    // Tests of the models do not change what a counterexample means.
    .filter((file) => !file.endsWith('.test.ts'))
    // POSIX separators so the digest is the same on every platform.
    .map((file) => ({ file, name: relative(root, file).split(sep).join('/') }))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const hash = createHash('sha256');
  for (const { file, name } of files) {
    // The NUL separators keep "a" + "bc" and "ab" + "c" apart.
    hash.update(name).update('\0').update(readFileSync(file)).update('\0');
  }
  const digest = hash.digest('hex');
  fingerprintByRoot.set(root, digest);
  return digest;
}

/** The `version` of the project's package.json. */
export function tradepropVersion(root: string): string {
  const manifest: unknown = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  if (typeof manifest === 'object' && manifest !== null && 'version' in manifest && typeof manifest.version === 'string') {
    return manifest.version;
  }
  return '0.0.0';
}

function listTypeScriptFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return listTypeScriptFiles(path);
    return entry.isFile() && entry.name.endsWith('.ts') ? [path] : [];
  });
}
