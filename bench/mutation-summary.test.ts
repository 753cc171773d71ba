import { describe, expect, it } from 'vitest';
import { mutantKey, StrykerReportSchema, summariseMutation } from './mutation-summary';

const mutant = (id: string, line: number, status: string, mutatorName = 'ConditionalExpression') => ({
  id,
  mutatorName,
  replacement: `r${id}`,
  status,
  location: { start: { line, column: 3 }, end: { line, column: 9 } },
});

const report = StrykerReportSchema.parse({
  files: {
    'src/exchange/b.ts': {
      language: 'typescript',
      source: '',
      mutants: [mutant('1', 9, 'Killed'), mutant('2', 4, 'Survived', 'StringLiteral'), mutant('3', 2, 'Timeout'), mutant('4', 5, 'CompileError')],
    },
    'src/exchange/a.ts': { language: 'typescript', source: '', mutants: [mutant('5', 1, 'NoCoverage'), mutant('6', 1, 'Killed'), mutant('7', 1, 'Ignored')] },
  },
});

describe('summariseMutation', () => {
  const summary = summariseMutation(report, { [mutantKey('src/exchange/b.ts', 4, 3, 'StringLiteral')]: 'the message is never read' });

  it('scores as Stryker does: detected over killed, timeout, survived and no coverage, errors and ignored left out', () => {
    expect(summary.total).toEqual({ killed: 2, survived: 1, timeout: 1, noCoverage: 1, errors: 1, ignored: 1, score: 60 });
    expect(summary.perFile['src/exchange/a.ts']?.score).toBe(50);
    expect(summary.perFile['src/exchange/b.ts']?.score).toBe(66.67);
  });

  it('lists every survivor and uncovered mutant by file and line, with the reason where it is equivalent', () => {
    expect(summary.survivors).toEqual([
      { file: 'src/exchange/a.ts', line: 1, column: 3, mutator: 'ConditionalExpression', replacement: 'r5', status: 'NoCoverage' },
      { file: 'src/exchange/b.ts', line: 4, column: 3, mutator: 'StringLiteral', replacement: 'r2', status: 'Survived', equivalent: 'the message is never read' },
    ]);
  });
});
