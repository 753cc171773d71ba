import { formatCoverageCount, type CoverageCount, type CoverageSummary } from '../coverage';
import { html, type Html } from './html';

/** Line and branch coverage of the adapter code, totals then per file (`tradeprop run --coverage`). */
export function coverageSection(coverage: CoverageSummary | undefined): Html {
  if (coverage === undefined) {
    return html`<section id="coverage"><h2>Coverage</h2><p class="missing">Not measured: run with <code>--coverage</code> for line and branch coverage of the adapter code.</p></section>`;
  }
  const rows = coverage.files.map((file) => html`<tr><td><code>${file.file}</code></td>${cells(file.lines)}${cells(file.branches)}</tr>`);
  return html`<section id="coverage"><h2>Coverage</h2>
<p>Of ${coverage.scope.join(', ')} (vitest, v8): lines <strong data-coverage="lines">${formatCoverageCount(coverage.lines)}</strong>, branches <strong data-coverage="branches">${formatCoverageCount(coverage.branches)}</strong>.</p>
<table><thead><tr><th>file</th><th colspan="2">lines</th><th colspan="2">branches</th></tr></thead><tbody>
${rows}
</tbody></table></section>`;
}

function cells(count: CoverageCount): Html {
  const share = count.total === 0 ? 1 : count.covered / count.total;
  return html`<td class="number">${formatCoverageCount(count)}</td><td><span class="bar${share < 0.5 ? ' low' : ''}" style="width: ${Math.round(share * 120)}px"></span></td>`;
}
