import type { Fault, RequestMatcher, ScheduleOptions } from '../../src/venue/nemesis';
import type { TradingModel } from '../../models/trading-model';
import type { TradingWorld } from '../world';
import { absorbVenueEvents } from './absorb-venue-events';
import { TradingCommand } from './trading-command';

export const POST_ORDER: RequestMatcher = { method: 'POST', path: '/api/v3/order' };
export const GET_ORDER: RequestMatcher = { method: 'GET', path: '/api/v3/order' };

/**
 * Schedules one fault at the venue's nemesis, aimed at the requests `matching` names; a
 * single-request fault waits for the next such request, however many steps later. Nothing
 * happens at the venue now, so the model does not move: later steps judge what the fault did.
 */
export class ScheduleFaultCommand extends TradingCommand {
  constructor(
    private readonly label: string,
    private readonly fault: Fault,
    private readonly matching: RequestMatcher,
    private readonly durationMs?: number,
  ) {
    super();
  }

  // Always: a fault waits for the next matching request, however many steps later.
  check(): boolean {
    return true;
  }

  protected async apply(model: TradingModel, world: TradingWorld): Promise<void> {
    const options: ScheduleOptions = { matching: this.matching };
    if (this.durationMs !== undefined) options.until = world.clock.now() + this.durationMs;
    world.venue.nemesis.schedule(this.fault, options);
    absorbVenueEvents(model, world);
  }

  toString(): string {
    return this.label;
  }
}
