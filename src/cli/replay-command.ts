import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { PROPERTIES, findProperty, type PropertyInfo } from '../../properties/catalog';
import { modelFingerprint, projectRoot } from '../corpus/fingerprint';
import { readCorpusEntry } from '../corpus/store';
import { UnknownPropertyError, UsageError } from '../domain/errors';
import { formatStepTable } from '../report/step-table';
import { hasCounterexample } from '../report/text-report';
import type { ReplayTarget } from '../verifier/protocol';
import { loadCheckedAdapter } from './checked-adapter';
import type { CliOutput } from './cli-output';
import { EXIT, type ExitCode } from './exit-codes';
import { parseReplayPath, parseSeed } from './options';
import { runPropertyFiles } from './vitest-runner';
import { applyWorkerEnvironment, workerEnvironment } from './worker-environment';

/** The raw arguments commander collected for `tradeprop replay`. */
export interface ReplayCommandOptions {
  property?: string | undefined;
  seed?: string | undefined;
  path?: string | undefined;
  replayPath?: string | undefined;
  adapter?: string | undefined;
}

interface ReplayPlan {
  target: ReplayTarget;
  property: PropertyInfo;
  /** Absolute adapter module, or undefined for the reference adapter. */
  adapter: string | undefined;
  notes: string[];
}

/**
 * Re-runs exactly one counterexample (profile `replay`) and prints it as a step table. Exit 1
 * when the failure reproduced, 0 when the property now holds for it.
 */
export async function replayCommand(file: string | undefined, options: ReplayCommandOptions, output: CliOutput): Promise<ExitCode> {
  const root = projectRoot();
  const plan = file === undefined ? await planFromOptions(options) : await planFromCorpusFile(file, options, root);
  const propertyFile = join(root, plan.property.file);
  if (!existsSync(propertyFile)) {
    output.out(`cannot replay ${plan.property.name}: its file ${plan.property.file} does not exist\n`);
    return EXIT.failed;
  }
  output.out(
    `replaying ${plan.target.property}: seed ${plan.target.seed}, path ${plan.target.path}` +
      (plan.target.replayPath ? `, replay path ${plan.target.replayPath}` : '') +
      '\n' +
      plan.notes.map((note) => `note: ${note}\n`).join(''),
  );

  applyWorkerEnvironment(
    workerEnvironment({ profile: 'replay', seed: plan.target.seed, adapter: plan.adapter, saveCorpus: false, replay: plan.target }),
  );
  const result = await runPropertyFiles({ root, configFile: join(root, 'vitest.config.ts'), files: [propertyFile] });
  const outcome = result.outcomes.get(propertyFile);
  const failure = outcome?.report?.failure;

  if (failure !== undefined) {
    if (hasCounterexample(failure) && failure.steps.length > 0) output.out(`\n${formatStepTable(failure.steps)}\n`);
    else if (failure.commands.length > 0) output.out(`\n${failure.commands.map((command, index) => `${index + 1}. ${command}`).join('\n')}\n`);
    output.out(`\n${failure.message}\n\nthe failure reproduced: ${plan.property.name} does not hold\n`);
    return EXIT.failed;
  }
  if (outcome === undefined || outcome.failed || outcome.report === undefined) {
    const why = outcome?.errors.join('\n') || result.problems.join('\n') || result.vitestOutput.slice(-4000) || 'vitest reported nothing';
    output.out(`\nthe replay did not complete:\n${why}\n`);
    return EXIT.failed;
  }
  output.out(`\n${plan.property.name} now holds for this counterexample: the failure did not reproduce\n`);
  return EXIT.ok;
}

async function planFromCorpusFile(file: string, options: ReplayCommandOptions, root: string): Promise<ReplayPlan> {
  if (options.property !== undefined || options.seed !== undefined || options.path !== undefined || options.replayPath !== undefined) {
    throw new UsageError('give either a corpus FILE or --property, --seed and --path, not both');
  }
  const entry = readCorpusEntry(resolve(process.cwd(), file));
  const property = catalogProperty(entry.property);
  const notes: string[] = [];
  if (entry.fingerprint !== modelFingerprint(root)) {
    notes.push('the models or commands changed since this entry was recorded; the replay may take another course');
  }
  // Replay against the adapter that failed, unless the user points elsewhere (and then say so).
  const adapter = await loadCheckedAdapter(options.adapter ?? entry.adapter, options.adapter === undefined ? root : process.cwd());
  if (options.adapter !== undefined && adapter !== resolve(root, entry.adapter)) {
    notes.push(`replaying against ${options.adapter}, not ${entry.adapter}, the adapter this counterexample was recorded with`);
  }
  return { target: { property: entry.property, seed: entry.seed, path: entry.path, replayPath: entry.replayPath }, property, adapter, notes };
}

async function planFromOptions(options: ReplayCommandOptions): Promise<ReplayPlan> {
  const missing = (['property', 'seed', 'path'] as const).filter((name) => options[name] === undefined).map((name) => `--${name}`);
  if (options.property === undefined || options.seed === undefined || options.path === undefined) {
    throw new UsageError(`replay needs a corpus FILE, or --property, --seed and --path (missing ${missing.join(', ')})`);
  }
  const property = catalogProperty(options.property);
  const target: ReplayTarget = {
    property: property.name,
    seed: parseSeed(options.seed),
    path: parseReplayPath(options.path),
    replayPath: options.replayPath,
  };
  const adapter = options.adapter === undefined ? undefined : await loadCheckedAdapter(options.adapter, process.cwd());
  return { target, property, adapter, notes: [] };
}

function catalogProperty(name: string): PropertyInfo {
  const property = findProperty(name);
  if (property === undefined) throw new UnknownPropertyError(name, PROPERTIES.map((known) => known.name));
  return property;
}
