import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CATEGORIES, PROPERTIES, type Category, type PropertyInfo } from '../../../properties/catalog';
import { ledgerMachine } from '../../../models/ledger-machine';
import { orderMachine } from '../../../models/order-machine';
import type { PropertyFailure, PropertyRunReport } from '../../verifier/protocol';
import { categoryStatus, itemMark } from '../checklist';
import { INVARIANTS, violatedInvariant } from '../invariants';
import type { RunSummary } from '../run-summary';
import { formatDuration, formatScoreExplanation, formatScoreLine, hasCounterexample, replayCommandsFor } from '../text-report';
import { coverageSection } from './coverage-section';
import { html, type Html } from './html';
import { machineSection } from './machine-section';
import { rateLimitSection } from './rate-limit-section';
import { REPORT_STYLE } from './report-style';
import { stepTableHtml } from './step-table-html';

export const HTML_REPORT_FILE = 'tradeprop-report.html';

export interface HtmlReportOptions {
  /** When the report was written, as it should be printed; absent: no timestamp (the report stays byte-identical per run). */
  generatedAt?: string | undefined;
}

/**
 * The run as one self-contained HTML page: no script, no link, no image from anywhere; the style
 * is inline and a Content-Security-Policy forbids every fetch, so it reads the same from file://,
 * an artifact viewer or a mail attachment. Pure: the same summary gives the same bytes.
 */
export function formatHtmlReport(summary: RunSummary, options: HtmlReportOptions = {}): string {
  const page = html`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>tradeprop report: ${summary.score.score.toFixed(1)}/100 ${summary.score.verdict}</title>
<style>${REPORT_STYLE}</style>
</head>
<body>
${header(summary, options)}
${scoreSection(summary)}
${categorySection(summary)}
${propertySection(summary)}
${counterexampleSection(summary)}
${problemSection(summary)}
${machineSection([orderMachine, ledgerMachine], summary.properties)}
${faultSection(summary.faultsInjected)}
${rateLimitSection(summary.properties)}
${coverageSection(summary.coverage)}
${checklistSection(summary)}
</body>
</html>
`;
  return page.markup;
}

/** Writes `tradeprop-report.html` into `dir` (created if needed) and returns its path. */
export function saveHtmlReport(dir: string, summary: RunSummary, options: HtmlReportOptions = {}): string {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, HTML_REPORT_FILE);
  writeFileSync(file, formatHtmlReport(summary, options), 'utf8');
  return file;
}

/** The anchor of a property's row, what the categories, counterexamples and checklist link to. */
export function propertyAnchor(property: string): string {
  return `property-${property}`;
}

function header(summary: RunSummary, options: HtmlReportOptions): Html {
  const run = [
    `profile ${summary.profile}`,
    summary.seed === undefined ? 'fixed seeds' : `seed ${summary.seed}`,
    summary.adapter === undefined ? 'the reference adapter' : `adapter ${summary.adapter}`,
    ...(summary.shard === undefined ? [] : [`shard ${summary.shard}`]),
    `tradeprop ${summary.tradepropVersion}`,
    ...(options.generatedAt === undefined ? [] : [`written ${options.generatedAt}`]),
  ];
  return html`<header><h1>tradeprop report</h1><p class="run">${run.join(' · ')}</p></header>`;
}

function scoreSection(summary: RunSummary): Html {
  const score = summary.score;
  return html`<section id="score"><h2>Score</h2>
<div class="score"><span class="value" data-score="${score.score.toFixed(1)}">${score.score.toFixed(1)}/100</span><span class="verdict ${score.verdict.replace(' ', '-')}">${score.verdict}</span></div>
<pre>${[formatScoreLine(score), ...formatScoreExplanation(score)].join('\n')}</pre>
</section>`;
}

function categorySection(summary: RunSummary): Html {
  const rows = CATEGORIES.map((category) => {
    const status = categoryStatus(category, summary);
    const reports = summary.properties.filter((report) => report.category === category);
    const statusClass = status.startsWith('not verified') ? 'not-verified' : status.startsWith('failed') ? 'failed' : 'verified';
    return html`<tr data-category="${category}"><td>${category}</td><td class="status-${statusClass}">${status}</td><td>${reports.map((report, index) => html`${index > 0 ? ', ' : ''}${propertyLink(report.property)} <span class="status-${markClass(report)}">${itemMark(report)}</span>`)}</td></tr>`;
  });
  return html`<section id="categories"><h2>Categories</h2>
<table><thead><tr><th>category</th><th>status</th><th>properties run</th></tr></thead><tbody>
${rows}
</tbody></table></section>`;
}

function propertySection(summary: RunSummary): Html {
  if (summary.properties.length === 0) return html`<section id="properties"><h2>Properties</h2><p class="missing">No property ran (an empty shard?).</p></section>`;
  const rows = summary.properties.map((report) => {
    const claimed = new Set(report.transitionsClaimed);
    const covered = report.transitionsCovered.filter((transition) => claimed.has(transition)).length;
    return html`<tr id="${propertyAnchor(report.property)}"><td><code>${report.property}</code></td><td class="status-${markClass(report)}">${itemMark(report)}${report.failure === undefined ? '' : html` (<a href="#${counterexampleAnchor(report.property)}">why</a>)`}</td><td>${report.category}${report.critical ? ', critical' : ''}</td><td>${report.invariants.join(', ')}</td><td class="number">${report.runs}</td><td class="number">${report.commands}</td><td class="number">${formatDuration(report.timeMs)}</td><td class="number">${covered}/${claimed.size}</td><td class="number">${report.seed}</td></tr>`;
  });
  return html`<section id="properties"><h2>Properties</h2>
<table><thead><tr><th>property</th><th>result</th><th>category</th><th>invariants</th><th>runs</th><th>commands</th><th>time</th><th>claimed transitions reached</th><th>seed</th></tr></thead><tbody>
${rows}
</tbody></table></section>`;
}

