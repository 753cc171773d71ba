import type { PropertyRunReport, RateLimitWeightUse } from '../../verifier/protocol';
import { html, type Html } from './html';

/**
 * REQUEST_WEIGHT used per window over virtual time against the limit, per property: the last
 * run's windows as bars (the counterexample's replay when the property failed) and the peak over
 * every run. The limit is per IP, so a window shows the IP that used the most in it.
 */

const CHART_WIDTH = 520;
const CHART_HEIGHT = 120;
const AXIS = 40;

export function rateLimitSection(reports: readonly PropertyRunReport[]): Html {
  const measured = reports.flatMap((report) => (report.rateLimitWeight === undefined ? [] : [{ property: report.property, use: report.rateLimitWeight }]));
  const without = reports.filter((report) => report.rateLimitWeight === undefined && report.notApplicable === undefined).map((report) => report.property);
  return html`<section id="rate-limit"><h2>Rate-limit weight</h2>
<p>REQUEST_WEIGHT the venue counted per window of virtual time, against its limit (invariant R2's counters).</p>
${measured.length === 0 ? html`<p class="missing">No property in this run reported weight windows.</p>` : measured.map(({ property, use }) => weightChart(property, use))}
${without.length === 0 ? '' : html`<p class="missing">Not recorded for ${without.join(', ')}: their runs have no venue of their own, or the report predates weight recording.</p>`}
</section>`;
}

function weightChart(property: string, use: RateLimitWeightUse): Html {
  const byStart = new Map<number, number>();
  for (const window of use.windows) byStart.set(window.start, Math.max(byStart.get(window.start) ?? 0, window.weight));
  const windows = [...byStart].sort(([a], [b]) => a - b);
  const lastPeak = Math.max(0, ...windows.map(([, weight]) => weight));
  // Scaled to the limit when the run came near it; else to what it used, the limit named above.
  const limitShown = use.peak * 4 >= use.limit;
  const top = Math.max(1, limitShown ? Math.max(use.limit, lastPeak) : lastPeak * 1.25);
  const first = windows[0]?.[0] ?? 0;
  const step = windows.length === 0 ? 0 : (CHART_WIDTH - AXIS) / windows.length;
  const y = (weight: number): number => Math.round((CHART_HEIGHT - 16) * (1 - weight / top)) + 4;
  const bars = windows.map(([start, weight], index) => {
    const x = AXIS + index * step;
    return html`<rect class="${weight > use.limit ? 'over' : 'used'}" x="${x + 1}" y="${y(weight)}" width="${Math.max(1, step - 2)}" height="${y(0) - y(weight)}" fill="${weight > use.limit ? '#cf222e' : '#54aeff'}"><title>${`${use.interval} window from ${formatOffset(start - first)}: ${weight} of ${use.limit}`}</title></rect>`;
  });
  const limitLine = limitShown
    ? html`<line x1="${AXIS}" x2="${CHART_WIDTH}" y1="${y(use.limit)}" y2="${y(use.limit)}" stroke="#cf222e" stroke-dasharray="4 3"/><text x="${CHART_WIDTH}" y="${y(use.limit) - 3}" text-anchor="end">limit ${use.limit}</text>`
    : '';
  const share = use.limit === 0 ? '' : ` (${((use.peak / use.limit) * 100).toFixed(1)}% of it)`;
  return html`<figure class="weight" data-property="${property}"><figcaption><code>${property}</code>: limit ${use.limit} per ${use.interval} window per IP; peak ${use.peak}${share} over every run; last run ${windows.length} window${windows.length === 1 ? '' : 's'}, at most ${lastPeak}.</figcaption>
${windows.length === 0 ? html`<p class="missing">The last run sent no weighted request.</p>` : html`<svg class="chart" role="img" aria-label="${`${property} weight per window`}" viewBox="0 0 ${CHART_WIDTH} ${CHART_HEIGHT}" width="${CHART_WIDTH}" height="${CHART_HEIGHT}">
<line x1="${AXIS}" x2="${CHART_WIDTH}" y1="${y(0)}" y2="${y(0)}" stroke="#888"/>
<text x="${AXIS - 4}" y="${y(0)}" text-anchor="end">0</text><text x="${AXIS - 4}" y="${y(top) + 10}" text-anchor="end">${Math.round(top)}</text>
${bars}
${limitLine}
</svg>`}
</figure>`;
}

/** Virtual time since the run's first window, as minutes and seconds. */
function formatOffset(ms: number): string {
  const seconds = Math.round(ms / 1000);
  return `+${Math.floor(seconds / 60)}m${String(seconds % 60).padStart(2, '0')}s`;
}
