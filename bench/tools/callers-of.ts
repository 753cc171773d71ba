/** Who spends the self time of files matching PATTERN: `npx tsx bench/tools/callers-of.ts FILE PATTERN [skip-pattern]` (the first caller frame outside both). */
import { readFileSync } from 'node:fs';

interface ProfileNode { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] }
interface Profile { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] }

const [file, patternText, skipText] = process.argv.slice(2);
if (file === undefined || patternText === undefined) throw new Error('usage: callers-of FILE PATTERN [SKIP]');
const pattern = new RegExp(patternText);
const skip = skipText === undefined ? pattern : new RegExp(`${patternText}|${skipText}`);
const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
const byId = new Map(profile.nodes.map((node) => [node.id, node]));
const parentOf = new Map<number, number>();
for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node.id);
const total = profile.timeDeltas.reduce((a, b) => a + b, 0);
const callers = new Map<string, number>();
let matched = 0;
profile.samples.forEach((id, index) => {
  const node = byId.get(id);
  if (node === undefined || !pattern.test(node.callFrame.url)) return;
  const delta = profile.timeDeltas[index] ?? 0;
  matched += delta;
  let current = parentOf.get(id);
  while (current !== undefined) {
    const frame = byId.get(current);
    if (frame === undefined) break;
    if (!skip.test(frame.callFrame.url) && frame.callFrame.url !== '') {
      const key = `${frame.callFrame.functionName || '(anon)'} ${frame.callFrame.url.replace(/^file:\/\/\/work\/main\//, '')}:${frame.callFrame.lineNumber + 1}`;
      callers.set(key, (callers.get(key) ?? 0) + delta);
      return;
    }
    current = parentOf.get(current);
  }
});
console.log(`${((100 * matched) / total).toFixed(1)}% of samples in ${patternText}; by first caller outside:`);
for (const [key, value] of [...callers].sort((a, b) => b[1] - a[1]).slice(0, 30)) console.log(`${((100 * value) / matched).toFixed(1).padStart(5)}%  ${key}`);
