import { graphlib, layout, type EdgeLabel, type GraphLabel, type NodeLabel, type Point } from '@dagrejs/dagre';
import type { AnyStateMachine } from 'xstate';
import { declaredTransitionsOf, parseTransitionKey } from '../../../models/transition-coverage';
import { html, type Html } from './html';

/**
 * A model machine drawn from its xstate definition: one box per state, one arrow per declared
 * transition (refusals are not arrows: they stay put, and are listed beside the diagram), each
 * arrow coloured by how often the run took it. Layout by dagre (@dagrejs/dagre, the layered
 * layout of dagre-d3 and Mermaid); the SVG is written here, inline, so the page needs nothing
 * from outside. dagre is deterministic for the same insertion order, and states and transitions
 * are added in declaration order, so the same machine and counts give the same bytes.
 */

/** Character width of the diagram's monospace 12px text, for sizing boxes and labels. */
const CHAR_WIDTH = 7.3;
const LINE_HEIGHT = 16;
const NODE_PADDING_X = 14;
const NODE_HEIGHT = 34;

/**
 * How often a transition was taken, in decades: the counts of a run span 1 to tens of thousands,
 * which a linear scale would flatten to "taken" and "not taken".
 */
export const TAKEN_BANDS: ReadonlyArray<{ from: number; label: string; colour: string; width: number }> = [
  { from: 1000, label: '1000 and more', colour: '#08306b', width: 4 },
  { from: 100, label: '100-999', colour: '#2171b5', width: 3.2 },
  { from: 10, label: '10-99', colour: '#6baed6', width: 2.4 },
  { from: 1, label: '1-9', colour: '#9ecae1', width: 1.8 },
];
export const NEVER_TAKEN = { label: 'never taken', colour: '#b0b0b0', width: 1.2 };

export function bandOf(count: number): { label: string; colour: string; width: number } {
  return TAKEN_BANDS.find((band) => count >= band.from) ?? NEVER_TAKEN;
}

export interface DrawnTransition {
  key: string;
  from: string;
  event: string;
  /** Absent for a refusal. */
  to?: string | undefined;
  count: number;
}

/** Every transition the machine declares with how often it was taken, in declaration order. */
export function transitionsWithCounts(machine: AnyStateMachine, counts: ReadonlyMap<string, number>): DrawnTransition[] {
  return declaredTransitionsOf(machine).flatMap((key) => {
    const parsed = parseTransitionKey(key);
    return parsed === undefined ? [] : [{ key, from: parsed.from, event: parsed.event, to: parsed.to, count: counts.get(key) ?? 0 }];
  });
}

/** Vertical room each self-loop takes above its state (the ledger's four sit stacked). */
const LOOP_STEP = 26;

/**
 * dagre lays out the arrows between states; self-loops (the ledger's every event, a partial fill
 * that stays partial) are drawn here, stacked above their state, in room reserved by making the
 * state's box that much taller for dagre: its loops at rankdir LR came out detached from it.
 */
