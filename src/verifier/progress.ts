import { appendFileSync, closeSync, openSync, readFileSync, readSync, fstatSync, writeSync } from 'node:fs';
import { z } from 'zod';
import { ENV } from './protocol';

/**
 * The worker → CLI progress channel. vitest workers are separate processes and the reporter API
 * only hears about a test when it ends, so during a long extended run the harness appends one
 * JSON line per update to the file named by TRADEPROP_PROGRESS and the CLI polls that file.
 * Counts are cumulative per property, so the reader keeps only the latest line of each.
 * Nothing here reads the clock: throttling is by count, and pacing is the CLI's polling.
 */
const ProgressUpdateSchema = z.object({
  property: z.string(),
  runs: z.number(),
  commands: z.number(),
  failures: z.number(),
});
export type ProgressUpdate = z.infer<typeof ProgressUpdateSchema>;

/** Write every Nth update per property; failures are always written at once. */
const WRITE_EVERY = 10;

const lastWrittenByProperty = new Map<string, ProgressUpdate>();
let updatesSinceWrite = 0;

/** Called by the harness in a vitest worker; a no-op when the CLI did not ask for progress. */
export function reportProgress(update: ProgressUpdate): void {
  const file = process.env[ENV.progress];
  if (file === undefined || file === '') return;
  updatesSinceWrite += 1;
  const previous = lastWrittenByProperty.get(update.property);
  const newFailure = previous === undefined || update.failures !== previous.failures;
  if (!newFailure && updatesSinceWrite < WRITE_EVERY) return;
  updatesSinceWrite = 0;
  lastWrittenByProperty.set(update.property, { ...update });
  // One short line per append: O_APPEND keeps lines from parallel workers whole.
  appendFileSync(file, `${JSON.stringify(update)}\n`, 'utf8');
}

const FinishedLineSchema = z.object({ finished: z.string() });
const HeartbeatLineSchema = z.object({
  heartbeat: z.object({ property: z.string(), seed: z.number(), command: z.string(), pid: z.number().int() }),
});
export type Heartbeat = z.infer<typeof HeartbeatLineSchema>['heartbeat'];

/** The property and batch seed this worker is running, for its heartbeats. */
let running: { property: string; seed: number } | undefined;

export function setRunningProperty(property: string, seed: number): void {
  running = { property, seed };
}

/**
 * A line before each command (and each adapter creation) starts: if the command then blocks
 * the event loop, nothing in this worker can report it, and the CLI's watchdog names the
 * property, the seed and this command when it kills the worker.
 */
export function reportHeartbeat(command: string): void {
  const file = process.env[ENV.progress];
  if (file === undefined || file === '' || running === undefined) return;
  writeSync(appendDescriptor(file), `${JSON.stringify({ heartbeat: { ...running, command, pid: process.pid } })}\n`);
}

/**
 * The progress file opened once per worker for appending (O_APPEND: lines from parallel workers
 * stay whole): a heartbeat goes before every command, and opening and closing the file for each
 * was 2% of a premerge worker's time. Kept open until the worker exits.
 */
let appending: { file: string; fd: number } | undefined;

function appendDescriptor(file: string): number {
  if (appending?.file !== file) {
    if (appending !== undefined) closeSync(appending.fd);
    appending = { file, fd: openSync(file, 'a') };
  }
  return appending.fd;
}

/**
 * A property's last line: it starts no more batches. The workers read these back to split what
 * is left of an extended run's budget (budget-share.ts); the CLI's reader skips them.
 */
export function reportFinished(property: string): void {
  const file = process.env[ENV.progress];
  if (file === undefined || file === '') return;
  appendFileSync(file, `${JSON.stringify({ finished: property })}\n`, 'utf8');
}

/** How many properties other than `except` have reported finished; 0 without a progress file. */
export function finishedProperties(except: string): number {
  const file = process.env[ENV.progress];
  if (file === undefined || file === '') return 0;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return 0;
  }
  const finished = new Set<string>();
  for (const line of text.split('\n')) {
    if (!line.startsWith('{"finished"')) continue;
    const parsed = parseJsonLine(line, FinishedLineSchema);
    if (parsed !== undefined && parsed.finished !== except) finished.add(parsed.finished);
  }
  return finished.size;
}

