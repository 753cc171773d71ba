import { randomInt } from 'node:crypto';
import { mkdtemp, readFile, rm, mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { runPremerge } from './premerge';

/**
 * The seed sweep: the premerge profile's properties on the reference adapter, over many fresh
 * seeds, through the CLI as a nightly job would run them. Fixed seeds keep pre-merge runs
 * reproducible; this shows that they are not the only seeds the reference holds on, so a
 * failure a user's fuzzing finds is theirs, not noise of ours. Every failure is listed with the
 * seed that repeats it (`tradeprop run --profile premerge --seed S --runs R`).
 *
 *   npm run sweep -- --seeds 50 --runs 20
 */

const PROJECT_ROOT = fileURLToPath(new URL('..', import.meta.url));
const RESULTS_FILE = path.join(PROJECT_ROOT, 'bench', 'results', 'sweep.json');
const SEED_LIMIT = 2 ** 31;
const PER_SEED_TIMEOUT_MS = 600_000;

const ReportSchema = z.object({
  properties: z.array(z.object({ property: z.string(), runs: z.number(), commands: z.number(), failure: z.object({ message: z.string() }).optional() })),
});

interface SeedOutcome {
  seed: number;
  seconds: number;
  exitCode: number | null;
  failures: Array<{ property: string; message: string }>;
  /** Set when the run produced no report (crash, time-out). */
  problem?: string;
}

async function sweepOneSeed(seed: number, runs: number): Promise<SeedOutcome> {
  const reportDir = await mkdtemp(path.join(os.tmpdir(), 'tradeprop-sweep-'));
  try {
    const run = await runPremerge(PROJECT_ROOT, PER_SEED_TIMEOUT_MS, ['--seed', String(seed), '--runs', String(runs), '--save-report', reportDir, '--report', 'json']);
    const text = await readFile(path.join(reportDir, 'tradeprop-report.json'), 'utf8').catch(() => undefined);
    if (text === undefined) return { seed, seconds: run.seconds, exitCode: run.exitCode, failures: [], problem: run.timedOut ? 'timed out' : run.output.slice(-2000) };
    const report = ReportSchema.parse(JSON.parse(text));
    const failures = report.properties.flatMap((property) => (property.failure === undefined ? [] : [{ property: property.property, message: property.failure.message.split('\n')[0] ?? '' }]));
    return { seed, seconds: run.seconds, exitCode: run.exitCode, failures };
  } finally {
    await rm(reportDir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { seeds: { type: 'string', default: '50' }, runs: { type: 'string', default: '20' }, 'first-seed': { type: 'string' } } });
  const seedCount = Number(values.seeds);
  const runs = Number(values.runs);
  if (!Number.isSafeInteger(seedCount) || seedCount < 1 || !Number.isSafeInteger(runs) || runs < 1) throw new RangeError('--seeds and --runs must be positive integers');
  const first = values['first-seed'] === undefined ? undefined : Number(values['first-seed']);
  // Fresh seeds unless told: the sweep is for what nobody has tried (the CLI is the edge that may draw them).
  const seeds = Array.from({ length: seedCount }, (_, index) => (first === undefined ? randomInt(0, SEED_LIMIT) : first + index));
  const started = process.hrtime.bigint();
  const outcomes: SeedOutcome[] = [];
  for (const seed of seeds) {
    const outcome = await sweepOneSeed(seed, runs);
    outcomes.push(outcome);
    const verdict = outcome.problem !== undefined ? `NO REPORT (${outcome.problem.split('\n')[0] ?? ''})` : outcome.failures.length === 0 ? 'all held' : outcome.failures.map((failure) => `FAIL ${failure.property}: ${failure.message}`).join('; ');
    console.log(`seed ${seed}: ${outcome.seconds.toFixed(1)} s, ${verdict}`);
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const failing = outcomes.filter((outcome) => outcome.problem !== undefined || outcome.failures.length > 0);
  console.log(`sweep: ${seeds.length} seeds x ${runs} runs per property in ${seconds.toFixed(0)} s; ${failing.length === 0 ? 'every property held on every seed' : `${failing.length} seeds failed`}`);
  await mkdir(path.dirname(RESULTS_FILE), { recursive: true });
  await writeFile(RESULTS_FILE, `${JSON.stringify({ runsPerProperty: runs, seconds, seeds: outcomes }, null, 2)}\n`);
  console.log(`results: ${path.relative(PROJECT_ROOT, RESULTS_FILE)}`);
  process.exitCode = failing.length === 0 ? 0 : 1;
}

await main();
