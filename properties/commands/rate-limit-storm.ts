import fc from 'fast-check';
import type { TradingModel } from '../../models/trading-model';
import type { TradingWorld } from '../world';
import { absorbVenueEvents } from './absorb-venue-events';
import { fetchBalancesThroughFault } from './fetch-balances-through-fault';
import { TradingCommand } from './trading-command';

/**
 * A rate-limit storm: for `durationMs` the venue answers every request 429 -1003 with
 * Retry-After (`retryAfterSeconds`, or by default the seconds left in the storm), as when
 * another process behind the same IP used up its weight; with `ban`, 418 "IP banned until"
 * instead, as when that process kept sending through its 429s. The trading system asks for its
 * balances meanwhile: it must wait each Retry-After out (R3) and still get them once the storm
 * has passed, inside its retry deadline. The storm is over when the step ends.
 */
export class RateLimitStormCommand extends TradingCommand {
  constructor(
    private readonly durationMs: number,
    private readonly retryAfterSeconds: number | undefined,
    private readonly ban = false,
    /** Balance reads issued at once in the storm: 1, or a burst the limiter must hold back. */
    private readonly reads = 1,
  ) {
    super();
  }

  // Always: another process behind the IP can use the weight up at any time.
  check(): boolean {
    return true;
  }

  protected async apply(model: TradingModel, world: TradingWorld): Promise<void> {
    const until = world.clock.now() + this.durationMs;
    const id = world.venue.nemesis.schedule({ kind: 'rate_limit_storm', retryAfterSeconds: this.retryAfterSeconds, ban: this.ban }, { until });
    try {
      const what = this.reads === 1 ? 'a fetchBalances' : `a burst of ${this.reads} fetchBalances`;
      await fetchBalancesThroughFault(model, world, 'R3', `${what} in a ${this.durationMs} ms rate-limit storm`, this.reads);
    } finally {
      world.venue.nemesis.unschedule(id);
    }
    if (world.clock.now() < until) await world.clock.advance(until - world.clock.now());
    absorbVenueEvents(model, world);
  }

  toString(): string {
    const retryAfter = `Retry-After ${this.retryAfterSeconds === undefined ? 'to its end' : `${this.retryAfterSeconds}s`}`;
    const reads = this.reads === 1 ? '' : `, ${this.reads} reads at once`;
    return `${this.ban ? 'ipBan' : 'rateLimitStorm'}(${this.durationMs}ms, ${retryAfter}${reads})`;
  }
}

/**
 * Storms shorter than the read retry deadline (30 s): a Retry-After to the storm's end, or one
 * a third as long, so the adapter meets the storm again on its first retries and must wait again;
 * one in four is a 418 ban rather than 429s.
 */
export const rateLimitStormArbitrary = fc
  .record({ seconds: fc.constantFrom(3, 8, 15), toEnd: fc.boolean(), ban: fc.constantFrom(false, false, false, true) })
  .map(({ seconds, toEnd, ban }) => new RateLimitStormCommand(seconds * 1000, toEnd ? undefined : Math.ceil(seconds / 3), ban));

/**
 * Load combined with faults: a burst of balance reads meets a storm. The limiter holds the whole
 * queue through every Retry-After and then sends it within the windows it has counted, the
 * weight used before the storm included (R2, R3).
 */
export const burstInStormArbitrary = fc
  .record({ seconds: fc.constantFrom(3, 8), toEnd: fc.boolean(), reads: fc.integer({ min: 50, max: 300 }) })
  .map(({ seconds, toEnd, reads }) => new RateLimitStormCommand(seconds * 1000, toEnd ? undefined : Math.ceil(seconds / 3), false, reads));
