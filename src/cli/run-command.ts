import { randomInt } from 'node:crypto';
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { PropertyInfo } from '../../properties/catalog';
import { loadCorpus } from '../corpus/store';
import { projectRoot, tradepropVersion } from '../corpus/fingerprint';
import { UsageError } from '../domain/errors';
import { formatJsonReport, saveJsonReport } from '../report/json-report';
import { summarizeRun } from '../report/run-summary';
import { formatTextReport } from '../report/text-report';
import type { PropertyRunReport } from '../verifier/protocol';
import { importAdapterModule } from '../verifier/adapter-module';
import type { CliOutput } from './cli-output';
import { EXIT, type ExitCode } from './exit-codes';
import * as parse from './options';
import { startLiveProgress } from './progress-display';
import { crashedReport, reportsFromOutcomes } from './property-outcomes';
import { selectProperties } from './select-properties';
import { runPropertyFiles, type VitestRunResult } from './vitest-runner';
import { applyWorkerEnvironment, workerEnvironment } from './worker-environment';

/** The raw option strings commander collected for `tradeprop run`. */
export interface RunCommandOptions {
  profile: string;
  property?: string | undefined;
  category?: string | undefined;
  seed?: string | undefined;
  runs?: string | undefined;
  timeBudget?: string | undefined;
  shard?: string | undefined;
  adapter?: string | undefined;
  corpus?: string | undefined;
  report: string;
  saveReport?: string | undefined;
  threshold: string;
}

const DEFAULT_EXTENDED_BUDGET_MS = 10 * 60_000;
/** fast-check seeds are 32-bit; drawing below 2^31 keeps them positive and printable. */
const EXTENDED_SEED_LIMIT = 2 ** 31;

