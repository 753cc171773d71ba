import { Writable } from 'node:stream';
import type { SerializedError } from 'vitest';
import type { Reporter, TestCase, TestModule, Vitest } from 'vitest/node';
import { mergeLaneReports } from '../verifier/lanes';
import { ENV, type PropertyRunReport } from '../verifier/protocol';
import type { Shard } from './options';

/**
 * Drives vitest through its Node API (`startVitest('test', files, options)`): our
 * vitest.config.ts, watch off, only the selected property files, vitest's own sharding, and a
 * single inline reporter that collects `testCase.meta().tradeprop` from each test. vitest's own
 * console output is captured rather than printed, so the CLI's report is the only output; the
 * capture is handed back for when something went wrong outside the properties.
 *
 * Settings reach the workers as environment variables (src/verifier/protocol.ts): the caller
 * puts them in process.env before calling, and the forked workers inherit them.
 */
export interface PropertyFileOutcome {
  /** Absolute path of the property file. */
  file: string;
  /** What the property reported; absent when the file crashed before reporting. */
  report?: PropertyRunReport | undefined;
  /** Whether vitest counted the file's tests as failed, independent of the report. */
  failed: boolean;
  /** Test and collection errors, first line of each, for a property that left no report. */
  errors: string[];
}

export interface VitestRunResult {
  /** One entry per property file that ran in this shard, keyed by absolute path. */
  outcomes: Map<string, PropertyFileOutcome>;
  /** Errors outside any test (unhandled rejections, worker crashes). */
  problems: string[];
  /** What vitest itself wrote, for diagnosing a run that produced no reports. */
  vitestOutput: string;
}

export interface VitestRunRequest {
  root: string;
  configFile: string;
  /** Absolute paths of the property files. */
  files: string[];
  shard?: Shard | undefined;
  /** How many property files run at once (vitest's maxWorkers). */
  workers?: number | undefined;
  /** Measure line and branch coverage of these files (globs relative to root) into reportsDirectory. */
  coverage?: { include: string[]; reportsDirectory: string } | undefined;
  /**
   * Lanes of each file (extended runs with more workers than files): each file runs this many
   * times side by side, lane K with TRADEPROP_LANE=K/L, as vitest projects; its outcomes are
   * merged into one (src/verifier/lanes.ts). Default 1.
   */
  lanes?: number | undefined;
  /** Handed a function that stops the run: no further file starts (the watchdog's use). */
  onCancellable?: ((cancel: () => void) => void) | undefined;
}

export async function runPropertyFiles(request: VitestRunRequest): Promise<VitestRunResult> {
  // Loaded on demand: vitest's node side takes seconds to import, and input errors must fail fast.
  const { startVitest } = await import('vitest/node');
  const lanes = request.lanes ?? 1;
  const collector = new PropertyResultCollector(request.onCancellable);
  const captured = new CapturedOutput();
  await startVitest(
    'test',
    request.files,
    {
      root: request.root,
      config: request.configFile,
      watch: false,
      run: true,
      reporters: [collector],
      shard: request.shard ? `${request.shard.index}/${request.shard.count}` : undefined,
      // An empty shard is a normal outcome of --shard over few files.
      passWithNoTests: true,
      isolate: false,
      maxWorkers: request.workers,
      // Transformed modules kept on disk between runs (keyed by content and configuration): a
      // property worker's transforms took 1.3 s of its start, 0.3 s with the cache.
      experimental: { fsModuleCache: true },
      // Absent rather than undefined when off: vitest reads an explicit undefined as "no coverage config" and crashes.
      ...(request.coverage === undefined
        ? {}
        : {
            coverage: {
              enabled: true,
              provider: 'v8',
              include: request.coverage.include,
              reporter: ['json-summary'],
              reportsDirectory: request.coverage.reportsDirectory,
              // A run that found a bug is the one whose coverage matters most.
              reportOnFailure: true,
              // An --adapter module may live outside the project.
              allowExternal: true,
            },
          }),
    },
    lanes > 1 ? { test: { projects: Array.from({ length: lanes }, (_, index) => ({ extends: true, test: { name: laneName(index), env: { [ENV.lane]: `${index}/${lanes}` } } })) } } : undefined,
    { stdout: captured, stderr: captured },
  );
  return { outcomes: mergedLanes(collector.outcomes), problems: collector.problems, vitestOutput: captured.text() };
}

