import path from 'node:path';
import type { PropertyFailure, PropertyRunReport } from '../verifier/protocol';
import { formatCoverageLine } from './coverage';
import { violatedInvariant } from './invariants';
import type { RunSummary } from './run-summary';
import { CRITICAL_FAILURE_PENALTY, type Score } from './score';
import { formatStepTable } from './step-table';

/** The human report of a run: one line per property, a block per failure, then the score. */
export function formatTextReport(summary: RunSummary): string {
  const lines: string[] = [];
  const nameWidth = Math.max(0, ...summary.properties.map((report) => report.property.length));
  for (const report of summary.properties) lines.push(formatPropertyLine(report, nameWidth));
  // Failures in the order of their invariant groups: triage goes by what was broken.
  for (const group of summary.failuresByInvariant) {
    for (const report of summary.properties) {
      if (report.failure && group.properties.includes(report.property)) lines.push('', formatFailureBlock(report, report.failure, summary.adapter));
    }
  }
  if (summary.failuresByInvariant.length > 0) {
    lines.push('', 'failures by invariant:');
    for (const group of summary.failuresByInvariant) {
      const what = group.invariant === undefined ? `no invariant named (${group.category})` : `${group.invariant} (${group.category}${group.critical ? ', critical' : ''})`;
      lines.push(`  ${what}: ${group.properties.join(', ')}`);
    }
  }
  if (summary.problems.length > 0) {
    lines.push('', 'vitest reported errors outside the properties:', ...summary.problems.map((problem) => indent(problem, '  ')));
  }
  if (summary.properties.length === 0) lines.push('no property ran (an empty shard?)');
  else lines.push('', formatFaultLine(summary.faultsInjected));
  if (summary.coverage !== undefined) lines.push(formatCoverageLine(summary.coverage));
  lines.push('', formatScoreLine(summary.score), ...formatScoreExplanation(summary.score));
  return `${lines.join('\n')}\n`;
}

export function formatPropertyLine(report: PropertyRunReport, nameWidth = report.property.length): string {
  if (report.notApplicable !== undefined) return ['N/A ', report.property.padEnd(nameWidth), `not applicable: ${report.notApplicable}`].join('  ');
  const claimed = new Set(report.transitionsClaimed);
  const covered = new Set(report.transitionsCovered.filter((transition) => claimed.has(transition)));
  const missing = report.transitionsClaimed.filter((transition) => !covered.has(transition));
  const stillFailing = report.corpusReplayed.filter((replay) => replay.reproduced).length;
  const parts = [
    report.failure ? 'FAIL' : 'PASS',
    report.property.padEnd(nameWidth),
    `runs ${report.runs}`,
    `commands ${report.commands}`,
    formatDuration(report.timeMs),
    `transitions ${covered.size}/${claimed.size}` + coverageNote(report, missing),
    `corpus ${report.corpusReplayed.length} replayed` + (stillFailing > 0 ? ` (${stillFailing} still failing)` : ''),
  ];
  return parts.join('  ');
}

/**
 * A property that found a counterexample stopped there: its coverage is partial, not a verdict
 * that the missing transitions cannot be reached.
 */
function coverageNote(report: PropertyRunReport, missing: readonly string[]): string {
  if (missing.length === 0) return '';
  if (report.failure !== undefined && hasCounterexample(report.failure)) return ' (partial: the property stopped at its first failure)';
  return ` (missing: ${missing.join(', ')})`;
}

export function formatFailureBlock(report: PropertyRunReport, failure: PropertyFailure, adapter?: string): string {
  const violated = violatedInvariant(failure.message);
  const property = `${report.property} (${report.category}${report.critical ? ', critical' : ''}; ${report.invariants.join(', ')})`;
  // Led by the broken invariant and its category, whichever property's run found it.
  const lead = violated === undefined ? `FAIL ${property}` : `FAIL ${violated.invariant} ${violated.category}${violated.critical ? ', critical' : ''}: found by ${property}`;
  const lines = [lead, indent(failure.message, '  ')];
  // A property that crashed before fast-check produced a counterexample has nothing to replay.
  if (!hasCounterexample(failure)) return lines.join('\n');
  lines.push(`  seed ${failure.seed}  path ${failure.path}`);
  if (failure.corpusFile) lines.push(`  counterexample saved to ${failure.corpusFile}`);
  if (failure.commands.length > 0) {
    lines.push('  shrunk commands:', ...failure.commands.map((command, index) => `    ${index + 1}. ${command}`));
  }
  if (failure.steps.length > 0) lines.push('  steps:', indent(formatStepTable(failure.steps), '    '));
  const replay = replayCommandsFor(report.property, failure, adapter);
  lines.push(`  replay it: ${replay.primary}`);
  if (replay.flags !== replay.primary) lines.push(`         or: ${replay.flags}`);
  return lines.join('\n');
}

