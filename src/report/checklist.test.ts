import { describe, expect, it } from 'vitest';
import { CATEGORIES, PROPERTIES, type PropertyInfo } from '../../properties/catalog';
import type { PropertyRunReport } from '../verifier/protocol';
import { formatChecklist } from './checklist';
import { INVARIANTS } from './invariants';
import { JsonReportSchema } from './json-report-schema';
import { summarizeRun } from './run-summary';

const linkTo = (property: PropertyInfo): string => property.file;
const heading = (category: string): string => `## ${category.charAt(0).toUpperCase()}${category.slice(1)}`;

/** The lines of one category's section. */
function section(checklist: string, category: string): string[] {
  const lines = checklist.split('\n');
  const start = lines.indexOf(heading(category));
  const end = lines.findIndex((line, index) => index > start && line.startsWith('## '));
  return lines.slice(start, end === -1 ? undefined : end);
}

describe('the checklist of the catalogue', () => {
  const checklist = formatChecklist({ properties: PROPERTIES, linkTo });

  it('states the go/no-go criteria: 85, every property held, no category unverified', () => {
    expect(checklist).toContain('- [ ] the score is at least 85 out of 100\n- [ ] every property held\n- [ ] no category is unverified');
    expect(checklist).toContain('85 and above ready, 70 and above mostly ready, 50 and above not ready, below that critical');
    expect(checklist).toContain('`--threshold` (default 70)');
  });

  it('lists every category, in the catalogue order', () => {
    const headings = checklist.split('\n').filter((line) => line.startsWith('## ') && line !== '## Go / no-go');
    expect(headings).toEqual(CATEGORIES.map(heading));
  });

  it('lists every property under its category with its invariants in words, linked to its file', () => {
    for (const property of PROPERTIES) {
      const lines = section(checklist, property.category);
      const item = lines.findIndex((line) => line.includes(`[\`${property.name}\`](${property.file})`));
      expect(item, property.name).toBeGreaterThan(0);
      expect(lines[item]).toContain(property.title);
      expect(lines.slice(item + 1, item + 1 + property.invariants.length)).toEqual(property.invariants.map((id) => `  - ${id}: ${INVARIANTS[id]?.description}`));
    }
  });

  it('says plainly what nothing verifies: a category without a property, and every invariant no property checks', () => {
    for (const category of CATEGORIES.filter((name) => !PROPERTIES.some((property) => property.category === name))) {
      expect(section(checklist, category)[2], category).toBe('- [ ] **not verified: no property yet; DESIGN.md reserves**');
    }
    const checked = new Set(PROPERTIES.flatMap((property) => property.invariants));
    for (const [id, info] of Object.entries(INVARIANTS).filter(([name]) => !checked.has(name))) {
      const lines = section(checklist, info.category);
      const item = lines.findIndex((line) => line.startsWith('- [ ] **not verified: no property'));
      expect(lines.slice(item), id).toContain(`  - ${id}: ${info.description}`);
    }
  });
});

describe('the checklist of a catalogue without performance and factory properties', () => {
  const properties: PropertyInfo[] = [
    { name: 'ledger-conservation', title: 'balances are conserved', category: 'data integrity', invariants: ['L1', 'L2'], critical: true, file: 'properties/data-integrity/ledger-conservation.prop.ts' },
  ];

  it('marks performance and exchange factory not verified, with the invariants DESIGN.md reserves for them', () => {
    const checklist = formatChecklist({ properties, linkTo });
    expect(section(checklist, 'performance').slice(2, 5)).toEqual([
      '- [ ] **not verified: no property yet; DESIGN.md reserves**',
      `  - P1: ${INVARIANTS.P1?.description}`,
      `  - P2: ${INVARIANTS.P2?.description}`,
    ]);
    expect(section(checklist, 'exchange factory').slice(2, 5)).toEqual([
      '- [ ] **not verified: no property yet; DESIGN.md reserves**',
      `  - F1: ${INVARIANTS.F1?.description}`,
      `  - F2: ${INVARIANTS.F2?.description}`,
    ]);
    // A category with a property names what it leaves unchecked.
    expect(section(checklist, 'data integrity')).toContain('- [ ] **not verified: no property checks these yet**');
    expect(section(checklist, 'data integrity')).toContain(`  - L3: ${INVARIANTS.L3?.description}`);
  });
});

describe('the checklist marked from a run', () => {
  const property = (name: string, category: PropertyInfo['category'], invariants: string[]): PropertyInfo => ({
    name,
    title: `${name} holds`,
    category,
    invariants,
    critical: true,
    file: `properties/${name}.prop.ts`,
  });
  const properties = [
    property('ledger-conservation', 'data integrity', ['L1']),
    property('order-state-consistency', 'data integrity', ['O1']),
    property('fill-counted-once', 'data integrity', ['O5']),
    property('requests-logged-and-counted', 'monitoring', ['M1']),
  ];
  const report = (name: string, category: string, overrides: Partial<PropertyRunReport> = {}): PropertyRunReport => ({
    property: name,
    category,
    invariants: [],
    critical: true,
    profile: 'premerge',
    seed: 1234,
    runs: 60,
    commands: 480,
    timeMs: 1000,
    transitionsCovered: [],
    transitionsClaimed: [],
    faultsInjected: {},
    corpusReplayed: [],
    ...overrides,
  });
  const summary = summarizeRun({
    tradepropVersion: '0.1.0',
    profile: 'premerge',
    properties: [
      report('ledger-conservation', 'data integrity'),
      report('order-state-consistency', 'data integrity', {
        failure: { message: 'O1 violated: tp-1.status: filled vs canceled', seed: 7, path: '3:1', replayPath: 'AB', commands: [], steps: [] },
      }),
      report('fill-counted-once', 'data integrity', { runs: 0, notApplicable: 'the adapter listens to no stream' }),
    ],
    problems: [],
  });
  const saved = JsonReportSchema.parse(JSON.parse(JSON.stringify({ format: 'tradeprop-report', schemaVersion: 1, ...summary })));
  const checklist = formatChecklist({ properties, linkTo, run: { source: 'out/tradeprop-report.json', report: saved } });

  it('marks each item held, failed, not applicable or not run', () => {
    const lines = section(checklist, 'data integrity');
    const markOf = (name: string): string | undefined => lines[lines.findIndex((line) => line.includes(`\`${name}\``)) + 2];
    expect(lines.find((line) => line.includes('`ledger-conservation`'))).toMatch(/^- \[x\] /);
    expect(markOf('ledger-conservation')).toBe('  - **held** (60 runs, seed 1234)');
    expect(lines.find((line) => line.includes('`order-state-consistency`'))).toMatch(/^- \[ \] /);
    expect(markOf('order-state-consistency')).toBe('  - **failed**: O1 violated (data integrity), seed 7');
    expect(markOf('fill-counted-once')).toBe('  - **not applicable**: the adapter listens to no stream');
    expect(section(checklist, 'monitoring')).toContain('  - **not run** in this run');
  });

  it('says how each category and the go/no-go criteria fared', () => {
    expect(section(checklist, 'data integrity')).toContain('In this run: failed (O1).');
    expect(section(checklist, 'monitoring')).toContain('In this run: not verified (no property ran).');
    expect(checklist).toContain(`From the run in \`out/tradeprop-report.json\` (premerge, fixed seeds, the reference adapter): score ${summary.score.score.toFixed(1)}/100, **${summary.score.verdict}**.`);
    expect(checklist).toContain('- [ ] the score is at least 85 out of 100\n- [ ] every property held\n- [ ] no category is unverified');
  });
});
