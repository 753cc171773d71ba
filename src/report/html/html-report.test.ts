import { describe, expect, it } from 'vitest';
import { CATEGORIES, PROPERTIES } from '../../../properties/catalog';
import { orderMachineTransitions } from '../../../models/transition-coverage';
import type { PropertyFailure, PropertyRunReport } from '../../verifier/protocol';
import { summarizeRun } from '../run-summary';
import { formatHtmlReport, propertyAnchor } from './html-report';

const HOSTILE = `<script>alert("x")</script><img src="https://evil.example/x.png" onerror='fetch("http://evil.example")'> & "quoted"`;

const failure: PropertyFailure = {
  message: `L1 violated: step 2 cancelAll(XYZ/BTC): BTC free: adapter 0.0001, model 0.0002 ${HOSTILE}`,
  seed: 1187208978,
  path: '4:1:0',
  replayPath: 'CCAAAJQH:qC',
  commands: ['place(XYZ/BTC buy 0.00000001 @ 10000 MAKER)', `cancelAll(XYZ/BTC) ${HOSTILE}`],
  steps: [
    { step: 1, command: 'place(XYZ/BTC buy 0.00000001 @ 10000 MAKER)', model: 'tp-1:open 0/0.00000001 | BTC 0.0001/0.0001', adapter: 'tp-1:open 0/0.00000001 | BTC 0.0001/0.0001' },
    { step: 2, command: `cancelAll(XYZ/BTC) ${HOSTILE}`, model: 'tp-1:canceled 0/0.00000001 | BTC 0.0002/0 XYZ 0.0002/0', adapter: `tp-1:canceled 0/0.00000001 | BTC 0.0001/0.0001 XYZ 0.0002/0 ${HOSTILE}`, difference: `L1 violated: BTC free ${HOSTILE}` },
    { step: 3, command: 'fetchBalance()', model: 'BTC 0.0002/0', adapter: 'BTC 0.0003/0', difference: 'a later difference' },
  ],
};

const report = (overrides: Partial<PropertyRunReport> = {}): PropertyRunReport => ({
  property: 'ledger-conservation',
  category: 'data integrity',
  invariants: ['L1', 'L2', 'L3'],
  critical: true,
  profile: 'premerge',
  seed: 7,
  runs: 73,
  commands: 315,
  timeMs: 1600,
  transitionsCovered: ['order: new --ACCEPT--> open', 'order: open --FILL--> filled', 'order: filled --CANCEL--x', 'ledger: tracking --DEPOSIT--> tracking'],
  transitionCounts: { 'order: new --ACCEPT--> open': 500, 'order: open --FILL--> filled': 40, 'order: filled --CANCEL--x': 2, 'ledger: tracking --DEPOSIT--> tracking': 7 },
  transitionsClaimed: ['ledger: tracking --DEPOSIT--> tracking'],
  faultsInjected: { cancel_race: 14 },
  rateLimitWeight: { limit: 6000, interval: '1M', peak: 180, windows: [{ subject: '10.0.0.1', start: 60_000, weight: 120 }, { subject: '10.0.0.1', start: 120_000, weight: 90 }] },
  corpusReplayed: [],
  ...overrides,
});

const failing = summarizeRun({
  tradepropVersion: '0.1.0',
  profile: 'premerge',
  adapter: 'properties/fixtures/adapters/cancel-keeps-locked.ts',
  properties: [
    report({ failure }),
    report({ property: 'order-state-consistency', invariants: ['O1', 'O2'], transitionCounts: { 'order: new --ACCEPT--> open': 25 }, transitionsCovered: ['order: new --ACCEPT--> open'], rateLimitWeight: undefined }),
  ],
  problems: [],
});

/** Every tag of the page (escaped text holds no "<", so this finds tags only). */
function tagsOf(page: string): string[] {
  return page.match(/<[^>]*>/g) ?? [];
}

