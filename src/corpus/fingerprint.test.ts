import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { modelFingerprint, projectRoot, tradepropVersion } from './fingerprint';

const roots: string[] = [];
afterEach(() => {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
});

function projectWith(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'tradeprop-fingerprint-'));
  roots.push(root);
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  return root;
}

const sources = {
  'models/order-machine.ts': 'export const machine = 1;\n',
  'properties/commands/place-limit.ts': 'export const place = 2;\n',
};

describe('the model fingerprint', () => {
  it('is a sha256 hex digest that depends only on the sources, not on where the project lies', () => {
    const digest = modelFingerprint(projectWith(sources));
    expect(digest).toMatch(/^[0-9a-f]{64}$/);
    expect(modelFingerprint(projectWith(sources))).toBe(digest);
  });

  it('changes when a model or a command changes', () => {
    const base = modelFingerprint(projectWith(sources));
    expect(modelFingerprint(projectWith({ ...sources, 'models/order-machine.ts': 'export const machine = 3;\n' }))).not.toBe(base);
    expect(modelFingerprint(projectWith({ ...sources, 'properties/commands/cancel.ts': 'x' }))).not.toBe(base);
  });

  it('ignores model tests and files outside the models and commands', () => {
    const base = modelFingerprint(projectWith(sources));
    const withOthers = projectWith({
      ...sources,
      'models/order-machine.test.ts': 'test',
      'properties/data-integrity/x.prop.ts': 'prop',
      'models/notes.md': 'notes',
    });
    expect(modelFingerprint(withOthers)).toBe(base);
  });

  it('is stable for this project within a process', () => {
    expect(modelFingerprint(projectRoot())).toBe(modelFingerprint(projectRoot()));
  });

  it('finds the project root and its version', () => {
    expect(tradepropVersion(projectRoot())).toMatch(/^\d+\.\d+\.\d+/);
  });
});
