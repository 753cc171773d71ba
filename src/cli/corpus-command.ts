import { existsSync, rmSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { modelFingerprint, projectRoot } from '../corpus/fingerprint';
import { planCorpusMerge } from '../corpus/merge';
import { loadCorpus, writeCorpusEntry } from '../corpus/store';
import { UsageError } from '../domain/errors';
import type { CliOutput } from './cli-output';
import { EXIT, type ExitCode } from './exit-codes';

/**
 * `tradeprop corpus list | prune | merge`. Each loads every folder it reads first, so a corrupt
 * file is reported (exit 2) rather than skipped, and before anything is written or removed.
 */
export function corpusDirOf(option: string | undefined): string {
  return option === undefined ? join(projectRoot(), 'shrink-corpus') : resolve(process.cwd(), option);
}

export function listCorpus(dir: string, output: CliOutput): ExitCode {
  const entries = loadCorpus(dir);
  if (entries.length === 0) {
    output.out(`no counterexamples in ${displayPath(dir)}\n`);
    return EXIT.ok;
  }
  const rows = entries.map(({ file, entry }) => [
    entry.property,
    String(entry.seed),
    String(entry.commands.length),
    entry.failure.split('\n')[0] ?? '',
    entry.adapter,
    displayPath(file),
  ]);
  output.out(`${formatColumns(['property', 'seed', 'commands', 'failure', 'adapter', 'file'], rows)}\n`);
  return EXIT.ok;
}

/**
 * Removes the entries recorded against other models or commands than the current ones (their
 * fingerprint differs): their seed and path may no longer mean the same run. Whether an entry
 * still reproduces is not checked here; `tradeprop run` replays the corpus first anyway.
 */
export function pruneCorpus(dir: string, options: { dryRun: boolean }, output: CliOutput): ExitCode {
  const current = modelFingerprint(projectRoot());
  const stale = loadCorpus(dir).filter(({ entry }) => entry.fingerprint !== current);
  for (const { file, entry } of stale) {
    if (!options.dryRun) rmSync(file);
    output.out(
      `${options.dryRun ? 'would remove' : 'removed'} ${displayPath(file)}: recorded for ${entry.property} ` +
        `with models fingerprint ${entry.fingerprint.slice(0, 12)}, current is ${current.slice(0, 12)}\n`,
    );
  }
  output.out(`${stale.length} stale entr${stale.length === 1 ? 'y' : 'ies'}${options.dryRun ? ' found' : ' pruned'}\n`);
  return EXIT.ok;
}

/**
 * Merges the entries of `sources` (the corpora CI shards uploaded) into `target`, keeping each
 * counterexample once (merge.ts says how one is identified). Every file of every folder, the
 * target's included, is read and validated before the first write: one corrupt file anywhere
 * ends the command (exit 2, the file named) with the target untouched.
 */
export function mergeCorpus(sources: readonly string[], target: string, output: CliOutput): ExitCode {
  for (const dir of sources) requireDirectory(dir, 'corpus merge:');
  requireDirectory(target, '--corpus', { mayBeMissing: true });
  const plan = planCorpusMerge(loadCorpus(target), sources.flatMap((dir) => loadCorpus(dir)));
  for (const { file, entry, name } of plan.added) {
    writeCorpusEntry(target, entry);
    output.out(`added ${displayPath(join(target, name))} from ${displayPath(file)}\n`);
  }
  for (const { file, same } of plan.duplicates) output.out(`duplicate ${displayPath(file)}: same counterexample as ${displayPath(same)}\n`);
  const added = plan.added.length;
  const duplicates = plan.duplicates.length;
  output.out(
    `${added} new entr${added === 1 ? 'y' : 'ies'}, ${duplicates} duplicate${duplicates === 1 ? '' : 's'} skipped, ` +
      `from ${sources.length} director${sources.length === 1 ? 'y' : 'ies'} into ${displayPath(target)}\n`,
  );
  return EXIT.ok;
}

/** A folder named on the command line must be one: a typo must not read as an empty corpus. */
function requireDirectory(dir: string, named: string, options: { mayBeMissing?: boolean } = {}): void {
  if (!existsSync(dir)) {
    if (options.mayBeMissing === true) return;
    throw new UsageError(`${named} ${displayPath(dir)} does not exist`);
  }
  if (!statSync(dir).isDirectory()) throw new UsageError(`${named} ${displayPath(dir)} is not a directory`);
}

const FAILURE_COLUMN_WIDTH = 60;

function formatColumns(headers: readonly string[], rows: readonly string[][]): string {
  const cut = (cell: string, column: number): string =>
    headers[column] === 'failure' && cell.length > FAILURE_COLUMN_WIDTH ? `${cell.slice(0, FAILURE_COLUMN_WIDTH - 1)}…` : cell;
  const table = [headers, ...rows].map((row) => row.map(cut));
  const widths = headers.map((_, column) => Math.max(...table.map((row) => (row[column] ?? '').length)));
  return table.map((row) => row.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join('  ').trimEnd()).join('\n');
}

function displayPath(file: string): string {
  const fromCwd = relative(process.cwd(), file);
  return fromCwd.startsWith('..') ? file : fromCwd || '.';
}
