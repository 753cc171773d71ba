// Plain vitest, not @fast-check/vitest: importing that builds every chain of vitest 4.1's test
// modifiers (buildTest), 2.7 s in each worker before the first property runs; a registered
// property is one plain test that runs fast-check itself (harness.ts).
import { test } from 'vitest';
import type { ModelPropertySpec } from './harness';
import type { PropertyFailure } from './protocol';
import { runProperty } from './run-property';
import { readSettings } from './settings';

/** Generous: the property bounds itself (runs, or the extended profile's deadline). */
const PROPERTY_TIMEOUT_MS = 24 * 60 * 60 * 1000;

/**
 * Registers a model-based property as one vitest test named after its invariant. Its report
 * travels back to the CLI as `task.meta.tradeprop`; a failure fails the test with the
 * counterexample's message and how to replay it.
 */
export function registerModelProperty<S, M extends object, R>(spec: ModelPropertySpec<S, M, R>, projectRoot: string): void {
  test(
    `${spec.info.name}: ${spec.info.title}`,
    async ({ task, skip }) => {
      const settings = readSettings(process.env, projectRoot);
      if (settings.profile === 'replay' && settings.replay?.property !== spec.info.name) {
        skip('replaying another property');
        return;
      }
      const report = await runProperty(spec, settings, projectRoot);
      task.meta.tradeprop = report;
      if (report.failure !== undefined) throw new Error(failureText(report.failure));
      if (report.notApplicable !== undefined) skip(`not applicable: ${report.notApplicable}`);
    },
    PROPERTY_TIMEOUT_MS,
  );
}

function failureText(failure: PropertyFailure): string {
  const lines = [failure.message];
  if (failure.commands.length > 0) lines.push(`counterexample (${failure.commands.length} commands): ${failure.commands.join(', ')}`);
  if (failure.path !== '') lines.push(`seed ${failure.seed}, path ${failure.path}`);
  if (failure.corpusFile !== undefined) lines.push(`replay: tradeprop replay ${failure.corpusFile}`);
  return lines.join('\n');
}
