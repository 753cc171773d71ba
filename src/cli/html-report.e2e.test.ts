import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { CATEGORIES } from '../../properties/catalog';
import { projectRoot } from '../corpus/fingerprint';
import { REPORT_JSON_SCHEMA_FILE } from '../report/json-report-schema';
import { findChromium, openPage } from './testing/chromium';

/**
 * Issue 14, acceptance 1 and 2, through the real launcher: a premerge run against a seeded bug
 * writes all four reports; the HTML one, opened in headless Chromium from file://, shows the
 * score, all nine categories, the counterexample's step table and the order machine, and makes
 * no request outside itself. Without Chromium the browser half is skipped, saying why.
 */
const root = projectRoot();
const dir = mkdtempSync(join(tmpdir(), 'tradeprop-html-e2e-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const out = join(dir, 'out');
/** In the ignored tradeprop-report/ folder, kept for a person to look at. */
const SCREENSHOT = join(root, 'tradeprop-report', 'html-report.png');

const chromium = findChromium();
if (chromium === undefined) {
  console.info('html-report.e2e: Chromium not found (TRADEPROP_CHROMIUM, /usr/bin/chromium, /usr/bin/chromium-browser): the browser check is skipped; apt-get install chromium runs it');
}

/**
 * What the test reads from the rendered page. A script string run in the page (the project
 * compiles without the DOM's types); its answer is parsed like any other input.
 */
const READ_PAGE = `(() => {
  const visible = (element) => element !== null && element.getBoundingClientRect().width > 0 && element.getBoundingClientRect().height > 0;
  const orderMachine = document.querySelector('svg.machine[data-machine="order"]');
  const firstDifference = document.querySelector('table.steps tr.first-difference');
  return {
    score: document.querySelector('#score .value')?.textContent ?? '',
    verdict: document.querySelector('#score .verdict')?.textContent ?? '',
    categories: [...document.querySelectorAll('#categories tr[data-category]')].map((row) => row.getAttribute('data-category')),
    stepRows: document.querySelectorAll('table.steps tbody tr').length,
    firstDifference: firstDifference?.querySelector('td.difference')?.textContent ?? '',
    firstDifferenceVisible: visible(firstDifference),
    orderStates: [...(orderMachine?.querySelectorAll('[data-state]') ?? [])].map((state) => state.getAttribute('data-state')),
    orderArrows: orderMachine?.querySelectorAll('[data-transition]').length ?? 0,
    orderMachineVisible: visible(orderMachine),
    checklistLinks: [...document.querySelectorAll('#checklist a[href^="#"]')].map((link) => link.getAttribute('href')),
  };
})()`;
const SeenSchema = z.object({
  score: z.string(),
  verdict: z.string(),
  categories: z.array(z.string()),
  stepRows: z.number(),
  firstDifference: z.string(),
  firstDifferenceVisible: z.boolean(),
  orderStates: z.array(z.string()),
  orderArrows: z.number(),
  orderMachineVisible: z.boolean(),
  checklistLinks: z.array(z.string()),
});

let run: { status: number | null; output: string };
beforeAll(() => {
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('VITEST') && name !== 'NODE_OPTIONS'));
  const args = ['run', '--profile', 'premerge', '--property', 'ledger-conservation', '--adapter', 'properties/fixtures/adapters/cancel-keeps-locked.ts'];
  args.push('--report', 'text,json,html,junit', '--save-report', out, '--corpus', join(dir, 'corpus'), '--coverage');
  const result = spawnSync(process.execPath, [join(root, 'bin', 'tradeprop.js'), ...args], { cwd: root, encoding: 'utf8', timeout: 180_000, env });
  run = { status: result.status, output: `${result.stdout}${result.stderr}` };
}, 200_000);

