import { randomInt } from 'node:crypto';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import type { PropertyInfo } from '../../properties/catalog';
import { loadCorpus } from '../corpus/store';
import { projectRoot, tradepropVersion } from '../corpus/fingerprint';
import { UsageError } from '../domain/errors';
import { formatJsonReport, saveJsonReport } from '../report/json-report';
import { COVERAGE_SUMMARY_FILE, coverageFromJsonSummary, type CoverageSummary } from '../report/coverage';
import { formatJunitReport, saveJunitReport } from '../report/junit-report';
import { summarizeRun } from '../report/run-summary';
import { formatTextReport } from '../report/text-report';
import type { PropertyRunReport } from '../verifier/protocol';
import type { CliOutput } from './cli-output';
import { EXIT, type ExitCode } from './exit-codes';
import * as parse from './options';
import { startLiveProgress } from './progress-display';
import { startWatchdog, type StuckCommand } from './watchdog';
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
  callTimeout?: string | undefined;
  shard?: string | undefined;
  workers?: string | undefined;
  adapter?: string | undefined;
  corpus?: string | undefined;
  report: string;
  saveReport?: string | undefined;
  threshold: string;
  coverage?: boolean | undefined;
}

const DEFAULT_EXTENDED_BUDGET_MS = 10 * 60_000;
const DEFAULT_CALL_TIMEOUT_MS = 30_000;
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
  const callTimeoutMs = options.callTimeout === undefined ? DEFAULT_CALL_TIMEOUT_MS : parse.parseCallTimeout(options.callTimeout);
  if (options.timeBudget !== undefined && profile !== 'extended') {
    throw new UsageError('--time-budget applies to --profile extended only (premerge runs a fixed number of runs)');
  }
  const budgetMs = options.timeBudget === undefined ? DEFAULT_EXTENDED_BUDGET_MS : parse.parseTimeBudget(options.timeBudget);
  const category = options.category === undefined ? undefined : parse.parseCategory(options.category);
  const selected = selectProperties({ propertyGlob: options.property, category });
  // Loaded on demand, as the HTML report below: each is a few hundred ms of the CLI's start
  // (the adapter's module graph, the diagram layout), and most runs need neither.
  const adapter = options.adapter === undefined ? undefined : await (await import('./checked-adapter')).loadCheckedAdapter(options.adapter, cwd);
  // As the user would type it again from here: in the header, the reports and the replay commands.
  const adapterShown = adapter === undefined ? undefined : relative(cwd, adapter) || adapter;
  const corpusDir = options.corpus === undefined ? join(root, 'shrink-corpus') : resolve(cwd, options.corpus);
  loadCorpus(corpusDir);

  // The CLI is the edge that may draw randomness and read the clock (DESIGN.md, profiles).
  const seed = givenSeed ?? (profile === 'extended' ? randomInt(0, EXTENDED_SEED_LIMIT) : undefined);
  const deadline = profile === 'extended' ? Date.now() + budgetMs : undefined;
  const fileOf = (property: PropertyInfo): string => join(root, property.file);
  const present = selected.filter((property) => existsSync(fileOf(property)));
  const absent = selected.filter((property) => !existsSync(fileOf(property)));
  // Each property file runs on its own fixed seed whichever worker takes it: N changes the wall
  // time, never a verdict or a counterexample. An extended run with more workers than property
  // files runs each file in lanes, side by side, each lane every L-th seed (run-property.ts).
  const requestedWorkers = options.workers === undefined ? availableParallelism() : parse.parseWorkers(options.workers);
  const lanes = profile === 'extended' && present.length > 0 ? Math.max(1, Math.floor(requestedWorkers / present.length)) : 1;
  const workers = Math.max(1, Math.min(requestedWorkers, Math.max(1, selected.length) * lanes));

  const textToStdout = formats.includes('text') || options.saveReport !== undefined;
  const announce = textToStdout ? output.out : output.err;
  announce(describeRun({ profile, seed, seedWasDrawn: givenSeed === undefined, selected, shard, budgetMs, adapter: adapterShown }));

  // Every profile: the workers' heartbeats feed the watchdog; extended runs also show progress.
  const progressFile = join(tmpdir(), `tradeprop-progress-${process.pid}.jsonl`);
  // The budget is the run's: the workers split it among the properties as they go (budget-share.ts).
  const share = profile === 'extended' ? { workers, properties: Math.max(1, present.length) } : undefined;
  applyWorkerEnvironment(workerEnvironment({ profile, seed, runs, adapter, corpusDir, deadline, share, progressFile }));
  const coverage = options.coverage === true ? { include: coverageScope(root, adapter), reportsDirectory: join(tmpdir(), `tradeprop-coverage-${process.pid}`) } : undefined;
  // No file to run must not reach vitest: an empty filter list would run every test it knows.
  const result: VitestRunResult & { stuck: StuckCommand[] } =
    present.length === 0
      ? { outcomes: new Map(), problems: [], vitestOutput: '', stuck: [] }
      : await runWatched({ progressFile, budgetMs: profile === 'extended' ? budgetMs : undefined, callTimeoutMs }, (onCancellable) =>
          runPropertyFiles({ root, configFile: join(root, 'vitest.config.ts'), files: present.map(fileOf), shard, workers, lanes, coverage, onCancellable }),
        );
  const measured = coverage === undefined ? undefined : readCoverage(root, coverage);

  const reports: PropertyRunReport[] = [
    ...reportsFromOutcomes({ root, selected: present, outcomes: result.outcomes, fileOf, profile, seed }).map((report) => withStuckCommand(report, result.stuck, callTimeoutMs)),
    // Without a shard every selected file must run; with one, an absent file is only noted once (shard 1).
    ...absent
      .filter(() => shard === undefined || shard.index === 1)
      .map((property) => crashedReport(property, profile, seed, `its file ${property.file} does not exist`)),
  ];
  const leftWithoutReport = shard === undefined ? present.filter((property) => !result.outcomes.has(fileOf(property))) : [];
  const stoppedBy = result.stuck[0];
  for (const property of leftWithoutReport) {
    const why = stoppedBy === undefined ? `vitest did not run ${property.file} (is it in vitest.config.ts include?)` : `not run: the run stopped when ${stoppedBy.property}'s command ${stoppedBy.command} blocked its worker`;
    reports.push(crashedReport(property, profile, seed, why));
  }
  const summary = summarizeRun({
    tradepropVersion: tradepropVersion(root),
    profile,
    seed,
    shard: shard === undefined ? undefined : `${shard.index}/${shard.count}`,
    adapter: adapterShown,
    properties: reports,
    // The killed worker's own death is the watchdog's doing, already reported as P1.
    problems: [
      ...(result.stuck.length === 0 ? result.problems : result.problems.filter((problem) => !/Worker forks? emitted error|Worker exited unexpectedly/.test(problem))),
      ...(measured !== undefined && 'problem' in measured ? [`--coverage: ${measured.problem}`] : []),
    ],
    coverage: measured !== undefined && 'problem' in measured ? undefined : measured,
  });
  const crashed = [...result.outcomes.values()].some((outcome) => outcome.report === undefined);
  if (crashed && result.vitestOutput.trim() !== '') {
    output.err(`vitest output:\n${result.vitestOutput.slice(-4000)}\n`);
  }

  // The CLI is the edge that reads the clock; the HTML report prints it, the others stay byte-stable.
  const generatedAt = new Date().toISOString();
  if (options.saveReport !== undefined) {
    output.out(formatTextReport(summary));
    const dir = resolve(cwd, options.saveReport);
    const saved = [saveJsonReport(dir, summary)];
    if (formats.includes('text')) {
      saved.push(join(dir, 'tradeprop-report.txt'));
      writeFileSync(join(dir, 'tradeprop-report.txt'), formatTextReport(summary));
    }
    if (formats.includes('junit')) saved.push(saveJunitReport(dir, summary));
    if (formats.includes('html')) saved.push((await import('../report/html/html-report')).saveHtmlReport(dir, summary, { generatedAt }));
    output.out(`report saved to ${saved.join(', ')}\n`);
  } else {
    if (formats.includes('text')) output.out(formatTextReport(summary));
    if (formats.includes('json')) output.out(formatJsonReport(summary));
    if (formats.includes('junit')) output.out(formatJunitReport(summary));
    if (formats.includes('html')) output.out((await import('../report/html/html-report')).formatHtmlReport(summary, { generatedAt }));
  }

  const allHeld = reports.every((report) => report.failure === undefined);
  return allHeld && summary.score.score >= threshold ? EXIT.ok : EXIT.failed;
}

