import fc from 'fast-check';
import { InvariantViolationError } from '../../src/domain/errors';
import type { TradingModel } from '../../models/trading-model';
import { balancesDifference } from '../invariants/compare-views';
import { reconciledViewMatchesVenue } from '../invariants/exactly-once';
import { TRADER, type TradingWorld } from '../world';
import { absorbVenueEvents } from './absorb-venue-events';
import { DEFAULT_ADAPTER_SETTINGS } from './default-adapter-settings';
import { TradingCommand, expectSuccess } from './trading-command';

/**
 * The heal period and the reconcile after a fault schedule (C1): every fault is dropped, the
 * clock moves past the end of every window and past the breaker's open window (so a breaker left
 * open may probe), then the adapter reconciles. It must succeed, and its orders and balances must
 * then equal the venue's; the property's checks compare them with the model's too.
 */
export class HealAndReconcileCommand extends TradingCommand {
  // Always: healing with nothing broken must change nothing.
  check(): boolean {
    return true;
  }

  protected async apply(model: TradingModel, world: TradingWorld): Promise<void> {
    const now = world.clock.now();
    const windowsEnd = Math.max(now, ...world.venue.nemesis.scheduled().map((entry) => entry.until ?? now));
    world.venue.nemesis.heal();
    await world.clock.advance(windowsEnd - now + DEFAULT_ADAPTER_SETTINGS.breaker.openMs);
    world.reconciledAtStep = world.trace.length + 1;
    await expectSuccess(world.drive(world.adapter.reconcile()), 'C1', 'reconcile after the heal period');
    absorbVenueEvents(model, world);
    model.syncAll();
    const orders = reconciledViewMatchesVenue.check(model, world);
    if (orders !== undefined) throw new InvariantViolationError('C1', orders);
    const balances = balancesDifference(world.adapter.balances(), world.venue.control.balances(TRADER), 'adapter', 'venue');
    if (balances !== undefined) throw new InvariantViolationError('C1', `after the heal period and a reconcile ${balances}`);
  }

  toString(): string {
    return 'healAndReconcile()';
  }
}

export const healAndReconcileArbitrary = fc.constant(null).map(() => new HealAndReconcileCommand());