describe('tradeprop run --report text,json,html,junit --save-report DIR --coverage against a seeded bug', () => {
  it('exits 1 and writes all four: the JSON valid against the exported schema, the JUnit counts the run', () => {
    expect(run.status, run.output).toBe(1);
    for (const file of ['tradeprop-report.txt', 'tradeprop-report.json', 'tradeprop-report.html', 'tradeprop-junit.xml']) expect(existsSync(join(out, file)), file).toBe(true);
    const validate = new Ajv2020({ allErrors: true }).compile(JSON.parse(readFileSync(join(root, REPORT_JSON_SCHEMA_FILE), 'utf8')) as object);
    const json: unknown = JSON.parse(readFileSync(join(out, 'tradeprop-report.json'), 'utf8'));
    expect(validate(json), JSON.stringify(validate.errors)).toBe(true);
    const junit: unknown = new XMLParser({ ignoreAttributes: false }).parse(readFileSync(join(out, 'tradeprop-junit.xml'), 'utf8'));
    expect(junit).toMatchObject({ testsuites: { '@_tests': '1', '@_failures': '1' } });
    const html = readFileSync(join(out, 'tradeprop-report.html'), 'utf8');
    expect(html).toContain('L1 violated');
    expect(html).toMatch(/written \d{4}-\d\d-\d\dT/);
  });

  it('names the property, the violated invariant, its category and the replay command in every report (acceptance 3)', () => {
    for (const file of ['tradeprop-report.txt', 'tradeprop-report.json', 'tradeprop-report.html', 'tradeprop-junit.xml']) {
      const text = readFileSync(join(out, file), 'utf8');
      for (const expected of ['ledger-conservation', 'L1 violated', 'data integrity', 'tradeprop replay']) expect(text, `${file} names ${expected}`).toContain(expected);
    }
  });

  it('measures line and branch coverage of src/exchange/ and the adapter module, in all four reports', () => {
    const coverageLine = /coverage of src\/exchange\/\*\*\/\*\.ts, properties\/fixtures\/adapters\/cancel-keeps-locked\.ts: lines (\d+\.\d)% \((\d+)\/(\d+)\), branches (\d+\.\d)% \((\d+)\/(\d+)\)/;
    const [, linesPct, linesCovered, linesTotal, , branchesCovered] = coverageLine.exec(readFileSync(join(out, 'tradeprop-report.txt'), 'utf8')) ?? [];
    expect(Number(linesPct)).toBeGreaterThan(20);
    expect(Number(branchesCovered)).toBeGreaterThan(0);
    const json = z.object({ coverage: z.object({ lines: z.object({ covered: z.number(), total: z.number() }), files: z.array(z.object({ file: z.string() })) }) }).parse(JSON.parse(readFileSync(join(out, 'tradeprop-report.json'), 'utf8')));
    expect(json.coverage.lines).toEqual({ covered: Number(linesCovered), total: Number(linesTotal) });
    expect(json.coverage.files.map((file) => file.file)).toEqual(expect.arrayContaining(['src/exchange/retry.ts', 'properties/fixtures/adapters/cancel-keeps-locked.ts']));
    expect(readFileSync(join(out, 'tradeprop-junit.xml'), 'utf8')).toContain(`<property name="coverage lines" value="${linesPct}% (${linesCovered}/${linesTotal})"`);
    expect(readFileSync(join(out, 'tradeprop-report.html'), 'utf8')).toContain(`<strong data-coverage="lines">${linesPct}% (${linesCovered}/${linesTotal})</strong>`);
  });

  it.skipIf(chromium === undefined)('opens in Chromium from file:// with the score, nine categories, the step table and the order machine, and fetches nothing', async () => {
    const url = pathToFileURL(join(out, 'tradeprop-report.html')).href;
    const opened = await openPage(chromium ?? '', url);
    const seen = await opened.read(async (page) => {
      mkdirSync(join(root, 'tradeprop-report'), { recursive: true });
      await page.screenshot({ path: SCREENSHOT, fullPage: true });
      return SeenSchema.parse(await page.evaluate(READ_PAGE));
    });
    expect(seen.score).toMatch(/^\d+\.\d\/100$/);
    expect(seen.verdict).toBe('critical');
    expect(seen.categories).toEqual([...CATEGORIES]);
    expect(seen.stepRows).toBeGreaterThanOrEqual(1);
    expect(seen.firstDifference).toContain('L1 violated');
    expect(seen.firstDifferenceVisible).toBe(true);
    expect(seen.orderStates).toEqual(['new', 'open', 'partially_filled', 'filled', 'canceled', 'expired', 'rejected']);
    expect(seen.orderArrows).toBe(11);
    expect(seen.orderMachineVisible).toBe(true);
    expect(seen.checklistLinks).toContain('#property-ledger-conservation');
    expect(opened.outsideRequests).toEqual([]);
    expect(readFileSync(SCREENSHOT).subarray(1, 4).toString()).toBe('PNG');
    console.info(`html-report.e2e: screenshot saved to ${SCREENSHOT}`);
  }, 60_000);

  it.skipIf(chromium === undefined)('would fail a page that fetches anything, a blocked one included', async () => {
    const page = join(dir, 'fetching.html');
    writeFileSync(page, '<!DOCTYPE html><p>x</p><img src="https://cdn.example/x.png"><link rel="stylesheet" href="http://cdn.example/x.css">');
    const opened = await openPage(chromium ?? '', pathToFileURL(page).href);
    await opened.read(async () => undefined);
    expect(opened.outsideRequests).toEqual(expect.arrayContaining(['https://cdn.example/x.png', 'http://cdn.example/x.css']));
    const guarded = join(dir, 'guarded.html');
    writeFileSync(guarded, `<!DOCTYPE html><meta http-equiv="Content-Security-Policy" content="default-src 'none'"><img src="https://cdn.example/y.png">`);
    const blocked = await openPage(chromium ?? '', pathToFileURL(guarded).href);
    await blocked.read(async () => undefined);
    expect(blocked.outsideRequests.some((request) => request.startsWith('refused by CSP'))).toBe(true);
  }, 60_000);
});