/**
 * What --coverage measures: the adapter code, the reference adapter's src/exchange/ always (a
 * fixture or a user's adapter usually wraps it) and the --adapter module itself when given.
 */
function coverageScope(root: string, adapter: string | undefined): string[] {
  const scope = ['src/exchange/**/*.ts'];
  if (adapter === undefined) return scope;
  const relativeAdapter = relative(root, adapter);
  const inside = relativeAdapter !== '' && !relativeAdapter.startsWith('..') && !isAbsolute(relativeAdapter);
  const file = inside ? relativeAdapter.split(sep).join('/') : adapter;
  return file.startsWith('src/exchange/') ? scope : [...scope, file];
}

/** vitest's json-summary, read and removed; a missing or odd one is a problem for the report, not a crash. */
function readCoverage(root: string, coverage: { include: string[]; reportsDirectory: string }): CoverageSummary | { problem: string } {
  const file = join(coverage.reportsDirectory, COVERAGE_SUMMARY_FILE);
  try {
    if (!existsSync(file)) return { problem: `vitest wrote no coverage summary (${file}); did any property file run?` };
    return coverageFromJsonSummary(JSON.parse(readFileSync(file, 'utf8')), root, coverage.include);
  } catch (error) {
    return { problem: `the coverage summary could not be read (${error instanceof Error ? error.message : String(error)})` };
  } finally {
    rmSync(coverage.reportsDirectory, { recursive: true, force: true });
  }
}

