import type { CorpusEntry } from './entry';
import { corpusFileName } from './store';

export interface LoadedEntry {
  file: string;
  entry: CorpusEntry;
}

export interface CorpusMergePlan {
  /** Entries new to the target, each under the name the store gives it there. */
  added: Array<LoadedEntry & { name: string }>;
  /** Entries the target (or an earlier source) already holds: `same` is the one kept. */
  duplicates: Array<LoadedEntry & { same: string }>;
}

/**
 * What merging `sources` into `target` adds and skips. A counterexample is identified as the
 * store names its file (corpusFileName: property, seed, path and replay path), so the same run
 * found by two shards, or already in the target, is kept once: the target's copy first, then the
 * first source's. Pure: the caller has loaded every file before and writes after.
 */
export function planCorpusMerge(target: readonly LoadedEntry[], sources: readonly LoadedEntry[]): CorpusMergePlan {
  const kept = new Map<string, string>(target.map(({ file, entry }) => [corpusFileName(entry), file]));
  const plan: CorpusMergePlan = { added: [], duplicates: [] };
  for (const source of sources) {
    const name = corpusFileName(source.entry);
    const same = kept.get(name);
    if (same !== undefined) {
      plan.duplicates.push({ ...source, same });
      continue;
    }
    kept.set(name, source.file);
    plan.added.push({ ...source, name });
  }
  return plan;
}
