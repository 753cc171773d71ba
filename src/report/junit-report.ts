import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { XMLBuilder } from 'fast-xml-parser';
import type { PropertyRunReport } from '../verifier/protocol';
import { formatCoverageCount } from './coverage';
import { violatedInvariant } from './invariants';
import type { RunSummary } from './run-summary';
import { formatFailureBlock } from './text-report';

export const JUNIT_REPORT_FILE = 'tradeprop-junit.xml';

/** fast-xml-parser's builder does the escaping: attributes under "@_", text under "#text". */
const builder = new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: '@_', textNodeName: '#text', format: true, suppressEmptyNode: true });

type XmlNode = Record<string, unknown>;

const property = (name: string, value: string | number): XmlNode => ({ '@_name': name, '@_value': String(value) });

/**
 * The run as JUnit XML, the dialect GitLab, Jenkins and action-junit-report read: one testcase
 * per property, its classname the category (GitLab's Suite column), seeds and invariants as
 * properties; a failure carries the violated invariant in `type`, its message, and the whole
 * failure block (shrunk steps, step table, the replay commands) as text and as system-out,
 * which GitLab shows for failed cases. A property that did not apply to the adapter is skipped,
 * with why. Categories no property ran in are named on the suite.
 */
export function formatJunitReport(summary: RunSummary): string {
  const failures = summary.properties.filter((report) => report.failure !== undefined).length;
  const seconds = (ms: number): string => (ms / 1000).toFixed(3);
  const totalMs = summary.properties.reduce((sum, report) => sum + report.timeMs, 0);
  const suiteProperties = [
    property('profile', summary.profile),
    property('adapter', summary.adapter ?? 'the reference adapter'),
    ...(summary.seed === undefined ? [] : [property('seed', summary.seed)]),
    ...(summary.shard === undefined ? [] : [property('shard', summary.shard)]),
    property('score', summary.score.score.toFixed(1)),
    property('verdict', summary.score.verdict),
    property('categories not verified', summary.score.categoriesNotVerified.join(', ') || 'none'),
    ...(summary.coverage === undefined
      ? []
      : [
          property('coverage scope', summary.coverage.scope.join(', ')),
          property('coverage lines', formatCoverageCount(summary.coverage.lines)),
          property('coverage branches', formatCoverageCount(summary.coverage.branches)),
        ]),
  ];
  const suite: XmlNode = {
    '@_name': `tradeprop ${summary.profile}`,
    '@_tests': summary.properties.length,
    '@_failures': failures,
    '@_errors': 0,
    '@_skipped': summary.properties.filter((report) => report.notApplicable !== undefined).length,
    '@_time': seconds(totalMs),
    properties: { property: suiteProperties },
    testcase: summary.properties.map((report) => testcase(report, summary.adapter, seconds)),
  };
  const document = {
    '?xml': { '@_version': '1.0', '@_encoding': 'UTF-8' },
    testsuites: { '@_name': 'tradeprop', '@_tests': summary.properties.length, '@_failures': failures, '@_errors': 0, '@_time': seconds(totalMs), testsuite: suite },
  };
  return builder.build(document);
}

function testcase(report: PropertyRunReport, adapter: string | undefined, seconds: (ms: number) => string): XmlNode {
  const node: XmlNode = {
    '@_classname': report.category,
    '@_name': report.property,
    '@_time': seconds(report.timeMs),
    properties: {
      property: [property('seed', report.seed), property('invariants', report.invariants.join(', ')), property('runs', report.runs), property('commands', report.commands)],
    },
  };
  if (report.notApplicable !== undefined) return { ...node, skipped: { '@_message': `not applicable: ${report.notApplicable}` } };
  const failure = report.failure;
  if (failure === undefined) return node;
  const violated = violatedInvariant(failure.message);
  // The block holds the shrunk steps, the step table and both replay commands.
  const block = formatFailureBlock(report, failure, adapter);
  return {
    ...node,
    failure: {
      '@_message': failure.message,
      '@_type': violated === undefined ? report.category : `${violated.invariant} ${violated.category}`,
      '#text': block,
    },
    'system-out': block,
  };
}

/** Writes the JUnit file into `dir` (created if needed) and returns its path. */
export function saveJunitReport(dir: string, summary: RunSummary): string {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, JUNIT_REPORT_FILE);
  writeFileSync(file, formatJunitReport(summary), 'utf8');
  return file;
}