/**
 * Runs the workers under the watchdog (a command that blocks a worker for `callTimeoutMs` gets
 * it killed) and, for extended runs, the live progress display.
 */
async function runWatched<T extends object>(
  watch: { progressFile: string; budgetMs: number | undefined; callTimeoutMs: number },
  run: (onCancellable: (cancel: () => void) => void) => Promise<T>,
): Promise<T & { stuck: StuckCommand[] }> {
  writeFileSync(watch.progressFile, '');
  let cancel: (() => void) | undefined;
  // One blocking command stops the run: every later property would block on it as well.
  const watchdog = startWatchdog({ progressFile: watch.progressFile, callTimeoutMs: watch.callTimeoutMs, onFirstKill: () => cancel?.() });
  const progress = watch.budgetMs === undefined ? undefined : startLiveProgress({ progressFile: watch.progressFile, budgetMs: watch.budgetMs });
  let stuck: StuckCommand[] = [];
  try {
    const result = await run((stop) => {
      cancel = stop;
    });
    stuck = watchdog.stop();
    return { ...result, stuck };
  } finally {
    watchdog.stop();
    progress?.stop();
    rmSync(watch.progressFile, { force: true });
  }
}

/**
 * A property whose worker the watchdog killed: P1, naming the seed and the command it was in.
 * One that the stopped run never let finish says so, naming the one that blocked.
 */
function withStuckCommand(report: PropertyRunReport, stuck: readonly StuckCommand[], callTimeoutMs: number): PropertyRunReport {
  const command = stuck.find((entry) => entry.property === report.property);
  const first = stuck[0];
  if (command === undefined) {
    if (first === undefined || report.failure === undefined || report.runs > 0) return report;
    const message = `not run to the end: the run stopped when ${first.property}'s command ${first.command} blocked its worker for ${Math.round(callTimeoutMs / 1000)} s`;
    return { ...report, failure: { ...report.failure, message } };
  }
  const message = `P1 violated: ${command.command} did not return within ${Math.round(callTimeoutMs / 1000)} s of wall time (--call-timeout): it blocks the event loop or spins, so its worker was killed; property ${command.property}, seed ${command.seed}, last command started: ${command.command}`;
  return { ...report, failure: { message, seed: command.seed, path: '', replayPath: '', commands: [command.command], steps: [] } };
}

function describeRun(run: {
  profile: parse.RunProfile;
  seed: number | undefined;
  seedWasDrawn: boolean;
  selected: readonly PropertyInfo[];
  shard: parse.Shard | undefined;
  budgetMs: number;
  adapter: string | undefined;
}): string {
  const parts = [
    `tradeprop run: ${run.adapter === undefined ? 'the reference adapter' : `adapter ${run.adapter}`} on the embedded venue (simulated Binance spot, in-process)`,
    `profile ${run.profile}`,
    `${run.selected.length} propert${run.selected.length === 1 ? 'y' : 'ies'} selected`,
  ];
  if (run.seed === undefined) parts.push('fixed seeds');
  else parts.push(`seed ${run.seed}` + (run.seedWasDrawn ? ` (repeat this run with --seed ${run.seed})` : ''));
  if (run.profile === 'extended') parts.push(`time budget ${Math.round(run.budgetMs / 1000)}s`);
  if (run.shard) parts.push(`shard ${run.shard.index}/${run.shard.count}`);
  return `${parts.join(', ')}\n`;
}