function counterexampleSection(summary: RunSummary): Html {
  const failed = summary.properties.flatMap((report) => (report.failure === undefined ? [] : [{ report, failure: report.failure }]));
  if (failed.length === 0) return html`<section id="counterexamples"><h2>Counterexamples</h2><p>None: every property that ran held.</p></section>`;
  return html`<section id="counterexamples"><h2>Counterexamples</h2>
${failed.map(({ report, failure }) => counterexample(report, failure, summary.adapter))}
</section>`;
}

function counterexample(report: PropertyRunReport, failure: PropertyFailure, adapter: string | undefined): Html {
  const violated = violatedInvariant(failure.message);
  const what = violated === undefined ? `${report.category}${report.critical ? ', critical' : ''}` : `${violated.invariant} violated, ${violated.category}${violated.critical ? ', critical' : ''}`;
  const heading = html`<h3 id="${counterexampleAnchor(report.property)}">${propertyLink(report.property)}: ${what}</h3><pre class="message">${failure.message}</pre>`;
  if (!hasCounterexample(failure)) return html`<article class="counterexample">${heading}<p class="missing">No counterexample to replay: the property stopped before fast-check produced one.</p></article>`;
  const replay = replayCommandsFor(report.property, failure, adapter);
  return html`<article class="counterexample" data-property="${report.property}">${heading}
<p>seed <code>${failure.seed}</code>, path <code>${failure.path}</code>${failure.corpusFile === undefined ? '' : html`, saved to <code>${failure.corpusFile}</code>`}</p>
${failure.commands.length === 0 ? '' : html`<p>Shrunk commands:</p><ol class="commands">${failure.commands.map((command) => html`<li><code>${command}</code></li>`)}</ol>`}
${failure.steps.length === 0 ? '' : stepTableHtml(failure.steps)}
<p>Replay it:</p><pre>${replay.primary === replay.flags ? replay.primary : `${replay.primary}\n${replay.flags}`}</pre>
</article>`;
}

function problemSection(summary: RunSummary): Html {
  if (summary.problems.length === 0) return html``;
  return html`<section id="problems"><h2>Errors outside the properties</h2>${summary.problems.map((problem) => html`<pre>${problem}</pre>`)}</section>`;
}

function faultSection(faults: Readonly<Record<string, number>>): Html {
  const entries = Object.entries(faults);
  const most = Math.max(1, ...entries.map(([, count]) => count));
  const total = entries.reduce((sum, [, count]) => sum + count, 0);
  const rows = entries.map(
    ([kind, count]) => html`<tr data-fault="${kind}"><td><code>${kind}</code></td><td class="number">${count}</td><td><span class="bar" style="width: ${Math.round((count / most) * 240)}px"></span></td></tr>`,
  );
  return html`<section id="faults"><h2>Faults injected</h2>
<p>${total} in all, over every run (shrinking runs included).${entries.some(([, count]) => count === 0) ? ' A kind at 0 was never injected: no property in this run exercised it.' : ''}</p>
<table><thead><tr><th>kind</th><th>injected</th><th></th></tr></thead><tbody>
${rows}
</tbody></table></section>`;
}

/** The checklist of `tradeprop checklist`, marked from this run, each item linking to its property's row. */
function checklistSection(summary: RunSummary): Html {
  const checked = new Set(PROPERTIES.flatMap((property) => property.invariants));
  const categories = CATEGORIES.map((category: Category) => {
    const items = PROPERTIES.filter((property) => property.category === category).map((property) => checklistItem(property, summary));
    const unchecked = Object.entries(INVARIANTS).filter(([id, info]) => info.category === category && !checked.has(id));
    const missing =
      unchecked.length > 0
        ? html`<li class="status-not-verified">not verified: no property checks ${unchecked.map(([id, info], index) => html`${index > 0 ? '; ' : ''}${id} (${info.description})`)}</li>`
        : items.length === 0
          ? html`<li class="status-not-verified">not verified: no property yet</li>`
          : '';
    return html`<h3>${category}</h3><ul class="checklist">${items}${missing}</ul>`;
  });
  return html`<section id="checklist"><h2>Production readiness checklist</h2>
<p>As <code>tradeprop checklist</code> writes it, marked from this run.</p>
${categories}
</section>`;
}

function checklistItem(property: PropertyInfo, summary: RunSummary): Html {
  const report = summary.properties.find((candidate) => candidate.property === property.name);
  const mark = itemMark(report);
  const name = report === undefined ? html`<code>${property.name}</code>` : propertyLink(property.name);
  return html`<li data-property="${property.name}"><span class="status-${mark.replace(' ', '-')}">[${mark}]</span> ${property.title}: ${name}${property.critical ? ', critical' : ''} (${property.invariants.join(', ')})</li>`;
}

function propertyLink(property: string): Html {
  return html`<a href="#${propertyAnchor(property)}"><code>${property}</code></a>`;
}

function counterexampleAnchor(property: string): string {
  return `counterexample-${property}`;
}

function markClass(report: PropertyRunReport): string {
  return itemMark(report).replace(' ', '-');
}
