import { spawnSync } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { z } from 'zod';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { EQUIVALENT_MUTANTS } from './mutation-equivalents';
import { StrykerReportSchema, summariseMutation } from './mutation-summary';

/**
 * `npm run mutate`: Stryker over src/exchange/ (stryker.config.mjs), timed, then the score, the
 * counts and the surviving mutants written to bench/results/mutation.json. Arguments after `--`
 * go to `stryker run`. Each run is added to the summary's `runs` (its arguments, its seconds, and
 * the files and mutants its report held): a whole src/exchange measured a part at a time (README
 * "Mutation testing") costs the sum of its runs' seconds.
 */
const PROJECT_ROOT = fileURLToPath(new URL('..', import.meta.url));
const STRYKER_REPORT = path.join(PROJECT_ROOT, 'reports', 'mutation', 'mutation.json');
const SUMMARY_FILE = path.join(PROJECT_ROOT, 'bench', 'results', 'mutation.json');

const RunSchema = z.object({ args: z.array(z.string()), runSeconds: z.number(), files: z.number().int(), mutants: z.number().int() });
type Run = z.infer<typeof RunSchema>;

/** The runs already in the summary; none when there is no summary yet or it predates `runs`. */
async function earlierRuns(): Promise<Run[]> {
  const text = await readFile(SUMMARY_FILE, 'utf8').catch((error: unknown) => {
    if (error instanceof Error && 'code' in error && error.code === 'ENOENT') return undefined;
    throw error;
  });
  if (text === undefined) return [];
  return z.object({ runs: z.array(RunSchema).default([]) }).parse(JSON.parse(text)).runs;
}

async function main(): Promise<void> {
  const started = performance.now();
  const stryker = spawnSync('npx', ['stryker', 'run', ...process.argv.slice(2)], { cwd: PROJECT_ROOT, stdio: 'inherit' });
  const runSeconds = Math.round((performance.now() - started) / 100) / 10;
  if (stryker.status !== 0) throw new Error(`stryker run exited with ${stryker.status ?? stryker.signal}`);
  const report = StrykerReportSchema.parse(JSON.parse(await readFile(STRYKER_REPORT, 'utf8')));
  const summary = summariseMutation(report, EQUIVALENT_MUTANTS);
  const { total } = summary;
  const mutants = total.killed + total.survived + total.timeout + total.noCoverage + total.errors + total.ignored;
  const runs = [...(await earlierRuns()), { args: process.argv.slice(2), runSeconds, files: Object.keys(summary.perFile).length, mutants }];
  await writeFile(SUMMARY_FILE, `${JSON.stringify({ runSeconds, runs, ...summary }, null, 2)}\n`);
  console.log(
    `mutation score ${total.score}% over ${Object.keys(summary.perFile).length} files: ${total.killed} killed, ${total.timeout} timeout, ` +
      `${total.survived} survived, ${total.noCoverage} no coverage; npm run mutate took ${runSeconds} s; ${path.relative(PROJECT_ROOT, SUMMARY_FILE)}`,
  );
  const unanswered = summary.survivors.filter((survivor) => survivor.equivalent === undefined);
  if (unanswered.length > 0) console.log(`not answered (${unanswered.length}):\n${unanswered.map((survivor) => `  ${survivor.file}:${survivor.line} ${survivor.mutator} -> ${survivor.replacement}: ${survivor.code}`).join('\n')}`);
  // An equivalent whose line was edited names nothing now: its mutant is unanswered until looked at again.
  if (summary.lapsedEquivalents.length > 0) console.log(`equivalents that named no survivor (bench/mutation-equivalents.ts):\n${summary.lapsedEquivalents.map((key) => `  ${key}`).join('\n')}`);
}

await main();
