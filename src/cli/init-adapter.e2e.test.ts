import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../corpus/fingerprint';

/**
 * `tradeprop init-adapter` (issue 11): the module it writes compiles under the project's strict
 * settings and passes the whole premerge profile unchanged, as the README's first step promises.
 */
const root = projectRoot();
// Inside the project, where a user's adapter would live (and where its relative imports point).
const dir = mkdtempSync(join(root, '.tradeprop-init-adapter-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function childEnvironment(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('VITEST') && name !== 'NODE_OPTIONS'));
}

function run(command: string, args: string[]) {
  const result = spawnSync(command, args, { cwd: root, encoding: 'utf8', timeout: 240_000, env: childEnvironment() });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

describe('tradeprop init-adapter', () => {
  it('writes a module that compiles, passes the premerge profile unchanged, and is never overwritten', () => {
    const file = relative(root, join(dir, 'my-adapter.ts'));
    const tradeprop = join(root, 'bin', 'tradeprop.js');
    const init = run(process.execPath, [tradeprop, 'init-adapter', file]);
    expect(init.status).toBe(0);
    expect(init.output).toContain(`npx tradeprop run --adapter ${file}`);
    const written = readFileSync(join(root, file), 'utf8');

    writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ extends: '../tsconfig.json', include: ['my-adapter.ts'] }));
    const compiled = run(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '--noEmit', '-p', join(dir, 'tsconfig.json')]);
    expect(compiled.output).toBe('');
    expect(compiled.status).toBe(0);

    const premerge = run(process.execPath, [tradeprop, 'run', '--profile', 'premerge', '--adapter', file, '--corpus', join(dir, 'corpus')]);
    expect(premerge.output).toContain(`adapter ${file}`);
    expect(premerge.output).toMatch(/ready \((\d+)\/\1 properties passed/);
    expect(premerge.status).toBe(0);

    const again = run(process.execPath, [tradeprop, 'init-adapter', file]);
    expect(again.status).toBe(2);
    expect(again.output).toMatch(/exists already; it is never overwritten/);
    expect(readFileSync(join(root, file), 'utf8')).toBe(written);
  }, 300_000);
});
