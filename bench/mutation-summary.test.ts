import { describe, expect, it } from 'vitest';
import { markedCode, mutantKey, StrykerReportSchema, summariseMutation } from './mutation-summary';

const mutant = (id: string, line: number, status: string, mutatorName = 'ConditionalExpression', [column, endColumn] = [3, 9]) => ({
  id,
  mutatorName,
  replacement: `r${id}`,
  status,
  location: { start: { line, column }, end: { line, column: endColumn } },
});

const SOURCE_B = ['line one', 'line two', 'line three', "  log('hello');", 'line five', 'line six', 'line seven', 'line eight', 'line nine'].join('\n');

const report = StrykerReportSchema.parse({
  files: {
    'src/exchange/b.ts': {
      language: 'typescript',
      source: SOURCE_B,
      mutants: [mutant('1', 9, 'Killed'), mutant('2', 4, 'Survived', 'StringLiteral', [7, 14]), mutant('3', 2, 'Timeout'), mutant('4', 5, 'CompileError')],
    },
    'src/exchange/a.ts': { language: 'typescript', source: 'if (a && b) go();', mutants: [mutant('5', 1, 'NoCoverage', 'ConditionalExpression', [5, 11]), mutant('6', 1, 'Killed'), mutant('7', 1, 'Ignored')] },
  },
});

describe('summariseMutation', () => {
  const equivalents = {
    [mutantKey('src/exchange/b.ts', 'StringLiteral', "log(⟦'hello'⟧);")]: 'the message is never read',
    [mutantKey('src/exchange/b.ts', 'StringLiteral', "log(⟦'bye'⟧);")]: 'a line edited since',
    [mutantKey('src/exchange/c.ts', 'StringLiteral', "log(⟦'elsewhere'⟧);")]: 'a file this report does not hold',
  };
  const summary = summariseMutation(report, equivalents);

  it('scores as Stryker does: detected over killed, timeout, survived and no coverage, errors and ignored left out', () => {
    expect(summary.total).toEqual({ killed: 2, survived: 1, timeout: 1, noCoverage: 1, errors: 1, ignored: 1, score: 60 });
    expect(summary.perFile['src/exchange/a.ts']?.score).toBe(50);
    expect(summary.perFile['src/exchange/b.ts']?.score).toBe(66.67);
  });

  it('lists every survivor and uncovered mutant by file and line with its marked code, and the reason where it is equivalent', () => {
    expect(summary.survivors).toEqual([
      { file: 'src/exchange/a.ts', line: 1, column: 5, mutator: 'ConditionalExpression', replacement: 'r5', code: 'if (⟦a && b⟧) go();', status: 'NoCoverage' },
      { file: 'src/exchange/b.ts', line: 4, column: 7, mutator: 'StringLiteral', replacement: 'r2', code: "log(⟦'hello'⟧);", status: 'Survived', equivalent: 'the message is never read' },
    ]);
  });

  it('names the equivalents that matched no survivor of a file it holds: they are to be looked at again', () => {
    expect(summary.lapsedEquivalents).toEqual([mutantKey('src/exchange/b.ts', 'StringLiteral', "log(⟦'bye'⟧);")]);
  });
});

describe('markedCode', () => {
  it('keys a mutant by its line wherever the line moves, and marks a span over several lines to the line end', () => {
    const at = (line: number, column: number, endLine: number, endColumn: number) => ({ start: { line, column }, end: { line: endLine, column: endColumn } });
    expect(markedCode(['x', '  if (ready) go();'], at(2, 7, 2, 12))).toBe('if (⟦ready⟧) go();');
    expect(markedCode(['', '', '', 'x', '  if (ready) go();'], at(5, 7, 5, 12))).toBe('if (⟦ready⟧) go();');
    expect(markedCode(['  run(() => {', '    go();', '  });'], at(1, 7, 3, 4))).toBe('run(⟦() => {…⟧');
  });
});
