import fc from 'fast-check';
import { InvariantViolationError, TradepropError } from '../../src/domain/errors';
import type { TradingModel } from '../../models/trading-model';
import type { TradingWorld } from '../world';
import { absorbVenueEvents } from './absorb-venue-events';
import { assertInvariantsHold, fetchBalancesThroughFault } from './fetch-balances-through-fault';
import { DEFAULT_ADAPTER_SETTINGS } from './default-adapter-settings';
import { TradingCommand, describeFailure } from './trading-command';

const BREAKER = DEFAULT_ADAPTER_SETTINGS.breaker;

/** How often the trading system asks again during the window: a poll loop's period. */
const POLL_MS = 5_000;

/**
 * A maintenance window: for `durationMs` the gateway answers every request 503, nothing reaches
 * the venue. The trading system keeps asking for its balances every few seconds: each call fails,
 * first as a retryable venue error, then refused by the open breaker without a request (C2, and
 * the replayed breaker of the property's checks). After the window and the breaker's open window,
 * a call must succeed: the breaker let its probe through and closed (C2). Nothing changes at the
 * venue, so the model stays where it was; the window is over when the step ends.
 */
export class MaintenanceWindowCommand extends TradingCommand {
  constructor(private readonly durationMs: number) {
    super();
  }

  // Always: the venue goes down whenever it does.
  check(): boolean {
    return true;
  }

  protected async apply(model: TradingModel, world: TradingWorld): Promise<void> {
    const until = world.clock.now() + this.durationMs;
    const id = world.venue.nemesis.schedule({ kind: 'maintenance' }, { until });
    try {
      while (world.clock.now() < until) {
        const outcome = await world.drive(world.adapter.fetchBalances()).then(
          () => ({ failed: false as const }),
          (error: unknown) => ({ failed: true as const, error }),
        );
        absorbVenueEvents(model, world);
        assertInvariantsHold(model, world);
        // Retries may outlast a short window: success is then no surprise.
        if (outcome.failed && world.clock.now() < until) assertOutageFailure(outcome.error);
        const wait = Math.min(POLL_MS, until - world.clock.now());
        if (wait > 0) await world.clock.advance(wait);
      }
    } finally {
      world.venue.nemesis.unschedule(id);
    }
    await world.clock.advance(BREAKER.openMs);
    await fetchBalancesThroughFault(model, world, 'C2', `a fetchBalances ${BREAKER.openMs} ms (the breaker's open window) after a ${this.durationMs} ms maintenance window`);
  }

  toString(): string {
    return `maintenanceWindow(${this.durationMs}ms)`;
  }
}

/** Under maintenance a call fails as a venue failure worth retrying, or the open breaker refuses it. */
function assertOutageFailure(error: unknown): void {
  if (error instanceof TradepropError && (error.retryable || error.code === 'CIRCUIT_OPEN')) return;
  throw new InvariantViolationError('C2', `a fetchBalances during maintenance failed with ${describeFailure(error)}, neither a retryable venue failure nor CIRCUIT_OPEN`);
}

/** Shorter and longer than the breaker's open window, so probes fail inside the window too. */
export const maintenanceWindowArbitrary = fc.constantFrom(3_000, 20_000, 45_000, 90_000).map((durationMs) => new MaintenanceWindowCommand(durationMs));