/** What the CLI shows: totals over the latest update of each property. */
export interface ProgressTotals {
  runs: number;
  commands: number;
  failures: number;
  properties: number;
  /** The properties the workers are running now (their latest heartbeat), in order. */
  running: string[];
  /** Properties whose first failure arrived since the last poll: shown at once, not at the end. */
  newlyFailed: string[];
}

/** Reads the lines appended since the last poll; tolerates a missing file and a half-written last line. */
export class ProgressReader {
  private readonly lines: LineTail;
  private readonly latestByProperty = new Map<string, ProgressUpdate>();
  private readonly runningByPid = new Map<number, string>();

  constructor(file: string) {
    this.lines = new LineTail(file);
  }

  poll(): ProgressTotals {
    const newlyFailed: string[] = [];
    for (const line of this.lines.readNewLines()) {
      if (line.startsWith('{"heartbeat"')) {
        const beat = parseJsonLine(line, HeartbeatLineSchema)?.heartbeat;
        if (beat !== undefined) this.runningByPid.set(beat.pid, beat.property);
        continue;
      }
      if (line.startsWith('{"finished"')) {
        const finished = parseJsonLine(line, FinishedLineSchema)?.finished;
        for (const [pid, property] of this.runningByPid) if (property === finished) this.runningByPid.delete(pid);
        continue;
      }
      const update = parseProgressLine(line);
      if (update === undefined) continue;
      const before = this.latestByProperty.get(update.property)?.failures ?? 0;
      if (before === 0 && update.failures > 0) newlyFailed.push(update.property);
      this.latestByProperty.set(update.property, update);
    }
    let runs = 0;
    let commands = 0;
    let failures = 0;
    for (const update of this.latestByProperty.values()) {
      runs += update.runs;
      commands += update.commands;
      failures += update.failures;
    }
    return { runs, commands, failures, properties: this.latestByProperty.size, running: [...new Set(this.runningByPid.values())], newlyFailed };
  }
}

/** The whole lines appended to a file since the last read; a missing file has none. */
class LineTail {
  private offset = 0;
  private pending = '';

  constructor(private readonly file: string) {}

  readNewLines(): string[] {
    let descriptor: number;
    try {
      descriptor = openSync(this.file, 'r');
    } catch {
      return [];
    }
    try {
      const size = fstatSync(descriptor).size;
      if (size <= this.offset) return [];
      const buffer = Buffer.alloc(size - this.offset);
      const bytesRead = readSync(descriptor, buffer, 0, buffer.length, this.offset);
      this.offset += bytesRead;
      const text = this.pending + buffer.subarray(0, bytesRead).toString('utf8');
      const lines = text.split('\n');
      this.pending = lines.pop() ?? '';
      return lines.filter((line) => line.length > 0);
    } finally {
      closeSync(descriptor);
    }
  }
}

function parseProgressLine(line: string): ProgressUpdate | undefined {
  return parseJsonLine(line, ProgressUpdateSchema);
}

/**
 * The CLI's side of the heartbeats: the latest one of each worker process still running a
 * property (a finished property's worker is not watched until its next heartbeat).
 */
export class HeartbeatReader {
  private readonly lines: LineTail;
  private readonly latest = new Map<number, Heartbeat>();

  constructor(file: string) {
    this.lines = new LineTail(file);
  }

  /** New heartbeats since the last poll, and the workers still busy with their latest one. */
  poll(): { fresh: Heartbeat[]; busy: Heartbeat[] } {
    const fresh: Heartbeat[] = [];
    for (const line of this.lines.readNewLines()) {
      if (line.startsWith('{"heartbeat"')) {
        const beat = parseJsonLine(line, HeartbeatLineSchema)?.heartbeat;
        if (beat === undefined) continue;
        this.latest.set(beat.pid, beat);
        fresh.push(beat);
      } else if (line.startsWith('{"finished"')) {
        const finished = parseJsonLine(line, FinishedLineSchema)?.finished;
        for (const [pid, beat] of this.latest) if (beat.property === finished) this.latest.delete(pid);
      }
    }
    return { fresh, busy: [...this.latest.values()] };
  }
}

/** A half-written or foreign line is skipped, never fatal: the file is a side channel. */
function parseJsonLine<T>(line: string, schema: z.ZodType<T>): T | undefined {
  try {
    const parsed = schema.safeParse(JSON.parse(line));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
