import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { PROPERTIES } from '../../properties/catalog';
import { projectRoot } from '../corpus/fingerprint';
import { CHECKLIST_FILE, formatChecklist } from '../report/checklist';
import { readJsonReport } from '../report/json-report';
import type { CliOutput } from './cli-output';
import { EXIT, type ExitCode } from './exit-codes';

export interface ChecklistCommandOptions {
  out?: string | undefined;
  reportJson?: string | undefined;
}

/**
 * `tradeprop checklist [--out FILE] [--report-json FILE]`: writes the production readiness
 * checklist (report/checklist.ts), by default PRODUCTION_READINESS_CHECKLIST.md in the current
 * directory, overwriting it: it is generated, never edited. The report is read and validated
 * before anything is written, so a bad one (exit 2) leaves the old checklist in place.
 */
export function checklistCommand(options: ChecklistCommandOptions, output: CliOutput): ExitCode {
  const cwd = process.cwd();
  const target = resolve(cwd, options.out ?? CHECKLIST_FILE);
  const run = options.reportJson === undefined ? undefined : { source: options.reportJson, report: readJsonReport(resolve(cwd, options.reportJson)) };
  const root = projectRoot();
  const checklist = formatChecklist({
    properties: PROPERTIES,
    // Relative to the checklist, with forward slashes, so the links work wherever it is rendered.
    linkTo: (property) => relative(dirname(target), join(root, property.file)).split(sep).join('/'),
    run,
  });
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, checklist, 'utf8');
  const shown = relative(cwd, target) || target;
  output.out(`wrote ${shown}${run === undefined ? '' : `, marked from ${run.source}`}\n`);
  return EXIT.ok;
}