/** False for the failure the CLI records when a property crashed without a counterexample (empty path). */
export function hasCounterexample(failure: PropertyFailure): boolean {
  return failure.path !== '';
}

/**
 * The commands that re-run this counterexample exactly, copy-pasteable from where the run was
 * started: the corpus file when one was written (it records the adapter), and the flag form it
 * stands for, with everything that form needs (the commands' replay path, the adapter).
 */
export function replayCommandsFor(property: string, failure: PropertyFailure, adapter?: string): { primary: string; flags: string } {
  const words = ['npx', 'tradeprop', 'replay', '--property', property, '--seed', String(failure.seed), '--path', failure.path];
  if (failure.replayPath !== '') words.push('--replay-path', failure.replayPath);
  if (adapter !== undefined) words.push('--adapter', adapter);
  const flags = words.map(shellQuote).join(' ');
  if (failure.corpusFile === undefined) return { primary: flags, flags };
  return { primary: `npx tradeprop replay ${shellQuote(relativeToHere(failure.corpusFile))}`, flags };
}

/** `file` relative to the working directory when it lies inside it (what a user would type). */
function relativeToHere(file: string): string {
  const relative = path.relative(process.cwd(), file);
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : file;
}

/** How often each venue fault kind was injected over the run, and which never were. */
export function formatFaultLine(faults: Readonly<Record<string, number>>): string {
  const entries = Object.entries(faults);
  const injected = entries.filter(([, count]) => count > 0).map(([kind, count]) => `${kind} ${count}`);
  const never = entries.filter(([, count]) => count === 0).map(([kind]) => kind);
  const total = entries.reduce((sum, [, count]) => sum + count, 0);
  let line = `faults injected: ${total}` + (injected.length > 0 ? ` (${injected.join(', ')})` : '');
  line += never.length > 0 ? `; never injected: ${never.join(', ')}` : '; every fault kind injected';
  return line;
}

export function formatScoreLine(score: Score): string {
  const critical =
    score.criticalFailures > 0
      ? `, ${score.criticalFailures} critical failure${score.criticalFailures === 1 ? '' : 's'} (-${score.penalty})`
      : '';
  return (
    `score ${score.score.toFixed(1)}/100: ${score.verdict}` +
    ` (${score.propertiesPassed}/${score.propertiesRun} properties passed,` +
    ` ${score.categoriesPassed}/${score.categoriesTotal} categories verified and clean${critical})`
  );
}

/** Two lines under the score: how it was computed, and what "ready" needs that the run lacks. */
export function formatScoreExplanation(score: Score): string[] {
  const propertyShare = score.propertiesRun === 0 ? '1 (nothing ran)' : `${score.propertiesPassed}/${score.propertiesRun}`;
  return [
    `  = 80 x ${propertyShare} properties passed + 20 x ${score.categoriesPassed}/${score.categoriesTotal} categories verified and clean - ${CRITICAL_FAILURE_PENALTY} x ${score.criticalFailures} critical failures`,
    score.heldBack === undefined
      ? `  bands: 85 ready, 70 mostly ready, 50 not ready, below critical; ready also needs every property held and every category verified`
      : `  not ready yet: ${score.heldBack} (ready needs 85, every property held and every category verified)`,
  ];
}

export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)}ms`;
  if (ms < 59_950) return `${(ms / 1000).toFixed(1)}s`;
  const seconds = Math.round(ms / 1000);
  return `${Math.floor(seconds / 60)}m${String(seconds % 60).padStart(2, '0')}s`;
}

function indent(text: string, prefix: string): string {
  return text
    .split('\n')
    .map((line) => (line.length > 0 ? prefix + line : line))
    .join('\n');
}

/** Quotes a word for a POSIX shell only when it needs it, so the usual command stays readable. */
function shellQuote(word: string): string {
  return /^[\w./:=+@-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}
