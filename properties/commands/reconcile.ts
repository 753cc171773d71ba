import fc from 'fast-check';
import { InvariantViolationError } from '../../src/domain/errors';
import type { TradingModel } from '../../models/trading-model';
import type { TradingWorld } from '../world';
import { absorbVenueEvents } from './absorb-venue-events';
import { TradingCommand, expectSuccessUnlessBreakerOpen } from './trading-command';

/**
 * Reconciles: every order and the ledger catch up with the venue, and the local ledger must
 * not have drifted before that (L1): a correct adapter's incremental ledger is already exact.
 */
export class ReconcileCommand extends TradingCommand {
  // Always: reconciling an account that is in sync must change nothing.
  check(): boolean {
    return true;
  }

  protected async apply(model: TradingModel, world: TradingWorld): Promise<void> {
    const report = await expectSuccessUnlessBreakerOpen(world, () => world.adapter.reconcile(), 'O3', 'reconcile');
    if (report === undefined) {
      absorbVenueEvents(model, world);
      return;
    }
    world.reconciledAtStep = world.trace.length + 1;
    absorbVenueEvents(model, world);
    model.syncAll();
    const drift = report.drift[0];
    if (drift !== undefined) {
      throw new InvariantViolationError('L1', `reconcile found drift: ${drift.asset} ${drift.field} local ${drift.local}, venue ${drift.venue}`);
    }
  }

  toString(): string {
    return 'reconcile()';
  }
}

export const reconcileArbitrary = fc.constant(null).map(() => new ReconcileCommand());
