import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../corpus/fingerprint';
import { startVenue } from './testing/start-venue';

/**
 * The README's ccxt.pro snippet works as printed: saved as `watch-orders.mjs`, run with `node` from
 * the project directory against `tradeprop venue --port 0`, it prints exactly the output the README
 * shows under it and exits 0.
 */
const root = projectRoot();
const MARKER = '`watch-orders.mjs`';

interface FencedBlock {
  info: string;
  body: string;
}

/** The fenced blocks after the first line that mentions `marker`, in order. */
function fencedBlocksAfter(markdown: string, marker: string): FencedBlock[] {
  const lines = markdown.split('\n');
  const start = lines.findIndex((line) => line.includes(marker));
  if (start === -1) return [];
  const blocks: FencedBlock[] = [];
  let open: { info: string; body: string[] } | undefined;
  for (const line of lines.slice(start + 1)) {
    if (open === undefined) {
      const fence = /^```(\S*)\s*$/.exec(line);
      if (fence !== null) open = { info: fence[1] ?? '', body: [] };
    } else if (line.trimEnd() === '```') {
      blocks.push({ info: open.info, body: open.body.join('\n') });
      open = undefined;
    } else {
      open.body.push(line);
    }
  }
  return blocks;
}

/** The README's snippet and the output printed under it; throws naming what is missing. */
function readmeSnippet(): { code: string; expectedOutput: string } {
  const [code, output] = fencedBlocksAfter(readFileSync(join(root, 'README.md'), 'utf8'), MARKER);
  if (code?.info !== 'js' || output?.info !== 'text') {
    throw new Error(`README.md: expected a \`\`\`js block and then a \`\`\`text block after the first line mentioning ${MARKER}`);
  }
  return { code: code.body, expectedOutput: output.body };
}

/** Runs `node file` from the project directory, as the README tells the user to. */
function runNode(file: string, env: Record<string, string>): Promise<{ exitCode: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [file], { cwd: root, env: { ...process.env, ...env }, timeout: 20_000 });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => child.once('close', (exitCode) => resolve({ exitCode, stdout, stderr })));
}

describe('the README ccxt.pro watchOrders snippet', () => {
  // Inside the project so `ccxt` resolves from its node_modules; under node_modules so git never sees it.
  const cache = join(root, 'node_modules', '.cache');
  mkdirSync(cache, { recursive: true });
  const dir = mkdtempSync(join(cache, 'readme-watch-orders-'));
  let venue: Awaited<ReturnType<typeof startVenue>> | undefined;

  beforeAll(async () => {
    venue = await startVenue(['--port', '0']);
  }, 20_000);
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    if (venue === undefined || venue.child.exitCode !== null) return;
    const exited = new Promise((resolve) => venue?.child.once('exit', resolve));
    venue.child.kill('SIGTERM');
    await exited;
  });

  it('prints, against `tradeprop venue`, exactly the output the README shows, and exits 0', async () => {
    const { code, expectedOutput } = readmeSnippet();
    const file = join(dir, 'watch-orders.mjs');
    writeFileSync(file, `${code}\n`);
    const fields = venue?.fields ?? {};
    const result = await runNode(file, { BASE: fields['base URL'] ?? '', KEY: fields['API key'] ?? '', SECRET: fields.secret ?? '' });
    expect({ exitCode: result.exitCode, stdout: result.stdout }, `the snippet's stderr: ${result.stderr || '(empty)'}`).toEqual({ exitCode: 0, stdout: `${expectedOutput}\n` });
  }, 30_000);
});
