import path from 'node:path';
import { UsageError } from '../domain/errors';
import { ENV, type ProfileName, type ReplayTarget } from './protocol';

/** How one property file runs, read from the environment the CLI (or a plain vitest run) set. */
export interface RunSettings {
  profile: ProfileName;
  /** Base seed; each property derives its own from it and its name. */
  baseSeed: number;
  runs: number;
  adapterModule: string | undefined;
  corpusDir: string;
  saveCorpus: boolean;
  /** Epoch ms after which no new batch starts (extended profile). */
  deadline: number | undefined;
  /** Extended: how many properties the run has and how many workers run them (budget-share.ts). */
  share: RunShare | undefined;
  /** Extended: which lane of a property's seeds this worker runs (protocol.ts ENV.lane); absent: the only one. */
  lane?: Lane | undefined;
  replay: ReplayTarget | undefined;
}

export interface Lane {
  index: number;
  count: number;
}

export const ONE_LANE: Lane = { index: 0, count: 1 };

export interface RunShare {
  workers: number;
  properties: number;
}

/** The premerge profile's fixed base seed: pre-merge runs are never flaky. */
export const PREMERGE_BASE_SEED = 20_261_124;
export const DEFAULT_RUNS: Readonly<Record<ProfileName, number>> = { premerge: 60, extended: 100, replay: 1 };

export function readSettings(env: NodeJS.ProcessEnv, projectRoot: string): RunSettings {
  const profile = parseProfile(env[ENV.profile]);
  const replayText = env[ENV.replay];
  return {
    profile,
    baseSeed: parseInteger(env[ENV.seed], ENV.seed) ?? PREMERGE_BASE_SEED,
    runs: parseInteger(env[ENV.runs], ENV.runs) ?? DEFAULT_RUNS[profile],
    adapterModule: env[ENV.adapter] || undefined,
    corpusDir: env[ENV.corpusDir] || path.join(projectRoot, 'shrink-corpus'),
    saveCorpus: env[ENV.saveCorpus] !== '0',
    deadline: parseInteger(env[ENV.deadline], ENV.deadline),
    share: parseShare(env[ENV.share]),
    lane: parseLane(env[ENV.lane]),
    replay: replayText ? parseReplayTarget(replayText) : undefined,
  };
}

function parseProfile(text: string | undefined): ProfileName {
  if (text === undefined || text === '') return 'premerge';
  if (text === 'premerge' || text === 'extended' || text === 'replay') return text;
  throw new UsageError(`${ENV.profile} must be premerge, extended or replay, not "${text}"`);
}

function parseInteger(text: string | undefined, name: string): number | undefined {
  if (text === undefined || text === '') return undefined;
  const value = Number(text);
  if (!/^-?\d+$/.test(text) || !Number.isSafeInteger(value)) throw new UsageError(`${name} must be an integer, not "${text}"`);
  return value;
}

function parseShare(text: string | undefined): RunShare | undefined {
  if (text === undefined || text === '') return undefined;
  const match = /^([1-9]\d{0,3})\/([1-9]\d{0,5})$/.exec(text);
  if (match === null) throw new UsageError(`${ENV.share} must be WORKERS/PROPERTIES such as 2/16, not "${text}"`);
  return { workers: Number(match[1]), properties: Number(match[2]) };
}

function parseLane(text: string | undefined): Lane {
  if (text === undefined || text === '') return ONE_LANE;
  const match = /^(\d{1,3})\/([1-9]\d{0,2})$/.exec(text);
  const [index, count] = [Number(match?.[1]), Number(match?.[2])];
  if (match === null || index >= count) throw new UsageError(`${ENV.lane} must be LANE/LANES such as 0/2, the lane below the count, not "${text}"`);
  return { index, count };
}

function parseReplayTarget(text: string): ReplayTarget {
  const parsed: unknown = JSON.parse(text);
  if (
    typeof parsed === 'object' && parsed !== null &&
    'property' in parsed && typeof parsed.property === 'string' &&
    'seed' in parsed && typeof parsed.seed === 'number' &&
    'path' in parsed && typeof parsed.path === 'string'
  ) {
    const replayPath = 'replayPath' in parsed && typeof parsed.replayPath === 'string' ? parsed.replayPath : undefined;
    return { property: parsed.property, seed: parsed.seed, path: parsed.path, replayPath };
  }
  throw new UsageError(`${ENV.replay} must be JSON with property, seed and path`);
}

/** A property's own seed: fixed per name, so adding a property never reseeds the others. */
export function propertySeed(baseSeed: number, property: string): number {
  let hash = 0x811c9dc5;
  for (const char of property) {
    hash ^= char.charCodeAt(0);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return (baseSeed ^ hash) & 0x7fffffff;
}
