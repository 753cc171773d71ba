import fc from 'fast-check';
import { InvariantViolationError } from '../../src/domain/errors';
import type { TradingModel } from '../../models/trading-model';
import type { TradingWorld } from '../world';
import { absorbVenueEvents } from './absorb-venue-events';
import { TradingCommand } from './trading-command';

/**
 * Longer than any frame is held (a late frame waits at most STREAM_LATE_MAX_MS) plus the
 * in-process latency: once it has passed, every event the venue logged has had its frame sent.
 */
export const STREAM_CATCH_UP_MS = 10_000;
/**
 * The heal period: longer than ccxt.pro needs to call a silent connection dead (its keepAlive
 * ping every 180 s, dead after 2 missed pongs: 360 s), plus the longest refusal window and the
 * backoff cap, plus a resync.
 */
export const STREAM_HEAL_MS = 10 * 60_000;

/**
 * Lets virtual time pass for the user-data stream.
 * - `catch-up` waits STREAM_CATCH_UP_MS; if the adapter then says its stream is live, it claims
 *   its view is the venue's (checked right after, streams.ts). `mustBeLive` (a run without stream
 *   faults) makes not being live a violation.
 * - `pass` waits as long and claims nothing: where a socket may have gone silent, no client can
 *   know it yet (a half-open socket looks live until its pongs are missed).
 * - `heal` waits STREAM_HEAL_MS, after which a live stream and the venue's view are owed whatever
 *   faults came before (C4: it converges on its own).
 * An adapter that listens to no stream claims nothing.
 */
export class AwaitStreamCommand extends TradingCommand {
  constructor(
    private readonly mode: 'catch-up' | 'pass' | 'heal',
    private readonly mustBeLive = false,
  ) {
    super();
  }

  // Always: time passing is what any caller lives through.
  check(): boolean {
    return true;
  }

  protected async apply(model: TradingModel, world: TradingWorld): Promise<void> {
    const waitMs = this.mode === 'heal' ? STREAM_HEAL_MS : STREAM_CATCH_UP_MS;
    await world.drive(world.clock.sleep(waitMs));
    absorbVenueEvents(model, world);
    const status = world.adapter.streamStatus?.();
    if (status === undefined || this.mode === 'pass') return;
    if (status.state === 'live') {
      world.streamCaughtUpAtStep = world.trace.length + 1;
      world.streamClaims += 1;
      // The adapter now claims to know all the venue knows (checked after this step): what the
      // model expects it to know catches up, as after a reconcile.
      model.syncAll();
      return;
    }
    if (this.mode === 'heal' || this.mustBeLive) {
      const why = status.lastEnd === undefined ? '' : ` (its last connection ended: ${status.lastEnd})`;
      throw new InvariantViolationError(this.mode === 'heal' ? 'C4' : 'O1', `the user-data stream is ${status.state}, not live, ${waitMs} ms later${why}`);
    }
  }

  toString(): string {
    return this.mode === 'heal' ? 'healStream()' : this.mode === 'pass' ? 'letStreamTimePass()' : 'awaitStream()';
  }
}

export const awaitStreamArbitrary = (mustBeLive: boolean) => fc.constant(null).map(() => new AwaitStreamCommand('catch-up', mustBeLive));
export const letStreamTimePassArbitrary = fc.constant(null).map(() => new AwaitStreamCommand('pass'));
export const healStreamArbitrary = fc.constant(null).map(() => new AwaitStreamCommand('heal'));
