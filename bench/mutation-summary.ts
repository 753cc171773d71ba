import { z } from 'zod';

/**
 * The part of Stryker's JSON report (mutation-testing-report-schema) the summary reads: per file,
 * each mutant's status, mutator, replacement and place.
 */
const MutantSchema = z.object({
  id: z.string(),
  mutatorName: z.string(),
  replacement: z.string().optional(),
  status: z.enum(['Killed', 'Survived', 'NoCoverage', 'Timeout', 'CompileError', 'RuntimeError', 'Ignored', 'Pending']),
  location: z.object({ start: z.object({ line: z.number().int(), column: z.number().int() }), end: z.object({ line: z.number().int(), column: z.number().int() }) }),
});
export const StrykerReportSchema = z.object({ files: z.record(z.string(), z.object({ source: z.string(), mutants: z.array(MutantSchema) })) });
export type StrykerReport = z.infer<typeof StrykerReportSchema>;

export interface MutantCounts {
  killed: number;
  survived: number;
  timeout: number;
  noCoverage: number;
  /** Compile and runtime errors: Stryker leaves them out of the score, so do we. */
  errors: number;
  ignored: number;
  /** Stryker's mutation score: (killed + timeout) / (killed + timeout + survived + no coverage), in %. */
  score: number | null;
}

export interface SurvivingMutant {
  file: string;
  line: number;
  column: number;
  mutator: string;
  replacement: string;
  /** The mutated line as `markedCode` shows it. */
  code: string;
  status: 'Survived' | 'NoCoverage';
  /** Why no test can tell this mutant from the original (bench/mutation-equivalents.ts), if it is equivalent. */
  equivalent?: string;
}

export interface MutationSummary {
  total: MutantCounts;
  perFile: Record<string, MutantCounts>;
  survivors: SurvivingMutant[];
  /** Keys of the equivalents list that named no survivor this time: killed now, or their line changed. */
  lapsedEquivalents: string[];
}

type Location = z.infer<typeof MutantSchema>['location'];

/**
 * The line a mutant starts on, trimmed, with the code it replaces between ⟦ and ⟧ (to the line's
 * end, then …, when it spans lines): what the equivalents list keys on.
 */
export function markedCode(lines: readonly string[], { start, end }: Location): string {
  const line = lines[start.line - 1] ?? '';
  const from = start.column - 1;
  const to = end.line === start.line ? end.column - 1 : line.length;
  return `${line.slice(0, from)}⟦${line.slice(from, to)}${end.line === start.line ? '⟧' : '…⟧'}${line.slice(to)}`.trim();
}

/**
 * How the equivalents list names a mutant: by its file, mutator and marked line, not its line
 * number, so an edit elsewhere in the file leaves the key valid, and an edit of that line makes
 * it lapse (to be looked at again). Mutants alike on one line (a condition's 'true' and 'false')
 * share a key.
 */
export const mutantKey = (file: string, mutator: string, code: string): string => `${file} ${mutator}: ${code}`;

export function summariseMutation(report: StrykerReport, equivalents: Readonly<Record<string, string>>): MutationSummary {
  const perFile: Record<string, MutantCounts> = {};
  const survivors: SurvivingMutant[] = [];
  const all: z.infer<typeof MutantSchema>[] = [];
  const used = new Set<string>();
  for (const [file, { source, mutants }] of Object.entries(report.files).sort(([a], [b]) => a.localeCompare(b))) {
    perFile[file] = countMutants(mutants);
    all.push(...mutants);
    const lines = source.split('\n');
    for (const mutant of mutants) {
      if (mutant.status !== 'Survived' && mutant.status !== 'NoCoverage') continue;
      const { line, column } = mutant.location.start;
      const code = markedCode(lines, mutant.location);
      const key = mutantKey(file, mutant.mutatorName, code);
      const equivalent = equivalents[key];
      if (equivalent !== undefined) used.add(key);
      survivors.push({
        file,
        line,
        column,
        mutator: mutant.mutatorName,
        replacement: mutant.replacement ?? '',
        code,
        status: mutant.status,
        ...(equivalent === undefined ? {} : { equivalent }),
      });
    }
  }
  survivors.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column);
  const files = Object.keys(report.files);
  const lapsedEquivalents = Object.keys(equivalents).filter((key) => !used.has(key) && files.some((file) => key.startsWith(`${file} `)));
  return { total: countMutants(all), perFile, survivors, lapsedEquivalents };
}

function countMutants(mutants: readonly z.infer<typeof MutantSchema>[]): MutantCounts {
  const count = (...statuses: string[]): number => mutants.filter((mutant) => statuses.includes(mutant.status)).length;
  const killed = count('Killed');
  const survived = count('Survived');
  const timeout = count('Timeout');
  const noCoverage = count('NoCoverage');
  const valid = killed + survived + timeout + noCoverage;
  return {
    killed,
    survived,
    timeout,
    noCoverage,
    errors: count('CompileError', 'RuntimeError'),
    ignored: count('Ignored'),
    score: valid === 0 ? null : Math.round(((killed + timeout) / valid) * 10_000) / 100,
  };
}
