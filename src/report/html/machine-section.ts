import type { AnyStateMachine } from 'xstate';
import type { PropertyRunReport } from '../../verifier/protocol';
import { html, type Html } from './html';
import { NEVER_TAKEN, TAKEN_BANDS, machineDiagram, transitionsWithCounts } from './machine-diagram';

/**
 * The model machines with the transitions the whole run took, summed over its properties. A
 * report written before counts were recorded (`transitionCounts` absent) still shows which
 * transitions were taken, counted once each, and says so.
 */
export function machineSection(machines: readonly AnyStateMachine[], reports: readonly PropertyRunReport[]): Html {
  const counts = new Map<string, number>();
  let countsMissing = false;
  for (const report of reports) {
    const taken = report.transitionCounts;
    if (taken === undefined) countsMissing ||= report.transitionsCovered.length > 0;
    const entries: Array<[string, number]> = taken === undefined ? report.transitionsCovered.map((key) => [key, 1]) : Object.entries(taken);
    for (const [key, count] of entries) counts.set(key, (counts.get(key) ?? 0) + count);
  }
  const legend = html`<p class="legend">${[...TAKEN_BANDS].reverse().map((band) => html`<span><i style="border-top-width: ${band.width}px; border-top-color: ${band.colour}"></i>taken ${band.label} times</span>`)}<span><i style="border-top-width: ${NEVER_TAKEN.width}px; border-top-color: ${NEVER_TAKEN.colour}; border-top-style: dashed"></i>${NEVER_TAKEN.label}</span></p>`;
  return html`<section id="machines"><h2>Model machines</h2>
<p>Drawn from the xstate definitions (<code>models/order-machine.ts</code>, <code>models/ledger-machine.ts</code>); each arrow is a declared transition, coloured by how often this run's properties took it (every run, shrinking included).${countsMissing ? ' This report carries no counts: a transition taken is counted once.' : ''}</p>
${legend}
${machines.map((machine) => machineFigure(machine, counts))}
</section>`;
}

function machineFigure(machine: AnyStateMachine, counts: ReadonlyMap<string, number>): Html {
  const refusals = transitionsWithCounts(machine, counts).filter((transition) => transition.to === undefined);
  const refused = refusals.filter((transition) => transition.count > 0);
  return html`<figure id="${`machine-${machine.id}`}"><figcaption><h3>${machine.id} machine</h3></figcaption>
${machineDiagram(machine, counts)}
<p>Refusals (an event the machine turns down, recording a violation and staying put): ${refused.length === 0 ? `none taken of the ${refusals.length} declared.` : html`${refused.length} of the ${refusals.length} declared taken:`}</p>
${refused.length === 0 ? '' : html`<table><thead><tr><th>refused</th><th>times</th></tr></thead><tbody>${refused.map((transition) => html`<tr><td><code>${transition.key}</code></td><td class="number">${transition.count}</td></tr>`)}</tbody></table>`}
</figure>`;
}
