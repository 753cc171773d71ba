import { spawnSync } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { EQUIVALENT_MUTANTS } from './mutation-equivalents';
import { StrykerReportSchema, summariseMutation } from './mutation-summary';

/**
 * `npm run mutate`: Stryker over src/exchange/ (stryker.config.mjs), timed, then the score, the
 * counts and the surviving mutants written to bench/results/mutation.json. Arguments after `--`
 * go to `stryker run`.
 */
const PROJECT_ROOT = fileURLToPath(new URL('..', import.meta.url));
const STRYKER_REPORT = path.join(PROJECT_ROOT, 'reports', 'mutation', 'mutation.json');
const SUMMARY_FILE = path.join(PROJECT_ROOT, 'bench', 'results', 'mutation.json');

async function main(): Promise<void> {
  const started = performance.now();
  const stryker = spawnSync('npx', ['stryker', 'run', ...process.argv.slice(2)], { cwd: PROJECT_ROOT, stdio: 'inherit' });
  const runSeconds = Math.round((performance.now() - started) / 100) / 10;
  if (stryker.status !== 0) throw new Error(`stryker run exited with ${stryker.status ?? stryker.signal}`);
  const report = StrykerReportSchema.parse(JSON.parse(await readFile(STRYKER_REPORT, 'utf8')));
  const summary = summariseMutation(report, EQUIVALENT_MUTANTS);
  await writeFile(SUMMARY_FILE, `${JSON.stringify({ runSeconds, ...summary }, null, 2)}\n`);
  const { total } = summary;
  console.log(
    `mutation score ${total.score}% over ${Object.keys(summary.perFile).length} files: ${total.killed} killed, ${total.timeout} timeout, ` +
      `${total.survived} survived, ${total.noCoverage} no coverage; npm run mutate took ${runSeconds} s; ${path.relative(PROJECT_ROOT, SUMMARY_FILE)}`,
  );
}

await main();
