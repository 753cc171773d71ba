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
  location: z.object({ start: z.object({ line: z.number().int(), column: z.number().int() }) }),
});
export const StrykerReportSchema = z.object({ files: z.record(z.string(), z.object({ mutants: z.array(MutantSchema) })) });
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
  status: 'Survived' | 'NoCoverage';
  /** Why no test can tell this mutant from the original (bench/mutation-equivalents.ts), if it is equivalent. */
  equivalent?: string;
}

export interface MutationSummary {
  total: MutantCounts;
  perFile: Record<string, MutantCounts>;
  survivors: SurvivingMutant[];
}

/** How the equivalents list names a mutant: stable while the line above it does not move. */
export const mutantKey = (file: string, line: number, column: number, mutator: string): string => `${file}:${line}:${column} ${mutator}`;

export function summariseMutation(report: StrykerReport, equivalents: Readonly<Record<string, string>>): MutationSummary {
  const perFile: Record<string, MutantCounts> = {};
  const survivors: SurvivingMutant[] = [];
  const all: z.infer<typeof MutantSchema>[] = [];
  for (const [file, { mutants }] of Object.entries(report.files).sort(([a], [b]) => a.localeCompare(b))) {
    perFile[file] = countMutants(mutants);
    all.push(...mutants);
    for (const mutant of mutants) {
      if (mutant.status !== 'Survived' && mutant.status !== 'NoCoverage') continue;
      const { line, column } = mutant.location.start;
      const equivalent = equivalents[mutantKey(file, line, column, mutant.mutatorName)];
      survivors.push({
        file,
        line,
        column,
        mutator: mutant.mutatorName,
        replacement: mutant.replacement ?? '',
        status: mutant.status,
        ...(equivalent === undefined ? {} : { equivalent }),
      });
    }
  }
  survivors.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column);
  return { total: countMutants(all), perFile, survivors };
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
