/**
 * How the `tradeprop` CLI and the property files talk. The CLI drives vitest through its Node
 * API: settings go in as environment variables (vitest workers inherit them), results come
 * back as task meta (`task.meta.tradeprop`), so a property file stays an ordinary vitest file
 * (`npx vitest properties/data-integrity` works with the premerge defaults).
 */
export const ENV = {
  /** premerge | extended | replay; default premerge. */
  profile: 'TRADEPROP_PROFILE',
  /** Base seed (integer). premerge: fixed default; extended: the CLI draws a fresh one and prints it. */
  seed: 'TRADEPROP_SEED',
  /** Runs per property (overrides the profile). */
  runs: 'TRADEPROP_RUNS',
  /** Absolute path of a module exporting `createAdapter`; default the reference adapter. */
  adapter: 'TRADEPROP_ADAPTER',
  /** Where counterexamples are written and replayed from; default <project>/shrink-corpus. */
  corpusDir: 'TRADEPROP_CORPUS_DIR',
  /** "0" turns corpus writing off (the corpus is still replayed). */
  saveCorpus: 'TRADEPROP_SAVE_CORPUS',
  /** extended: epoch ms (system clock, read only by the runner edge) after which no new run starts. */
  deadline: 'TRADEPROP_DEADLINE',
  /** extended: "W/P", W workers running the run's P properties side by side; each property's share of the budget follows (budget-share.ts). */
  share: 'TRADEPROP_SHARE',
  /**
   * extended: "K/L", this worker runs lane K (0-based) of L lanes of each of its properties: its
   * batches take every L-th seed from K, side by side with the other lanes (one property, more
   * workers than properties). Set per lane by the CLI; absent: one lane.
   */
  lane: 'TRADEPROP_LANE',
  /** replay: JSON of ReplayTarget. */
  replay: 'TRADEPROP_REPLAY',
  /** File the workers append progress lines to (JSON per line) for the CLI's live display; unset: no progress. */
  progress: 'TRADEPROP_PROGRESS',
} as const;

export type ProfileName = 'premerge' | 'extended' | 'replay';

export interface ReplayTarget {
  property: string;
  seed: number;
  path: string;
  /** fast-check's `replayPath` of the commands arbitrary; absent when given by --seed/--path only. */
  replayPath?: string | undefined;
}

/** One row of a counterexample's step table. */
export interface StepRow {
  step: number;
  command: string;
  /** What the model expected after this step, as short text. */
  model: string;
  /** What the adapter reported after this step, as short text. */
  adapter: string;
  /** The first difference found at this step, if any. */
  difference?: string | undefined;
}

export interface PropertyFailure {
  /** Deterministic: the same counterexample gives the same message on every replay. */
  message: string;
  seed: number;
  path: string;
  replayPath: string;
  /** The shrunk commands in readable form. */
  commands: string[];
  steps: StepRow[];
  /** The corpus file written for it (absent when writing is off or this was a replay). */
  corpusFile?: string | undefined;
}

/** REQUEST_WEIGHT used over a run's virtual time against its limit (the venue's windows, invariant R2). */
export interface RateLimitWeightUse {
  /** The weight one IP may use per window, and the window (e.g. 6000 per "1M"). */
  limit: number;
  interval: string;
  /** The most weight one IP used in one window, over every run of the property. */
  peak: number;
  /** The last run's windows (after a failure: the counterexample's replay), oldest first; `start` in venue ms. */
  windows: Array<{ subject: string; start: number; weight: number }>;
}

export interface CorpusReplayResult {
  file: string;
  reproduced: boolean;
  message?: string | undefined;
}

/** What one property's vitest test reports back in `task.meta.tradeprop`. */
export interface PropertyRunReport {
  property: string;
  category: string;
  invariants: string[];
  critical: boolean;
  profile: ProfileName;
  seed: number;
  runs: number;
  commands: number;
  timeMs: number;
  /** `machine:from--EVENT-->to` strings the runs took. */
  transitionsCovered: string[];
  /** How often the runs took each of transitionsCovered (shrinking included, as those runs ran too); absent in reports from before it was recorded. */
  transitionCounts?: Record<string, number> | undefined;
  /** The transitions this property claims to check; all must be covered or it fails. */
  transitionsClaimed: string[];
  /** Venue faults its runs injected, by kind (venue event log `fault` entries). */
  faultsInjected: Record<string, number>;
  /** Absent for a property whose runs have no venue (or report from before it was recorded). */
  rateLimitWeight?: RateLimitWeightUse | undefined;
  corpusReplayed: CorpusReplayResult[];
  failure?: PropertyFailure | undefined;
  /** Why the property judged nothing (the adapter lacks the capability it is about): no runs, not scored. */
  notApplicable?: string | undefined;
  /** Lanes of seeds that ran side by side (src/verifier/lanes.ts), their figures added up; absent for one. */
  lanes?: number | undefined;
}

declare module '@vitest/runner' {
  interface TaskMeta {
    tradeprop?: PropertyRunReport;
  }
}
