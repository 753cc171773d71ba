import fc from 'fast-check';
import type { TradingModel } from '../../models/trading-model';
import type { TradingWorld } from '../world';
import { absorbVenueEvents } from './absorb-venue-events';
import { TradingCommand } from './trading-command';

/**
 * The heal period: every scheduled fault is dropped and the clock moves past the end of every
 * window that was still holding, so the next steps meet a faithful venue.
 */
export class HealFaultsCommand extends TradingCommand {
  // Always: healing with nothing broken must change nothing.
  check(): boolean {
    return true;
  }

  protected async apply(model: TradingModel, world: TradingWorld): Promise<void> {
    const now = world.clock.now();
    const end = Math.max(now, ...world.venue.nemesis.scheduled().map((entry) => entry.until ?? now));
    world.venue.nemesis.heal();
    if (end > now) await world.clock.advance(end - now);
    absorbVenueEvents(model, world);
  }

  toString(): string {
    return 'healFaults()';
  }
}

export const healFaultsArbitrary = fc.constant(null).map(() => new HealFaultsCommand());
