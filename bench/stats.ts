/** Summary of repeated measurements of one rate. */
export interface Spread {
  min: number;
  median: number;
  max: number;
  samples: number[];
}

export function spreadOf(samples: readonly number[]): Spread {
  if (samples.length === 0) throw new RangeError('spreadOf needs at least one sample');
  const sorted = [...samples].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const lower = sorted[middle - 1];
  const upper = sorted[middle];
  const first = sorted[0];
  const last = sorted[sorted.length - 1];
  if (upper === undefined || first === undefined || last === undefined) throw new RangeError('unreachable: empty sorted samples');
  const median = sorted.length % 2 === 1 || lower === undefined ? upper : (lower + upper) / 2;
  return { min: first, median, max: last, samples: [...samples] };
}

export interface Timed<T> {
  value: T;
  /** Wall seconds, on the monotonic high-resolution clock. */
  seconds: number;
  /** CPU seconds (user + system) this process spent meanwhile: less sensitive to a busy machine. */
  cpuSeconds: number;
}

export async function timed<T>(work: () => Promise<T>): Promise<Timed<T>> {
  const cpuStart = process.cpuUsage();
  const start = process.hrtime.bigint();
  const value = await work();
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const cpu = process.cpuUsage(cpuStart);
  return { value, seconds, cpuSeconds: (cpu.user + cpu.system) / 1e6 };
}
