import { rawHtml } from './html';

/** The report's one style sheet, inline: the file must read the same from file:// with no network. */
export const REPORT_STYLE = rawHtml(`
body { font: 14px/1.45 system-ui, sans-serif; color: #1d1d1f; margin: 0 auto; padding: 1.5rem 2rem 4rem; max-width: 1200px; }
h1 { font-size: 1.5rem; margin: 0 0 .25rem; }
h2 { font-size: 1.2rem; margin: 2.2rem 0 .6rem; border-bottom: 1px solid #ddd; padding-bottom: .2rem; }
h3 { font-size: 1rem; margin: 1.4rem 0 .4rem; }
code, pre, .steps td, svg text { font-family: ui-monospace, "DejaVu Sans Mono", monospace; }
pre { background: #f6f8fa; padding: .6rem .8rem; overflow-x: auto; white-space: pre-wrap; }
table { border-collapse: collapse; margin: .4rem 0; }
th, td { border: 1px solid #d0d7de; padding: .25rem .5rem; text-align: left; vertical-align: top; }
th { background: #f6f8fa; }
td.number { text-align: right; }
.run { color: #57606a; }
.score { display: flex; align-items: baseline; gap: 1rem; margin: 1rem 0 .3rem; }
.score .value { font-size: 2.6rem; font-weight: 700; }
.verdict { font-size: 1.2rem; font-weight: 600; padding: .1rem .6rem; border-radius: 4px; color: #fff; }
.verdict.ready { background: #1a7f37; }
.verdict.mostly-ready { background: #9a6700; }
.verdict.not-ready { background: #bc4c00; }
.verdict.critical { background: #cf222e; }
.status-held, .status-verified { color: #1a7f37; font-weight: 600; }
.status-failed { color: #cf222e; font-weight: 600; }
.status-not-run, .status-not-verified, .status-not-applicable { color: #9a6700; font-weight: 600; }
.steps td.difference { color: #cf222e; }
.steps tr.first-difference td { background: #fff1e5; }
.steps tr.first-difference td.difference { font-weight: 700; }
.steps mark { background: #ffd33d; }
.bar { display: inline-block; height: .8rem; background: #54aeff; vertical-align: middle; }
.bar.over, .bar.low { background: #cf222e; }
.legend span { display: inline-block; margin-right: 1rem; }
.legend i { display: inline-block; width: 1.6rem; height: 0; border-top-style: solid; vertical-align: middle; margin-right: .3rem; }
svg.machine { display: block; margin: .6rem 0; max-width: 100%; height: auto; }
svg text { font-size: 12px; paint-order: stroke; stroke: #fff; stroke-width: 3px; }
svg .state rect { fill: #fff; stroke: #444; stroke-width: 1.2; }
svg .state.initial rect { stroke-width: 2.4; }
svg .transition.never path { stroke-dasharray: 5 4; }
svg.chart text { stroke: none; fill: #57606a; }
.checklist li { margin: .2rem 0; }
.missing { color: #57606a; font-style: italic; }
`);
