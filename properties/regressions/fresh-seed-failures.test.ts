import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_MARKETS } from '../../src/domain/market';
import { createAdapter } from '../../src/exchange/reference-adapter';
import { TransitionRecorder } from '../../models/transition-coverage';
import { CancelAllCommand } from '../commands/cancel-all';
import { CancelOrderCommand } from '../commands/cancel-order';
import { ConcurrentCallsCommand } from '../commands/concurrent-calls';
import { ExternalTakerBurstCommand } from '../commands/external-taker-burst';
import { ClockJumpCommand } from '../commands/clock-jump';
import { GET_ORDER, POST_ORDER, ScheduleFaultCommand } from '../commands/fault-command';
import { PlaceLimitCommand } from '../commands/place-limit';
import { ReconcileCommand } from '../commands/reconcile';
import type { TradingCommand } from '../commands/trading-command';
import { exactlyOnceUnderLostResponses } from '../connection-resilience/exactly-once-under-lost-responses';
import { concurrentCallsLinearizable } from '../data-integrity/concurrent-calls-linearizable';
import { requestsLoggedAndCounted } from '../monitoring/requests-logged-and-counted';
import { skewCuredByTimeSync } from '../security/skew-cured-by-time-sync';
import type { TradingPropertyOptions } from '../trading-property';
import { createRun } from '../world';

// Counterexamples fresh seeds found in the reference adapter (issue 10), rebuilt step by step so
// they stay meaningful when the generators change. Each failed before its fix.

const BTC_USDT = DEFAULT_MARKETS[0];
const ETH_USDT_INDEX = DEFAULT_MARKETS.findIndex((market) => market.symbol === 'ETH/USDT');
const ETH_USDT = DEFAULT_MARKETS[ETH_USDT_INDEX];
const deposits = [
  { asset: 'USDT', amount: '100000' },
  { asset: 'BTC', amount: '2' },
  { asset: 'ETH', amount: '50' },
];

/** Runs `steps` in order on a fresh world with `property`'s checks; resolves when every step held. */
async function runSteps(property: TradingPropertyOptions, steps: readonly TradingCommand[]): Promise<string[]> {
  const { model, world } = await createRun({ seed: 1, deposits }, createAdapter, property.checks, new TransitionRecorder(), { captureLogs: property.captureLogs, interleaved: property.interleaved });
  try {
    await fc.asyncModelRun(() => ({ model, real: world }), steps);
  } finally {
    await world.adapter.close();
  }
  return world.trace.map((row) => row.command);
}

const failNextOrderQuery = (): ScheduleFaultCommand => new ScheduleFaultCommand('failNextOrderQuery(reset)', { kind: 'connection_reset' }, GET_ORDER);

describe('fresh-seed failures of the reference, fixed', () => {
  it('lookups that open the breaker neither block a later cancel nor fail a reconcile the breaker refuses (seed 7)', async () => {
    if (BTC_USDT === undefined) throw new RangeError('no BTC/USDT market');
    const steps = [
      failNextOrderQuery(),
      failNextOrderQuery(),
      failNextOrderQuery(),
      new ScheduleFaultCommand('losePlacementResponse()', { kind: 'response_lost' }, POST_ORDER),
      failNextOrderQuery(),
      new PlaceLimitCommand(BTC_USDT, 'buy', '30000.001', '0.000171'),
      new ReconcileCommand(),
      new PlaceLimitCommand(BTC_USDT, 'buy', '29000', '0.001'),
      new CancelOrderCommand(0),
    ];
    await expect(runSteps(exactlyOnceUnderLostResponses, steps)).resolves.toHaveLength(steps.length);
  });

  it.each(['request', 'response'] as const)('a 3 s delay on each %s, then a +12 s venue clock jump: time sync keeps timestamps inside the window', async (phase) => {
    const steps = [new ScheduleFaultCommand(`delay(3000ms on each ${phase} for 5000ms)`, { kind: 'delay', ms: 3_000, phase }, {}, 5_000), new ClockJumpCommand(12_000)];
    await expect(runSteps(skewCuredByTimeSync, steps)).resolves.toHaveLength(steps.length);
  });

  it.each([
    ['cancelAll', (): TradingCommand => new CancelAllCommand(BTC_USDT ?? 0)],
    ['cancel', (): TradingCommand => new CancelOrderCommand(0)],
  ])('a %s whose answer shows unseen fills reads them through an open breaker (seed 1407707336)', async (_name, cancel) => {
    if (BTC_USDT === undefined) throw new RangeError('no BTC/USDT market');
    const steps = [
      new PlaceLimitCommand(BTC_USDT, 'buy', '29000', '0.01'),
      // Fills the adapter does not hear of: only the cancel's answer will show them.
      new ExternalTakerBurstCommand(0, 2, '0.25'),
      failNextOrderQuery(),
      failNextOrderQuery(),
      failNextOrderQuery(),
      failNextOrderQuery(),
      new ScheduleFaultCommand('placementServerError(500, not applied)', { kind: 'server_error', status: 500, applied: false, internalError: false }, POST_ORDER),
      // Its lookups fail: with the 500, five failures in a row open the breaker.
      new PlaceLimitCommand(BTC_USDT, 'buy', '29000', '0.001'),
      cancel(),
    ];
    await expect(runSteps(requestsLoggedAndCounted, steps)).resolves.toHaveLength(steps.length);
  });

  // Seed 65535 (X1): a verifier bug. The O4 check took any 'failed for good' answer to an intent
  // the venue holds as a lost order, even one answered before the order existed.
  it('a caller refused for want of funds before a cancel freed them, then another caller placing the same intent, is one order (seed 65535)', async () => {
    if (ETH_USDT === undefined) throw new RangeError('no ETH/USDT market');
    const steps = [
      new PlaceLimitCommand(ETH_USDT, 'sell', '2000', '50'),
      // The retry starts at once and is refused (all ETH reserved); the cancel frees the ETH; the first place starts 9 ms later.
      new ConcurrentCallsCommand(
        [
          { kind: 'place', market: ETH_USDT_INDEX, side: 'sell', ticksAway: 0, extraSteps: 0 },
          { kind: 'place-again', slot: 0 },
          { kind: 'cancel', target: { kind: 'earlier', index: 0, openOnly: true } },
        ],
        [9, 0, 0, 0],
        [],
      ),
    ];
    await expect(runSteps(concurrentCallsLinearizable, steps)).resolves.toEqual([
      'place(ETH/USDT sell 50 @ 2000)',
      'concurrently(place(tp-2 ETH/USDT sell 0.0025 @ 2000.01) +9ms | again place(tp-2 ETH/USDT sell 0.0025 @ 2000.01) | cancel(tp-1) ; latencies none)',
    ]);
  });
});
