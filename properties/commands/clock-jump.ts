import fc from 'fast-check';
import type { TradingModel } from '../../models/trading-model';
import type { TradingWorld } from '../world';
import { fetchBalancesThroughFault } from './fetch-balances-through-fault';
import { TradingCommand } from './trading-command';

/**
 * The venue's clock jumps `offsetMs` ahead (negative: behind) of ours, beyond the 10 s
 * recvWindow either way, until the faults heal: every signed request stamped on the old offset
 * is refused -1021. The trading system asks for its balances right away and must get them, by
 * measuring venue time again before its retry (S3), never by re-sending on the stale offset.
 * Later steps meet the jump, and the jump back when faults heal, in their own requests.
 *
 * The venue clock moves only between steps, never on a timer: a jump landing inside a time
 * sync's own round trip (slow answers make that seconds long) leaves the measured offset stale
 * before the one retry, a double jump that no single resync can cure.
 */
export class ClockJumpCommand extends TradingCommand {
  constructor(private readonly offsetMs: number) {
    super();
  }

  // Always: the venue's clock can jump whatever the adapter is doing.
  check(): boolean {
    return true;
  }

  protected async apply(model: TradingModel, world: TradingWorld): Promise<void> {
    world.venue.nemesis.schedule({ kind: 'clock_jump', offsetMs: this.offsetMs });
    await fetchBalancesThroughFault(model, world, 'S3', `a fetchBalances after the venue clock jumped ${this.offsetMs} ms`);
  }

  toString(): string {
    const sign = this.offsetMs > 0 ? '+' : '';
    return `clockJump(${sign}${this.offsetMs}ms)`;
  }
}

/** Just past recvWindow, a minute and an hour, ahead and behind. */
export const clockJumpArbitrary = fc
  .record({ offsetMs: fc.constantFrom(12_000, 60_000, 3_600_000), behind: fc.boolean() })
  .map(({ offsetMs, behind }) => new ClockJumpCommand(behind ? -offsetMs : offsetMs));
