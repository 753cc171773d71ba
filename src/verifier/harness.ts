import fc from 'fast-check';
import { SystemClock } from '../clock/system-clock';
import type { AdapterFactory, ExchangeFactoryBuilder } from '../exchange/contract';
import { createAdapterFactory } from '../exchange/factory';
import { TransitionRecorder } from '../../models/transition-coverage';
import type { PropertyInfo } from '../../properties/catalog';
import type { PropertyRunReport, RateLimitWeightUse, ReplayTarget, StepRow } from './protocol';
import { ShapedCommand, ShapedRuns, type RunShape } from './run-shape';

/** One run's system under test, started fresh from a generated setup. */
export interface ModelRun<M extends object, R> {
  model: M;
  real: R;
  /** The steps this run executed, with what model and adapter said after each. */
  trace(): readonly StepRow[];
  /** Faults the run injected at the venue, by kind (absent: a run without a venue nemesis). */
  faultsInjected?(): ReadonlyMap<string, number>;
  /** The run's REQUEST_WEIGHT windows and limit (absent: a run without a venue). */
  weightUsed?(): Omit<RateLimitWeightUse, 'peak'>;
  close(): Promise<void>;
}

/** What a run is given: the module under test's factories and the run's transition recorder. */
export interface RunContext {
  createAdapter: AdapterFactory;
  createExchangeFactory: ExchangeFactoryBuilder;
  coverage: TransitionRecorder;
}

export interface ModelPropertySpec<S, M extends object, R> {
  info: PropertyInfo;
  /** Transitions (`machine:from--EVENT-->to`) this property claims to check; each must be reached. */
  claims: readonly string[];
  setup: fc.Arbitrary<S>;
  /** The command kinds. */
  commands: ReadonlyArray<fc.Arbitrary<fc.AsyncCommand<M, R>>>;
  /** The most commands any run may have. */
  maxCommands: number;
  /** A run's own length and enabled kinds (run-shape.ts), from its set-up; default: every run may use everything. */
  shape?(setup: S): RunShape;
  start(setup: S, context: RunContext): Promise<ModelRun<M, R>>;
  /**
   * Why this property can judge nothing on the adapter (it lacks an optional capability the
   * property is about, e.g. a user-data stream), or undefined when it applies. Asked once, before
   * any run; a property that does not apply is reported as such and scored as neither run nor passed.
   */
  notApplicableTo?(createAdapter: AdapterFactory): Promise<string | undefined>;
}

/** What one `fc.check` of a property found. */
export interface CheckOutcome {
  runs: number;
  failure?: { message: string; seed: number; path: string; replayPath: string; commands: string[] } | undefined;
}

/**
 * Runs a model-based property: fresh runs from `seed`, or (with `replay`) exactly one stored
 * counterexample. Counts commands and feeds coverage as it goes. Never throws for a failing
 * property: the failure is returned, with what is needed to replay it.
 */
export class PropertyChecker<S, M extends object, R> {
  readonly coverage = new TransitionRecorder();
  commandsExecuted = 0;
  /** Faults injected over every run so far, by kind: shrinking runs included, as they ran too. */
  readonly faultsInjected = new Map<string, number>();
  private lastTrace: readonly StepRow[] = [];
  /** The last run's weight windows with the peak over every run; undefined until a run with a venue. */
  weightUsed: RateLimitWeightUse | undefined;
  private readonly shapes = new ShapedRuns<M>();

  constructor(
    private readonly spec: ModelPropertySpec<S, M, R>,
    private readonly createAdapter: AdapterFactory,
    private readonly onRun: (runs: number, commands: number) => void = () => undefined,
    private readonly createExchangeFactory: ExchangeFactoryBuilder = createAdapterFactory,
  ) {}

  /** The trace of the last run executed: after a replay, the counterexample's steps. */
  get trace(): readonly StepRow[] {
    return this.lastTrace;
  }

  async check(seed: number, numRuns: number, replay?: Pick<ReplayTarget, 'path' | 'replayPath'>): Promise<CheckOutcome> {
    let runs = 0;
    const kinds = this.spec.commands.map((kind, index) => kind.map((command) => new ShapedCommand(index, command, this.shapes)));
    const property = fc.asyncProperty(
      this.spec.setup,
      fc.commands(kinds, { maxCommands: this.spec.maxCommands, size: 'max', replayPath: replay?.replayPath }),
      async (setup, commands) => {
        const run = await this.spec.start(setup, { createAdapter: this.createAdapter, createExchangeFactory: this.createExchangeFactory, coverage: this.coverage });
        const shape = this.spec.shape?.(setup);
        if (shape !== undefined) this.shapes.start(run.model, shape);
        let failed = false;
        try {
          await fc.asyncModelRun(() => ({ model: run.model, real: run.real }), commands);
        } catch (error) {
          failed = true;
          throw error;
        } finally {
          this.lastTrace = run.trace();
          this.commandsExecuted += this.lastTrace.length;
          for (const [kind, count] of run.faultsInjected?.() ?? []) this.faultsInjected.set(kind, (this.faultsInjected.get(kind) ?? 0) + count);
          const weight = run.weightUsed?.();
          if (weight !== undefined) {
            const peak = Math.max(this.weightUsed?.peak ?? 0, ...weight.windows.map((window) => window.weight));
            this.weightUsed = { ...weight, peak };
          }
          runs += 1;
          this.onRun(runs, this.commandsExecuted);
          // A close that fails after a failed run must not hide the run's own verdict.
          await run.close().catch((error: unknown) => {
            if (!failed) throw error;
          });
        }
      },
    );
    const details = await fc.check(property, {
      seed,
      numRuns: replay === undefined ? numRuns : 1,
      path: replay?.path,
      // A replay re-runs exactly the stored case; shrinking it again would run other cases.
      endOnFailure: replay !== undefined,
    });
    if (!details.failed || details.counterexample === null || details.counterexamplePath === null) return { runs };
    const commands = details.counterexample[1];
    return {
      runs,
      failure: {
        message: messageOf(details.errorInstance),
        seed: details.seed,
        path: details.counterexamplePath,
        replayPath: replayPathOf(String(commands)) ?? replay?.replayPath ?? '',
        commands: executedCommands(commands),
      },
    };
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** fast-check appends `/*replayPath="..."*\/` to a commands value's text. */
function replayPathOf(text: string): string | undefined {
  const match = /\/\*replayPath=("(?:[^"\\]|\\.)*")\*\/\s*$/.exec(text);
  const quoted = match?.[1];
  return quoted === undefined ? undefined : String(JSON.parse(quoted));
}

/** The commands of a counterexample that actually ran, in order, as readable text. */
function executedCommands(commands: Iterable<unknown>): string[] {
  const executed: string[] = [];
  for (const command of commands) {
    if (typeof command === 'object' && command !== null && 'hasRan' in command && command.hasRan === true) executed.push(String(command));
  }
  return executed;
}

/** The real clock, read only to honour an extended run's wall-clock budget. */
export const budgetClock = new SystemClock();

export type { PropertyRunReport };
