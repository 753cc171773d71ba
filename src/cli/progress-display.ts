import cliProgress from 'cli-progress';
import { ProgressReader, type ProgressTotals } from '../verifier/progress';

/**
 * The live display of an extended run, fed by the workers' progress file. On a terminal: a
 * cli-progress bar over the time budget with runs, commands per second and failures. Anywhere
 * else (CI logs): one plain line every PLAIN_LINE_INTERVAL_MS, which keeps logs readable.
 * Everything goes to stderr, so stdout stays the report.
 */
const POLL_INTERVAL_MS = 500;
const PLAIN_LINE_INTERVAL_MS = 10_000;

export interface LiveProgress {
  stop(): void;
}

export function startLiveProgress(options: {
  progressFile: string;
  budgetMs: number;
  stream?: NodeJS.WriteStream;
}): LiveProgress {
  const stream = options.stream ?? process.stderr;
  const reader = new ProgressReader(options.progressFile);
  // The CLI is the edge allowed to read real time; the workers never do.
  const startedAt = Date.now();
  const budgetSeconds = Math.max(1, Math.round(options.budgetMs / 1000));
  const payloadOf = (totals: ProgressTotals, elapsedMs: number) => ({
    runs: totals.runs,
    rate: elapsedMs > 0 ? Math.round((totals.commands * 1000) / elapsedMs) : 0,
    failures: totals.failures,
  });

  if (stream.isTTY) {
    const bar = new cliProgress.SingleBar(
      {
        stream,
        hideCursor: true,
        format: 'tradeprop {bar} {value}/{total}s | runs {runs} | {rate} commands/s | failures {failures}',
      },
      cliProgress.Presets.shades_classic,
    );
    bar.start(budgetSeconds, 0, payloadOf(reader.poll(), 0));
    const timer = setInterval(() => {
      const elapsedMs = Date.now() - startedAt;
      bar.update(Math.min(budgetSeconds, Math.round(elapsedMs / 1000)), payloadOf(reader.poll(), elapsedMs));
    }, POLL_INTERVAL_MS);
    timer.unref();
    return {
      stop() {
        clearInterval(timer);
        bar.stop();
      },
    };
  }

  const timer = setInterval(() => {
    const elapsedMs = Date.now() - startedAt;
    const { runs, rate, failures } = payloadOf(reader.poll(), elapsedMs);
    stream.write(
      `progress: ${Math.round(elapsedMs / 1000)}/${budgetSeconds}s, runs ${runs}, ${rate} commands/s, failures ${failures}\n`,
    );
  }, PLAIN_LINE_INTERVAL_MS);
  timer.unref();
  return {
    stop() {
      clearInterval(timer);
    },
  };
}