export async function runCommand(options: RunCommandOptions, output: CliOutput): Promise<ExitCode> {
  const root = projectRoot();
  const cwd = process.cwd();

  // Everything the user typed is checked before a single worker starts (exit 2, fast).
  const profile = parse.parseRunProfile(options.profile);
  const givenSeed = options.seed === undefined ? undefined : parse.parseSeed(options.seed);
  const runs = options.runs === undefined ? undefined : parse.parseRuns(options.runs);
  const shard = options.shard === undefined ? undefined : parse.parseShard(options.shard);
  const threshold = parse.parseThreshold(options.threshold);
  const formats = parse.parseReportFormats(options.report);
  if (options.timeBudget !== undefined && profile !== 'extended') {
    throw new UsageError('--time-budget applies to --profile extended only (premerge runs a fixed number of runs)');
  }
  const budgetMs = options.timeBudget === undefined ? DEFAULT_EXTENDED_BUDGET_MS : parse.parseTimeBudget(options.timeBudget);
  const category = options.category === undefined ? undefined : parse.parseCategory(options.category);
  const selected = selectProperties({ propertyGlob: options.property, category });
  const adapter = options.adapter === undefined ? undefined : (await importAdapterModule(options.adapter, cwd)).file;
  const corpusDir = options.corpus === undefined ? join(root, 'shrink-corpus') : resolve(cwd, options.corpus);
  loadCorpus(corpusDir);

  // The CLI is the edge that may draw randomness and read the clock (DESIGN.md, profiles).
  const seed = givenSeed ?? (profile === 'extended' ? randomInt(0, EXTENDED_SEED_LIMIT) : undefined);
  const deadline = profile === 'extended' ? Date.now() + budgetMs : undefined;
  const workers = Math.max(1, Math.min(availableParallelism(), selected.length));
  const fileOf = (property: PropertyInfo): string => join(root, property.file);
  const present = selected.filter((property) => existsSync(fileOf(property)));
  const absent = selected.filter((property) => !existsSync(fileOf(property)));

  const textToStdout = formats.includes('text') || options.saveReport !== undefined;
  const announce = textToStdout ? output.out : output.err;
  announce(describeRun({ profile, seed, seedWasDrawn: givenSeed === undefined, selected, shard, budgetMs }));

  const progressFile = profile === 'extended' ? join(tmpdir(), `tradeprop-progress-${process.pid}.jsonl`) : undefined;
  // The budget is the run's: the workers split it among the properties as they go (budget-share.ts).
  const share = profile === 'extended' ? { workers, properties: Math.max(1, present.length) } : undefined;
  applyWorkerEnvironment(workerEnvironment({ profile, seed, runs, adapter, corpusDir, deadline, share, progressFile }));
  // No file to run must not reach vitest: an empty filter list would run every test it knows.
  const result: VitestRunResult =
    present.length === 0
      ? { outcomes: new Map(), problems: [], vitestOutput: '' }
      : await runWithProgress(progressFile, budgetMs, () =>
          runPropertyFiles({ root, configFile: join(root, 'vitest.config.ts'), files: present.map(fileOf), shard, workers }),
        );

  const reports: PropertyRunReport[] = [
    ...reportsFromOutcomes({ root, selected: present, outcomes: result.outcomes, fileOf, profile, seed }),
    // Without a shard every selected file must run; with one, an absent file is only noted once (shard 1).
    ...absent
      .filter(() => shard === undefined || shard.index === 1)
      .map((property) => crashedReport(property, profile, seed, `its file ${property.file} does not exist`)),
  ];
  const leftWithoutReport = shard === undefined ? present.filter((property) => !result.outcomes.has(fileOf(property))) : [];
  for (const property of leftWithoutReport) {
    reports.push(crashedReport(property, profile, seed, `vitest did not run ${property.file} (is it in vitest.config.ts include?)`));
  }
  const summary = summarizeRun({
    tradepropVersion: tradepropVersion(root),
    profile,
    seed,
    shard: shard === undefined ? undefined : `${shard.index}/${shard.count}`,
    properties: reports,
    problems: result.problems,
  });
  const crashed = [...result.outcomes.values()].some((outcome) => outcome.report === undefined);
  if (crashed && result.vitestOutput.trim() !== '') {
    output.err(`vitest output:\n${result.vitestOutput.slice(-4000)}\n`);
  }

  if (options.saveReport !== undefined) {
    output.out(formatTextReport(summary));
    const dir = resolve(cwd, options.saveReport);
    const saved = [saveJsonReport(dir, summary)];
    if (formats.includes('text')) {
      saved.push(join(dir, 'tradeprop-report.txt'));
      writeFileSync(join(dir, 'tradeprop-report.txt'), formatTextReport(summary));
    }
    output.out(`report saved to ${saved.join(' and ')}\n`);
  } else {
    if (formats.includes('text')) output.out(formatTextReport(summary));
    if (formats.includes('json')) output.out(formatJsonReport(summary));
  }

  const allHeld = reports.every((report) => report.failure === undefined);
  return allHeld && summary.score.score >= threshold ? EXIT.ok : EXIT.failed;
}

/** Shows the live progress display (extended runs) for as long as the workers run. */
async function runWithProgress<T>(progressFile: string | undefined, budgetMs: number, run: () => Promise<T>): Promise<T> {
  if (progressFile === undefined) return run();
  writeFileSync(progressFile, '');
  const progress = startLiveProgress({ progressFile, budgetMs });
  try {
    return await run();
  } finally {
    progress.stop();
    rmSync(progressFile, { force: true });
  }
}

function describeRun(run: {
  profile: parse.RunProfile;
  seed: number | undefined;
  seedWasDrawn: boolean;
  selected: readonly PropertyInfo[];
  shard: parse.Shard | undefined;
  budgetMs: number;
}): string {
  const parts = [`tradeprop run: profile ${run.profile}`, `${run.selected.length} propert${run.selected.length === 1 ? 'y' : 'ies'} selected`];
  if (run.seed === undefined) parts.push('fixed seeds');
  else parts.push(`seed ${run.seed}` + (run.seedWasDrawn ? ` (repeat this run with --seed ${run.seed})` : ''));
  if (run.profile === 'extended') parts.push(`time budget ${Math.round(run.budgetMs / 1000)}s`);
  if (run.shard) parts.push(`shard ${run.shard.index}/${run.shard.count}`);
  return `${parts.join(', ')}\n`;
}
