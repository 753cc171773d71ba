import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** Where real time and randomness may be read: the injected clock and the CLI edge only. */
const ALLOWED = ['src/clock/', 'src/cli/'];
const FORBIDDEN = [/\bDate\.now\(/, /\bMath\.random\(/, /\bnew Date\(\s*\)/, /\bsetTimeout\(/, /\bsetInterval\(/, /\bsetImmediate\(/, /\bperformance\.now\(/, /\bprocess\.hrtime\b/];

function sourceFiles(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir)).flatMap((name) => {
    const relative = path.posix.join(dir, name);
    if (statSync(path.join(ROOT, relative)).isDirectory()) return sourceFiles(relative);
    return relative.endsWith('.ts') && !relative.endsWith('.test.ts') ? [relative] : [];
  });
}

describe('one seed reproduces everything', () => {
  const files = ['src', 'models', 'properties'].flatMap(sourceFiles);

  it('finds the sources it guards', () => {
    expect(files).toContain('src/venue/venue.ts');
    expect(files).toContain('models/order-machine.ts');
    expect(files).toContain('properties/world.ts');
  });

  it('reads no wall clock, global randomness or real timer outside src/clock and src/cli', () => {
    const offences = files
      .filter((file) => !ALLOWED.some((prefix) => file.startsWith(prefix)))
      .flatMap((file) =>
        readFileSync(path.join(ROOT, file), 'utf8')
          .split('\n')
          .flatMap((line, index) => (FORBIDDEN.some((pattern) => pattern.test(line)) ? [`${file}:${index + 1}: ${line.trim()}`] : [])),
      );
    expect(offences).toEqual([]);
  });

  it('would catch an offence', () => {
    expect(FORBIDDEN.some((pattern) => pattern.test('const t = Date.now();'))).toBe(true);
    expect(FORBIDDEN.some((pattern) => pattern.test('await new Promise((r) => setTimeout(r, 5));'))).toBe(true);
  });
});