export function machineDiagram(machine: AnyStateMachine, counts: ReadonlyMap<string, number>): Html {
  const transitions = transitionsWithCounts(machine, counts).filter((transition) => transition.to !== undefined);
  const loopsOf = (state: string): DrawnTransition[] => transitions.filter((transition) => transition.from === state && transition.to === state);
  const graph = new graphlib.Graph<GraphLabel, NodeLabel, EdgeLabel>({ multigraph: true, directed: true });
  graph.setGraph({ rankdir: 'LR', nodesep: 28, ranksep: 70, edgesep: 14, marginx: 12, marginy: 12 });
  const states = Object.keys(machine.root.states);
  const boxWidth = (state: string): number => state.length * CHAR_WIDTH + 2 * NODE_PADDING_X;
  for (const state of states) {
    const loops = loopsOf(state);
    const widest = Math.max(boxWidth(state), ...loops.map((loop) => edgeLabelText(loop).length * CHAR_WIDTH + 2 * (loops.length * 10 + 14)));
    // Symmetric, so dagre's centre stays the box's centre.
    graph.setNode(state, { width: widest, height: NODE_HEIGHT + 2 * loops.length * LOOP_STEP });
  }
  const between = transitions.filter((transition) => transition.to !== transition.from);
  for (const transition of between) {
    const label = edgeLabelText(transition);
    graph.setEdge(transition.from, transition.to ?? transition.from, { width: label.length * CHAR_WIDTH, height: LINE_HEIGHT, labelpos: 'c' }, transition.key);
  }
  layout(graph);

  const size = graph.graph();
  const width = Math.ceil(size.width ?? 0);
  const height = Math.ceil(size.height ?? 0);
  const marker = (colour: string): string => `arrow-${machine.id}-${colour.slice(1)}`;
  const colours = [...new Set([...TAKEN_BANDS.map((band) => band.colour), NEVER_TAKEN.colour])];
  const initial = typeof machine.config.initial === 'string' ? machine.config.initial : undefined;

  const edge = (transition: DrawnTransition, path: string, at: Point): Html => {
    const band = bandOf(transition.count);
    return html`<g class="transition${transition.count === 0 ? ' never' : ''}" data-transition="${transition.key}" data-count="${transition.count}">
<title>${transition.key}: taken ${transition.count} time${transition.count === 1 ? '' : 's'}</title>
<path d="${path}" fill="none" stroke="${band.colour}" stroke-width="${band.width}" marker-end="url(#${marker(band.colour)})"/>
<text x="${round(at.x)}" y="${round(at.y + 4)}" text-anchor="middle">${edgeLabelText(transition)}</text>
</g>`;
  };
  const edges = between.map((transition) => {
    const label = graph.edge(transition.from, transition.to ?? transition.from, transition.key);
    return edge(transition, pathThrough(label.points ?? []), { x: label.x ?? 0, y: label.y ?? 0 });
  });
  const loops = states.flatMap((state) => {
    const node = graph.node(state);
    const centre = { x: node.x ?? 0, y: node.y ?? 0 };
    const top = centre.y - NODE_HEIGHT / 2;
    return loopsOf(state).map((transition, index) => {
      // Loop i leaves the box's top left of centre and comes back right of it, i+1 steps up.
      const spread = 14 + index * 10;
      const rise = (index + 1) * LOOP_STEP;
      const path = `M${round(centre.x - spread)},${round(top)} C${round(centre.x - spread)},${round(top - rise)} ${round(centre.x + spread)},${round(top - rise)} ${round(centre.x + spread)},${round(top)}`;
      // The label sits just above the curve's apex (three quarters of its control points' rise).
      return edge(transition, path, { x: centre.x, y: top - rise * 0.75 - 7 });
    });
  });
  const nodes = states.map((state) => {
    const node = graph.node(state);
    const boxW = boxWidth(state);
    const x = (node.x ?? 0) - boxW / 2;
    const y = (node.y ?? 0) - NODE_HEIGHT / 2;
    const final = machine.root.states[state]?.type === 'final';
    return html`<g class="state${state === initial ? ' initial' : ''}${final ? ' final' : ''}" data-state="${state}">
<rect x="${round(x)}" y="${round(y)}" width="${round(boxW)}" height="${NODE_HEIGHT}" rx="8"/>
<text x="${round(node.x ?? 0)}" y="${round((node.y ?? 0) + 4)}" text-anchor="middle">${state}</text>
</g>`;
  });
  return html`<svg class="machine" data-machine="${machine.id}" role="img" aria-label="${machine.id} machine" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}">
<defs>${colours.map((colour) => html`<marker id="${marker(colour)}" viewBox="0 0 10 10" refX="9" refY="5" markerUnits="userSpaceOnUse" markerWidth="9" markerHeight="9" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="${colour}"/></marker>`)}</defs>
${edges}
${loops}
${nodes}
</svg>`;
}

function edgeLabelText(transition: DrawnTransition): string {
  return `${transition.event} ×${transition.count}`;
}

/** A polyline through dagre's points, its inner corners rounded with quadratic curves. */
function pathThrough(points: readonly Point[]): string {
  const [first, ...rest] = points;
  if (first === undefined) return '';
  if (rest.length < 2) return `M${round(first.x)},${round(first.y)}` + rest.map((point) => ` L${round(point.x)},${round(point.y)}`).join('');
  let path = `M${round(first.x)},${round(first.y)}`;
  for (let index = 0; index < rest.length - 1; index += 1) {
    const corner = rest[index];
    const next = rest[index + 1];
    if (corner === undefined || next === undefined) continue;
    const midX = (corner.x + next.x) / 2;
    const midY = (corner.y + next.y) / 2;
    path += ` Q${round(corner.x)},${round(corner.y)} ${round(midX)},${round(midY)}`;
  }
  const last = rest[rest.length - 1];
  return last === undefined ? path : `${path} L${round(last.x)},${round(last.y)}`;
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}
