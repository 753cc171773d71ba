/** Self time of a .cpuprofile by function and by file: `npx tsx bench/tools/summarize-profile.ts FILE [top]`. */
import { readFileSync } from 'node:fs';

interface ProfileNode { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] }
interface Profile { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] }

const [file, topText] = process.argv.slice(2);
if (file === undefined) throw new Error('usage: summarize-profile FILE [top]');
const top = Number(topText ?? 40);
const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
const byId = new Map(profile.nodes.map((node) => [node.id, node]));
const selfByNode = new Map<number, number>();
profile.samples.forEach((id, index) => selfByNode.set(id, (selfByNode.get(id) ?? 0) + (profile.timeDeltas[index] ?? 0)));
const total = [...selfByNode.values()].reduce((a, b) => a + b, 0);
const shortUrl = (url: string): string => url.replace(/^file:\/\/.*?\/node_modules\//, 'nm:').replace(/^file:\/\/\/work\/main\//, '');
const byFunction = new Map<string, number>();
const byFile = new Map<string, number>();
const byArea = new Map<string, number>();
for (const [id, self] of selfByNode) {
  const node = byId.get(id);
  if (node === undefined) continue;
  const url = shortUrl(node.callFrame.url);
  const key = `${node.callFrame.functionName || '(anon)'} ${url}:${node.callFrame.lineNumber + 1}`;
  byFunction.set(key, (byFunction.get(key) ?? 0) + self);
  byFile.set(url || node.callFrame.functionName, (byFile.get(url || node.callFrame.functionName) ?? 0) + self);
  const area = url.startsWith('nm:ccxt') ? 'ccxt' : url.startsWith('nm:') ? url.split('/')[0] + '/' + (url.split('/')[1] ?? '') : url.startsWith('src/') ? url.split('/').slice(0, 3).join('/') : url === '' ? node.callFrame.functionName : 'node:' + url.slice(0, 30);
  byArea.set(area, (byArea.get(area) ?? 0) + self);
}
const print = (title: string, map: Map<string, number>, n: number) => {
  console.log(`\n== ${title} (total ${(total / 1000).toFixed(0)} ms)`);
  for (const [key, value] of [...map].sort((a, b) => b[1] - a[1]).slice(0, n)) console.log(`${((100 * value) / total).toFixed(1).padStart(5)}%  ${key}`);
};
print('by area', byArea, 25);
print('by file', byFile, 30);
print('by function', byFunction, top);

// Inclusive time by function (a function's own samples plus everything it called; recursion
// counted once per stack), for the functions of src/ and the transport's callers.
const parentOf = new Map<number, number>();
for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node.id);
const inclusive = new Map<string, number>();
for (const [id, self] of selfByNode) {
  const seen = new Set<string>();
  for (let current: number | undefined = id; current !== undefined; current = parentOf.get(current)) {
    const node = byId.get(current);
    if (node === undefined) break;
    const url = shortUrl(node.callFrame.url);
    if (!url.startsWith('src/')) continue;
    const key = `${node.callFrame.functionName || '(anon)'} ${url}`;
    if (seen.has(key)) continue;
    seen.add(key);
    inclusive.set(key, (inclusive.get(key) ?? 0) + self);
  }
}
print('inclusive, src/ functions', inclusive, top);
