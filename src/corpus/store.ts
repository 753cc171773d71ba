import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CorpusError } from '../domain/errors';
import { CorpusEntrySchema, type CorpusEntry } from './entry';

/**
 * The corpus on disk: one pretty-printed JSON file per counterexample. Synchronous node:fs on
 * purpose: it is an edge that runs once before and once after a property, never in a hot loop.
 */

/** Reads and validates one entry; anything unreadable or off-schema is a CorpusError naming the file. */
export function readCorpusEntry(file: string): CorpusEntry {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new CorpusError(file, `cannot be read (${describeFsError(error)})`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new CorpusError(file, `is not valid JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  const parsed = CorpusEntrySchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue && issue.path.length > 0 ? issue.path.join('.') : '(root)';
    throw new CorpusError(file, `field ${where}: ${issue?.message ?? 'does not match the corpus entry schema'}`);
  }
  return parsed.data;
}

/**
 * Every `*.json` entry of a corpus folder, sorted by file name so replays run in the same order
 * everywhere. A missing folder is an empty corpus; one bad file fails the whole load, so a run
 * never silently skips a counterexample.
 */
export function loadCorpus(dir: string): Array<{ file: string; entry: CorpusEntry }> {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => {
      const file = join(dir, name);
      return { file, entry: readCorpusEntry(file) };
    });
}

/** `<property>-<8 hex>.json`: the same counterexample always lands in the same file. */
export function corpusFileName(entry: Pick<CorpusEntry, 'property' | 'seed' | 'path' | 'replayPath'>): string {
  const digest = createHash('sha256')
    .update([entry.property, String(entry.seed), entry.path, entry.replayPath].join('|'))
    .digest('hex');
  return `${entry.property}-${digest.slice(0, 8)}.json`;
}

let temporaryFileCounter = 0;

/**
 * Writes an entry and returns its path. Atomic (temp file, then rename) so a crashed or
 * concurrent worker never leaves a half-written file that would fail the next run's load.
 */
export function writeCorpusEntry(dir: string, entry: CorpusEntry): string {
  const validated = CorpusEntrySchema.parse(entry);
  mkdirSync(dir, { recursive: true });
  const target = join(dir, corpusFileName(validated));
  // pid + counter instead of a random suffix: unique per writer without reading randomness.
  temporaryFileCounter += 1;
  const temporary = `${target}.${process.pid}.${temporaryFileCounter}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(validated, null, 2)}\n`, 'utf8');
  renameSync(temporary, target);
  return target;
}

function describeFsError(error: unknown): string {
  if (error instanceof Error && 'code' in error && typeof error.code === 'string') return error.code;
  return error instanceof Error ? error.message : String(error);
}
