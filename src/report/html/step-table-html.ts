import type { StepRow } from '../../verifier/protocol';
import { html, type Html } from './html';

/**
 * A counterexample's steps as an HTML table, the text report's columns (step-table.ts). The row
 * of the first difference is highlighted, and in it the words where model and adapter views
 * disagree are marked: that is where a person starts reading.
 */

/** Views list several things joined by this (an order, then the balances); each gets a line. */
const VIEW_PART_SEPARATOR = ' | ';

export function stepTableHtml(steps: readonly StepRow[]): Html {
  const first = steps.findIndex((step) => step.difference !== undefined && step.difference !== '');
  const rows = steps.map((step, index) => {
    const highlighted = index === first;
    const [model, adapter] = highlighted ? markedViews(step.model, step.adapter) : [viewLines(step.model), viewLines(step.adapter)];
    return html`<tr${highlighted ? html` class="first-difference" id="${`first-difference-${step.step}`}"` : ''}>
<td class="step">${step.step}</td><td class="command">${step.command}</td><td class="view">${model}</td><td class="view">${adapter}</td><td class="difference">${step.difference ?? ''}</td>
</tr>`;
  });
  return html`<table class="steps">
<thead><tr><th>step</th><th>command</th><th>model view</th><th>adapter view</th><th>first difference</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>`;
}

function viewLines(view: string): Html[] {
  return view.split(VIEW_PART_SEPARATOR).map((part) => html`<div>${part}</div>`);
}

/**
 * Both views, part by part and word by word, with every word that differs from the other view's
 * word in the same place marked. A part with no counterpart is marked whole.
 */
function markedViews(model: string, adapter: string): [Html[], Html[]] {
  const modelParts = model.split(VIEW_PART_SEPARATOR);
  const adapterParts = adapter.split(VIEW_PART_SEPARATOR);
  const mark = (parts: readonly string[], others: readonly string[]): Html[] =>
    parts.map((part, index) => {
      const other = others[index];
      if (other === undefined) return html`<div><mark>${part}</mark></div>`;
      const otherWords = other.split(' ');
      const words = part.split(' ').map((word, at) => (word === otherWords[at] ? html`${word}` : html`<mark>${word}</mark>`));
      return html`<div>${words.flatMap((word, at) => (at === 0 ? [word] : [html` `, word]))}</div>`;
    });
  return [mark(modelParts, adapterParts), mark(adapterParts, modelParts)];
}
