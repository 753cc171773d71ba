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
    running: totals.running.length === 0 ? '-' : totals.running.join(', '),
  });
  // A failure is said when it is found; its counterexample (shrunk) comes with the report.
  const announce = (totals: ProgressTotals): void => {
    for (const property of totals.newlyFailed) stream.write(`\nFAIL ${property}: found a counterexample; shrinking it, the report follows at the end\n`);
  };

  if (stream.isTTY) {
    const bar = new cliProgress.SingleBar(
      {
        stream,
        hideCursor: true,
        format: 'tradeprop {bar} {value}/{total}s | runs {runs} | {rate} commands/s | failures {failures} | running {running}',
      },
      cliProgress.Presets.shades_classic,
    );
    bar.start(budgetSeconds, 0, payloadOf(reader.poll(), 0));
    const timer = setInterval(() => {
      const elapsedMs = Date.now() - startedAt;
      const totals = reader.poll();
      announce(totals);
      bar.update(Math.min(budgetSeconds, Math.round(elapsedMs / 1000)), payloadOf(totals, elapsedMs));
    }, POLL_INTERVAL_MS);
    timer.unref();
    return {
      stop() {
        clearInterval(timer);
        bar.stop();
      },
    };
  }

  let lastLineAt = startedAt;
  const timer = setInterval(() => {
    const now = Date.now();
    const totals = reader.poll();
    announce(totals);
    if (now - lastLineAt < PLAIN_LINE_INTERVAL_MS) return;
    lastLineAt = now;
    const { runs, rate, failures, running } = payloadOf(totals, now - startedAt);
    stream.write(`progress: ${Math.round((now - startedAt) / 1000)}/${budgetSeconds}s, runs ${runs}, ${rate} commands/s, failures ${failures}, running ${running}\n`);
  }, POLL_INTERVAL_MS);
  timer.unref();
  return {
    stop() {
      clearInterval(timer);
    },
  };
}