function laneName(index: number): string {
  return `lane-${index}`;
}

/** One outcome per file from its lanes' (keyed file, then lane): a lane without a report leaves the file without one. */
function mergedLanes(byLane: Map<string, PropertyFileOutcome>): Map<string, PropertyFileOutcome> {
  const byFile = new Map<string, PropertyFileOutcome[]>();
  for (const [, outcome] of [...byLane].sort(([a], [b]) => a.localeCompare(b))) {
    byFile.set(outcome.file, [...(byFile.get(outcome.file) ?? []), outcome]);
  }
  const merged = new Map<string, PropertyFileOutcome>();
  for (const [file, lanes] of byFile) {
    const reports = lanes.map((lane) => lane.report);
    const complete = reports.every((report) => report !== undefined) ? reports.filter((report) => report !== undefined) : [];
    merged.set(file, {
      file,
      report: complete.length === 0 ? undefined : mergeLaneReports(complete),
      failed: lanes.some((lane) => lane.failed),
      errors: lanes.flatMap((lane) => lane.errors),
    });
  }
  return merged;
}

class PropertyResultCollector implements Reporter {
  readonly outcomes = new Map<string, PropertyFileOutcome>();
  readonly problems: string[] = [];

  constructor(private readonly onCancellable: VitestRunRequest['onCancellable']) {}

  onInit(vitest: Vitest): void {
    this.onCancellable?.(() => void vitest.cancelCurrentRun('test-failure'));
  }

  // Not onTestRunStart: it lists every file before --shard splits them; queued ones do run.
  onTestModuleQueued(testModule: TestModule): void {
    this.outcomeFor(testModule);
  }

  onTestCaseResult(testCase: TestCase): void {
    const outcome = this.outcomeFor(testCase.module);
    const report = testCase.meta().tradeprop;
    if (report) outcome.report = report;
    const result = testCase.result();
    if (result.state === 'failed') {
      outcome.failed = true;
      outcome.errors.push(...result.errors.map(firstLine));
    }
  }

  onTestModuleEnd(testModule: TestModule): void {
    const errors = testModule.errors();
    if (errors.length === 0) return;
    const outcome = this.outcomeFor(testModule);
    outcome.failed = true;
    outcome.errors.push(...errors.map(firstLine));
  }

  onTestRunEnd(_modules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<SerializedError>): void {
    this.problems.push(...unhandledErrors.map(firstLine));
  }

  /** Keyed by file and lane (the vitest project: one per lane, or the root's). */
  private outcomeFor(testModule: TestModule): PropertyFileOutcome {
    const file = testModule.moduleId;
    const key = `${file}\u0000${testModule.project.name}`;
    let outcome = this.outcomes.get(key);
    if (!outcome) {
      outcome = { file, failed: false, errors: [] };
      this.outcomes.set(key, outcome);
    }
    return outcome;
  }
}

function firstLine(error: SerializedError): string {
  const message = `${error.name ?? 'Error'}: ${error.message}`;
  return message.split('\n')[0] ?? message;
}

/** A sink that keeps what vitest writes instead of printing it. */
class CapturedOutput extends Writable {
  private readonly chunks: string[] = [];

  override _write(chunk: unknown, _encoding: BufferEncoding, done: (error?: Error | null) => void): void {
    this.chunks.push(Buffer.isBuffer(chunk) ? chunk.toString('utf8') : String(chunk));
    done();
  }

  text(): string {
    return this.chunks.join('');
  }
}
