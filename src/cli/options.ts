import { CATEGORIES, PROPERTIES, type Category } from '../../properties/catalog';
import { UsageError } from '../domain/errors';

/**
 * Parsing and validation of the command-line values. Commander hands over raw strings; each
 * function here turns one into a typed value or throws a UsageError whose message says what a
 * good value looks like (the CLI prints it as its one line and exits 2).
 */

export type RunProfile = 'premerge' | 'extended';
export type ReportFormat = 'text' | 'json' | 'junit' | 'html';

export interface Shard {
  index: number;
  count: number;
}

const RUN_PROFILES: readonly RunProfile[] = ['premerge', 'extended'];
const REPORT_FORMATS: readonly ReportFormat[] = ['text', 'json', 'junit', 'html'];

export function parseSeed(raw: string): number {
  const seed = parseInteger(raw);
  if (seed === undefined) throw new UsageError(`--seed must be an integer (a safe JavaScript integer), got "${raw}"`);
  return seed;
}

export function parseRuns(raw: string): number {
  const runs = parseInteger(raw);
  if (runs === undefined || runs < 1) throw new UsageError(`--runs must be a positive integer, got "${raw}"`);
  return runs;
}

export function parseThreshold(raw: string): number {
  const threshold = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(threshold) || threshold < 0 || threshold > 100) {
    throw new UsageError(`--threshold must be a number from 0 to 100, got "${raw}"`);
  }
  return threshold;
}

/** `--workers N`: how many property files run at once, a whole number from 1 to 256. */
export function parseWorkers(raw: string): number {
  const workers = /^\d+$/.test(raw.trim()) ? parseInteger(raw.trim()) : undefined;
  if (workers === undefined || workers < 1 || workers > 256) throw new UsageError(`--workers must be a whole number from 1 to 256, got "${raw}"`);
  return workers;
}

/** `i/n` with 1 <= i <= n, vitest's own shard notation. */
export function parseShard(raw: string): Shard {
  const match = /^(\d+)\/(\d+)$/.exec(raw.trim());
  const index = match?.[1] === undefined ? undefined : parseInteger(match[1]);
  const count = match?.[2] === undefined ? undefined : parseInteger(match[2]);
  if (index === undefined || count === undefined || count < 1 || index < 1 || index > count) {
    throw new UsageError(`--shard must be i/n with 1 <= i <= n (e.g. 2/4), got "${raw}"`);
  }
  return { index, count };
}

const DURATION_UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** `90s`, `10m`, `1h`, `1h30m`, `500ms`: a positive duration in milliseconds. */
export function parseTimeBudget(raw: string): number {
  return parseDuration(raw, '--time-budget');
}

/** `--call-timeout`: the wall time one command may block a worker before it is killed. */
export function parseCallTimeout(raw: string): number {
  return parseDuration(raw, '--call-timeout');
}

function parseDuration(raw: string, option: string): number {
  const text = raw.trim();
  const part = /(\d+)(ms|s|m|h)/y;
  let total = 0;
  let parts = 0;
  while (part.lastIndex < text.length) {
    const match = part.exec(text);
    const count = match?.[1];
    const unit = match?.[2];
    if (count === undefined || unit === undefined) {
      throw new UsageError(`${option} must be a duration such as 90s, 10m, 1h or 1h30m, got "${raw}"`);
    }
    total += Number(count) * (DURATION_UNIT_MS[unit] ?? 0);
    parts += 1;
  }
  if (parts === 0 || total <= 0 || !Number.isSafeInteger(total)) {
    throw new UsageError(`${option} must be a positive duration such as 90s, 10m, 1h or 1h30m, got "${raw}"`);
  }
  return total;
}

export function parseRunProfile(raw: string): RunProfile {
  const profile = RUN_PROFILES.find((name) => name === raw);
  if (profile === undefined) {
    throw new UsageError(`--profile must be one of ${RUN_PROFILES.join(', ')}, got "${raw}" (replay has its own command)`);
  }
  return profile;
}

/** The categories some property belongs to: what --category accepts and --help offers. */
export const SELECTABLE_CATEGORIES: readonly Category[] = CATEGORIES.filter((name) => PROPERTIES.some((property) => property.category === name));

export function parseCategory(raw: string): Category {
  const category = SELECTABLE_CATEGORIES.find((name) => name === raw.trim().toLowerCase());
  if (category === undefined) {
    const known = CATEGORIES.includes(raw.trim().toLowerCase() as Category) ? ` ("${raw}" has no property yet)` : '';
    throw new UsageError(`--category must be one of ${SELECTABLE_CATEGORIES.map((name) => `"${name}"`).join(', ')}, got "${raw}"${known}`);
  }
  return category;
}

/** A comma-separated list such as `text,json`, without duplicates, in the order given. */
export function parseReportFormats(raw: string): ReportFormat[] {
  const formats: ReportFormat[] = [];
  for (const word of raw.split(',').map((item) => item.trim().toLowerCase())) {
    const format = REPORT_FORMATS.find((name) => name === word);
    if (format === undefined) throw new UsageError(`--report takes a comma-separated list of ${REPORT_FORMATS.join(', ')}, got "${raw}"`);
    if (!formats.includes(format)) formats.push(format);
  }
  return formats;
}

/** A fast-check path: colon-separated non-negative integers such as "12:0:3". */
export function parseReplayPath(raw: string): string {
  if (!/^\d+(:\d+)*$/.test(raw)) throw new UsageError(`--path must be a fast-check path such as "12:0:3", got "${raw}"`);
  return raw;
}

/** Decimal integers only: "1e3", "0x10", " 7 " and "" are refused rather than guessed at. */
function parseInteger(raw: string): number | undefined {
  if (!/^-?\d+$/.test(raw)) return undefined;
  const value = Number(raw);
  return Number.isSafeInteger(value) ? value : undefined;
}
