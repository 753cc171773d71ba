/**
 * A reader for the Prometheus text exposition format (version 0.0.4), enough to check counters:
 * `name{label="value",...} number [timestamp]` per sample line, `#` lines skipped. prom-client
 * writes this format but ships no parser; label values may hold escaped `\\`, `\"` and `\n`.
 */
export interface PrometheusSample {
  name: string;
  labels: Readonly<Record<string, string>>;
  /** As written ("3", "NaN", "+Inf"). */
  value: string;
}

const SAMPLE_START = /^([a-zA-Z_:][a-zA-Z0-9_:]*)/;
const LABEL = /^\s*([a-zA-Z_][a-zA-Z0-9_]*)\s*=\s*"((?:[^"\\]|\\.)*)"\s*(,)?/;

export class PrometheusTextError extends Error {
  constructor(readonly line: number, problem: string) {
    super(`Prometheus text line ${line}: ${problem}`);
    this.name = 'PrometheusTextError';
  }
}

export function parsePrometheusText(text: string): PrometheusSample[] {
  const samples: PrometheusSample[] = [];
  text.split('\n').forEach((raw, index) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const name = SAMPLE_START.exec(line)?.[1];
    if (name === undefined) throw new PrometheusTextError(index + 1, 'no metric name');
    let rest = line.slice(name.length);
    const labels: Record<string, string> = {};
    if (rest.startsWith('{')) {
      rest = rest.slice(1);
      while (!rest.trimStart().startsWith('}')) {
        const label = LABEL.exec(rest);
        if (label === null || label[1] === undefined || label[2] === undefined) throw new PrometheusTextError(index + 1, 'malformed label set');
        labels[label[1]] = unescapeLabelValue(label[2]);
        rest = rest.slice(label[0].length);
        if (label[3] === undefined && !rest.trimStart().startsWith('}')) throw new PrometheusTextError(index + 1, 'labels must be separated by commas');
      }
      rest = rest.trimStart().slice(1);
    }
    const value = rest.trim().split(/\s+/)[0];
    if (value === undefined || value === '') throw new PrometheusTextError(index + 1, 'no value');
    samples.push({ name, labels, value });
  });
  return samples;
}

function unescapeLabelValue(escaped: string): string {
  return escaped.replace(/\\(.)/g, (_match, char: string) => (char === 'n' ? '\n' : char));
}
