import { rmSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { modelFingerprint, projectRoot } from '../corpus/fingerprint';
import { loadCorpus } from '../corpus/store';
import type { CliOutput } from './cli-output';
import { EXIT, type ExitCode } from './exit-codes';

/**
 * `tradeprop corpus list | prune`. Both load the whole folder first, so a corrupt file is
 * reported (exit 2) rather than skipped.
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
