import fc from 'fast-check';
import type { TradingModel } from '../../models/trading-model';
import type { TradingWorld } from '../world';
import { absorbVenueEvents } from './absorb-venue-events';
import { TradingCommand } from './trading-command';

/** Lets virtual time pass: nothing may change but what timers were waiting for. */
export class AdvanceClockCommand extends TradingCommand {
  constructor(private readonly ms: number) {
    super();
  }

  // Always: time passing is what any caller lives through.
  check(): boolean {
    return true;
  }

  protected async apply(model: TradingModel, world: TradingWorld): Promise<void> {
    await world.clock.advance(this.ms);
    absorbVenueEvents(model, world);
  }

  toString(): string {
    return `advanceClock(${this.ms}ms)`;
  }
}

export const advanceClockArbitrary = fc.constantFrom(1, 999, 60_000, 3_600_000, 86_400_000).map((ms) => new AdvanceClockCommand(ms));