describe('the HTML report', () => {
  const page = formatHtmlReport(failing);

  it('shows the score and verdict, and every one of the nine categories with its status', () => {
    // 80 x 1/2 properties + 20 x 0/9 clean categories - 10 for the critical failure.
    expect(page).toContain('data-score="30.0"');
    expect(page).toContain('<span class="verdict critical">critical</span>');
    expect(CATEGORIES).toHaveLength(9);
    for (const category of CATEGORIES) expect(page).toContain(`<tr data-category="${category}"><td>${category}</td>`);
    expect(page).toContain('<td class="status-failed">failed (L1)</td>');
    expect(page.match(/<td class="status-not-verified">not verified \(no property ran\)<\/td>/g)).toHaveLength(8);
  });

  it('keeps hostile text in counterexamples as text: no tag, attribute or URL of its own reaches the markup', () => {
    expect(page).not.toContain('<script');
    expect(page).not.toContain('<img');
    expect(page).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&lt;img src=&quot;https://evil.example/x.png&quot;');
    expect(page).toContain('&amp; &quot;quoted&quot;');
    // The URLs are in the page, but only as escaped text: no tag names anything outside it.
    expect(page).toContain('https://evil.example/x.png');
    const outside = tagsOf(page).filter((tag) => /https?:|\bsrc=|\bon\w+=|=\s*"\/\//i.test(tag));
    expect(outside).toEqual([]);
    expect(tagsOf(page).filter((tag) => /^<(script|link|img|iframe|object|embed)\b/i.test(tag))).toEqual([]);
  });

  it('would notice a tag that names a URL', () => {
    expect(tagsOf('<p>https://fine.example</p><img src="https://cdn.example/x.png">').filter((tag) => /https?:/.test(tag))).toEqual(['<img src="https://cdn.example/x.png">']);
  });

  it('highlights the first difference of a counterexample, only that row, and marks the words that differ', () => {
    const highlighted = page.match(/<tr class="first-difference" id="first-difference-(\d+)">/g) ?? [];
    expect(highlighted).toEqual(['<tr class="first-difference" id="first-difference-2">']);
    const row = page.slice(page.indexOf('id="first-difference-2"'), page.indexOf('</tr>', page.indexOf('id="first-difference-2"')));
    expect(row).toContain('<div>BTC <mark>0.0002/0</mark> XYZ 0.0002/0</div>');
    expect(row).toContain('<div>BTC <mark>0.0001/0.0001</mark> XYZ 0.0002/0');
    expect(row).toContain('<div>tp-1:canceled 0/0.00000001</div>');
    // Step 3 differs too, but it is not the first difference: shown, not highlighted.
    expect(page).toContain('a later difference');
    expect(page).not.toContain('<mark>0.0003/0</mark>');
  });

  it('gives the replay commands with the adapter the run was given', () => {
    expect(page).toContain('npx tradeprop replay --property ledger-conservation --seed 1187208978 --path 4:1:0 --replay-path CCAAAJQH:qC --adapter properties/fixtures/adapters/cancel-keeps-locked.ts');
  });

  it('draws both machines from their definitions, every declared transition coloured by the run-wide count', () => {
    expect(page).toContain('<svg class="machine" data-machine="order"');
    expect(page).toContain('<svg class="machine" data-machine="ledger"');
    const drawn = [...page.matchAll(/data-transition="(order: [^"]*)" data-count="(\d+)"/g)].map((match) => match[1]?.replace(/&gt;/g, '>'));
    expect(drawn.sort()).toEqual(orderMachineTransitions.filter((key) => !key.endsWith('--x')).sort());
    // Summed over both properties: 500 + 25.
    expect(page).toContain('data-transition="order: new --ACCEPT--&gt; open" data-count="525"');
    expect(page).toContain('data-transition="order: open --CANCEL--&gt; canceled" data-count="0"');
    // Refusals are listed, not drawn.
    expect(page).toContain('<td><code>order: filled --CANCEL--x</code></td><td class="number">2</td>');
  });

  it('lists the faults injected by kind, those never injected at 0', () => {
    expect(page).toContain('<tr data-fault="cancel_race"><td><code>cancel_race</code></td><td class="number">28</td>');
    expect(page).toContain('<tr data-fault="tamper"><td><code>tamper</code></td><td class="number">0</td>');
  });

  it('charts the rate-limit weight against the limit, and says for which properties it was not recorded', () => {
    expect(page).toContain('<figure class="weight" data-property="ledger-conservation"><figcaption><code>ledger-conservation</code>: limit 6000 per 1M window per IP; peak 180 (3.0% of it) over every run; last run 2 windows, at most 120.');
    expect(page).toContain('Not recorded for order-state-consistency');
  });

  it('links every checklist item of a property that ran to its row, and marks the others not run', () => {
    for (const property of PROPERTIES) expect(page).toContain(`<li data-property="${property.name}">`);
    const links = [...page.matchAll(/<li data-property="([^"]+)"><span class="status-[a-z-]+">\[(held|failed|not run|not applicable)\]<\/span>[^<]*(<a href="#([^"]+)">)?/g)];
    expect(links).toHaveLength(PROPERTIES.length);
    for (const [, property, mark, , anchor] of links) {
      const ran = property === 'ledger-conservation' || property === 'order-state-consistency';
      expect(mark, property).toBe(property === 'ledger-conservation' ? 'failed' : ran ? 'held' : 'not run');
      expect(anchor, property).toBe(ran ? propertyAnchor(property ?? '') : undefined);
      if (anchor !== undefined) expect(page).toContain(`<tr id="${anchor}">`);
    }
  });

  it('is the same bytes for the same run, and prints a time only when given one', () => {
    expect(formatHtmlReport(failing)).toBe(page);
    expect(page).not.toMatch(/written \d/);
    expect(formatHtmlReport(failing, { generatedAt: '2026-12-03T10:00:00.000Z' })).toContain('written 2026-12-03T10:00:00.000Z');
  });

  it('reads "ready" for a clean run over every category, and shows no counterexample', () => {
    const clean = summarizeRun({
      tradepropVersion: '0.1.0',
      profile: 'premerge',
      properties: CATEGORIES.map((category, index) => report({ property: `p${index}`, category, critical: false })),
      problems: [],
    });
    const text = formatHtmlReport(clean);
    expect(text).toContain('<span class="verdict ready">ready</span>');
    expect(text).toContain('None: every property that ran held.');
    expect(text).not.toContain('class="first-difference"');
  });
});
