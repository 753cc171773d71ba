import { ENV, type ProfileName, type ReplayTarget } from '../verifier/protocol';
import type { RunShare } from '../verifier/settings';

/**
 * The settings a run hands to the vitest workers, as the environment variables of
 * src/verifier/protocol.ts. The CLI owns them all: variables left in the user's shell from an
 * earlier session are cleared, so a run is decided by its command line alone.
 */
export interface WorkerSettings {
  profile: ProfileName;
  seed?: number | undefined;
  runs?: number | undefined;
  /** Absolute path of the adapter module. */
  adapter?: string | undefined;
  /** Absolute path of the corpus folder. */
  corpusDir?: string | undefined;
  saveCorpus?: boolean | undefined;
  /** Epoch ms after which no new run starts (extended). */
  deadline?: number | undefined;
  /** Extended: the workers and the properties that share the budget. */
  share?: RunShare | undefined;
  replay?: ReplayTarget | undefined;
  progressFile?: string | undefined;
}

export function workerEnvironment(settings: WorkerSettings): Record<string, string> {
  const env: Record<string, string> = { [ENV.profile]: settings.profile };
  if (settings.seed !== undefined) env[ENV.seed] = String(settings.seed);
  if (settings.runs !== undefined) env[ENV.runs] = String(settings.runs);
  if (settings.adapter !== undefined) env[ENV.adapter] = settings.adapter;
  if (settings.corpusDir !== undefined) env[ENV.corpusDir] = settings.corpusDir;
  if (settings.saveCorpus === false) env[ENV.saveCorpus] = '0';
  if (settings.deadline !== undefined) env[ENV.deadline] = String(settings.deadline);
  if (settings.share !== undefined) env[ENV.share] = `${settings.share.workers}/${settings.share.properties}`;
  if (settings.replay !== undefined) env[ENV.replay] = JSON.stringify(settings.replay);
  if (settings.progressFile !== undefined) env[ENV.progress] = settings.progressFile;
  return env;
}

/** Puts the settings into this process's environment, which the forked workers inherit. */
export function applyWorkerEnvironment(env: Record<string, string>, target: NodeJS.ProcessEnv = process.env): void {
  for (const name of Object.values(ENV)) delete target[name];
  Object.assign(target, env);
}
