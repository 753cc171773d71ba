import { z } from 'zod';
import type { CorpusReplayResult, PropertyFailure, PropertyRunReport, StepRow } from '../verifier/protocol';
import type { CoverageSummary } from './coverage';
import type { InvariantFailures, RunSummary } from './run-summary';
import type { Score } from './score';

/**
 * The JSON report's shape, the single source of truth for what `tradeprop-report.json` holds:
 * the writer validates against it, `tradeprop checklist --report-json` parses with it, and
 * REPORT_JSON_SCHEMA_FILE is generated from it (`npm run schema`) for other tools.
 *
 * `schemaVersion` changes only when a field is removed, renamed or changes type; a new optional
 * field keeps it, so the exported JSON Schema allows properties it does not name (a tool pinned
 * to version 1 keeps validating newer reports of version 1).
 */
export const JSON_REPORT_SCHEMA_VERSION = 1;

/** Where the exported JSON Schema is committed, relative to the project root. */
export const REPORT_JSON_SCHEMA_FILE = 'schema/tradeprop-report.schema.json';

const nonNegativeInteger = z.number().int().nonnegative();

const StepRowSchema = z.object({
  step: nonNegativeInteger,
  command: z.string(),
  model: z.string().describe('what the model expected after this step'),
  adapter: z.string().describe('what the adapter reported after this step'),
  difference: z.string().optional().describe('the first difference found at this step'),
});

const PropertyFailureSchema = z.object({
  message: z.string().describe('the verdict; leads with "<invariant> violated: " when it names one'),
  seed: z.number().int(),
  path: z.string().describe('fast-check path; empty when the property crashed before a counterexample'),
  replayPath: z.string(),
  commands: z.array(z.string()).describe('the shrunk commands in readable form'),
  steps: z.array(StepRowSchema),
  corpusFile: z.string().optional().describe('the corpus file written for it'),
  replayCommand: z.string().optional().describe('the command that re-runs this counterexample exactly (absent without a counterexample)'),
});

const RateLimitWeightUseSchema = z.object({
  limit: nonNegativeInteger.describe('REQUEST_WEIGHT one IP may use per window'),
  interval: z.string().describe('the window, e.g. 1M'),
  peak: nonNegativeInteger.describe('the most weight one IP used in one window, over every run'),
  windows: z.array(z.object({ subject: z.string(), start: z.number().int(), weight: nonNegativeInteger })).describe("the last run's windows, oldest first; start in venue ms"),
});

const CorpusReplayResultSchema = z.object({
  file: z.string(),
  reproduced: z.boolean(),
  message: z.string().optional(),
});

const PropertyRunReportSchema = z.object({
  property: z.string().min(1),
  category: z.string().min(1),
  invariants: z.array(z.string()),
  critical: z.boolean(),
  profile: z.enum(['premerge', 'extended', 'replay']),
  seed: z.number().int(),
  runs: nonNegativeInteger,
  commands: nonNegativeInteger,
  timeMs: z.number().nonnegative(),
  transitionsCovered: z.array(z.string()).describe('machine:from--EVENT-->to strings the runs took'),
  transitionCounts: z.record(z.string(), nonNegativeInteger).optional().describe('how often the runs took each covered transition'),
  transitionsClaimed: z.array(z.string()),
  faultsInjected: z.record(z.string(), nonNegativeInteger),
  rateLimitWeight: RateLimitWeightUseSchema.optional().describe('REQUEST_WEIGHT over virtual time against the limit; absent for a property whose runs have no venue'),
  corpusReplayed: z.array(CorpusReplayResultSchema),
  failure: PropertyFailureSchema.optional().describe('absent: the property held'),
  notApplicable: z.string().optional().describe('why the property judged nothing (not scored); absent when it applied'),
  lanes: z.number().int().min(2).optional().describe('extended runs with more workers than properties: how many lanes of seeds ran side by side, their figures added up; absent for one'),
});

const ScoreSchema = z.object({
  score: z.number().min(0).max(100),
  verdict: z.enum(['ready', 'mostly ready', 'not ready', 'critical']),
  propertiesPassed: nonNegativeInteger,
  propertiesRun: nonNegativeInteger,
  categoriesPassed: nonNegativeInteger,
  categoriesRun: nonNegativeInteger,
  categoriesTotal: nonNegativeInteger,
  categoriesNotVerified: z.array(z.string()),
  criticalFailures: nonNegativeInteger,
  penalty: z.number().nonnegative(),
  heldBack: z.string().optional().describe('what keeps a run from "ready" besides its score'),
});

const CoverageCountSchema = z.object({ covered: nonNegativeInteger, total: nonNegativeInteger });

const CoverageSummarySchema = z.object({
  scope: z.array(z.string()).describe('include globs, relative to the project root'),
  lines: CoverageCountSchema,
  branches: CoverageCountSchema,
  files: z.array(z.object({ file: z.string(), lines: CoverageCountSchema, branches: CoverageCountSchema })),
});

const InvariantFailuresSchema = z.object({
  invariant: z.string().optional().describe('absent: the failures named no invariant'),
  category: z.string(),
  critical: z.boolean(),
  properties: z.array(z.string()),
});

export const JsonReportSchema = z
  .object({
    format: z.literal('tradeprop-report'),
    schemaVersion: z.literal(JSON_REPORT_SCHEMA_VERSION),
    tradepropVersion: z.string(),
    profile: z.enum(['premerge', 'extended', 'replay']),
    seed: z.number().int().optional().describe("the base seed; absent when the profile's fixed seeds were used"),
    shard: z.string().optional().describe('i/n'),
    adapter: z.string().optional().describe('the --adapter module; absent: the reference adapter'),
    properties: z.array(PropertyRunReportSchema),
    problems: z.array(z.string()).describe('errors vitest reported outside any property'),
    coverage: CoverageSummarySchema.optional().describe('line and branch coverage of the adapter code (--coverage, vitest v8)'),
    faultsInjected: z.record(z.string(), nonNegativeInteger),
    failuresByInvariant: z.array(InvariantFailuresSchema),
    score: ScoreSchema,
  })
  .meta({ title: 'tradeprop report', description: 'One `tradeprop run`, as written by --report json / --save-report.' });
export type JsonReport = z.infer<typeof JsonReportSchema>;

/**
 * The JSON Schema committed at schema/tradeprop-report.schema.json. Generated for the schema's
 * input side: zod's output side closes every object (`additionalProperties: false`), which would
 * make a pinned copy reject reports that only gained an optional field.
 */
export function reportJsonSchemaText(): string {
  return `${JSON.stringify(z.toJSONSchema(JsonReportSchema, { io: 'input' }), null, 2)}\n`;
}

// The report's types are written in the modules that build them; these fail to compile when
// one of them gains, loses or changes a field the schema does not, so the JSON Schema follows.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Holds<T extends true> = T;
export type SchemaMatchesTypes = [
  Holds<Same<z.infer<typeof StepRowSchema>, StepRow>>,
  Holds<Same<z.infer<typeof PropertyFailureSchema>, PropertyFailure>>,
  Holds<Same<z.infer<typeof CorpusReplayResultSchema>, CorpusReplayResult>>,
  Holds<Same<z.infer<typeof PropertyRunReportSchema>, PropertyRunReport>>,
  Holds<Same<z.infer<typeof ScoreSchema>, Score>>,
  Holds<Same<z.infer<typeof InvariantFailuresSchema>, InvariantFailures>>,
  Holds<Same<z.infer<typeof CoverageSummarySchema>, CoverageSummary>>,
  Holds<Same<Omit<JsonReport, 'format' | 'schemaVersion'>, RunSummary>>,
];
