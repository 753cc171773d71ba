import { pathToFileURL } from 'node:url';
import path from 'node:path';
import { TransitionRecorder } from '../../models/transition-coverage';
import { tradingProperty, type TradingPropertyOptions } from '../../properties/trading-property';
import { createAdapter } from '../../src/exchange/reference-adapter';
import { PropertyChecker } from '../../src/verifier/harness';
import { COVERAGE_BATCHES } from '../../src/verifier/run-property';
import { DEFAULT_RUNS } from '../../src/verifier/settings';

/**
 * How often one run reaches each transition a property claims, and from that the chance that a
 * premerge batch, and the batches the coverage top-up adds, never reach it: the evidence that a
 * claim is reached by design, not by luck.
 *
 *   npx tsx bench/tools/claim-reach.ts RUNS SEED properties/data-integrity/order-state-consistency.ts ...
 */
const [runsText = '300', seedText = '12345', ...files] = process.argv.slice(2);
const runs = Number(runsText);
const batch = DEFAULT_RUNS.premerge;
for (const file of files) {
  const exports: Record<string, unknown> = await import(pathToFileURL(path.resolve(file)).href);
  const options = Object.values(exports).find((value): value is TradingPropertyOptions => typeof value === 'object' && value !== null && 'claims' in value && 'checks' in value);
  if (options === undefined) continue;
  const base = tradingProperty(options);
  const reached = new Map<string, number>();
  let total = 0;
  const checker = new PropertyChecker(
    {
      ...base,
      start: async (setup, context) => {
        const own = new TransitionRecorder();
        const run = await base.start(setup, { ...context, coverage: own });
        return {
          ...run,
          close: async () => {
            total += 1;
            for (const claim of base.claims) if ((own.taken().get(claim) ?? 0) > 0) reached.set(claim, (reached.get(claim) ?? 0) + 1);
            await run.close();
          },
        };
      },
    },
    createAdapter,
  );
  const outcome = await checker.check(Number(seedText), runs);
  console.log(`${options.name}: ${total} runs${outcome.failure === undefined ? '' : `, FAILED: ${outcome.failure.message.split('\n')[0] ?? ''}`}`);
  for (const claim of base.claims) {
    const perRun = (reached.get(claim) ?? 0) / total;
    const missOne = (1 - perRun) ** batch;
    const missAll = (1 - perRun) ** (batch * (1 + COVERAGE_BATCHES));
    console.log(`  ${(100 * perRun).toFixed(1).padStart(5)}% of runs; P(miss ${batch} runs) ${missOne.toExponential(1)}; P(miss with top-up) ${missAll.toExponential(1)}  ${claim}`);
  }
}
