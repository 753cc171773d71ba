import fc from 'fast-check';
import type { StreamFault } from '../../src/venue/stream/stream-faults';
import type { TradingModel } from '../../models/trading-model';
import { TRADER, type TradingWorld } from '../world';
import { absorbVenueEvents } from './absorb-venue-events';
import { takeFromOpenOrder } from './external-taker-trade';
import { isOpen, pickOrder } from './pick-order';
import { TradingCommand } from './trading-command';

/** The longest a late frame is held: shorter than STREAM_CATCH_UP_MS. */
export const STREAM_LATE_MAX_MS = 5_000;

/**
 * One fault in the trader's user-data stream, injected now (src/venue/stream/stream-faults.ts):
 * whatever the adapter does about it shows in later steps.
 */
export class StreamFaultCommand extends TradingCommand {
  constructor(private readonly fault: StreamFault) {
    super();
  }

  // Always: a stream fault may hit whatever state the run is in, with or without a connection.
  check(): boolean {
    return true;
  }

  protected async apply(model: TradingModel, world: TradingWorld): Promise<void> {
    world.venue.nemesis.injectStreamFault(TRADER, this.fault);
    absorbVenueEvents(model, world);
  }

  toString(): string {
    const { kind, ...particulars } = this.fault;
    const text = Object.entries(particulars).map(([key, value]) => `${key}=${String(value)}`).join(' ');
    return `streamFault(${kind}${text === '' ? '' : ` ${text}`})`;
  }
}

const count = fc.integer({ min: 1, max: 3 });

export const streamDropArbitrary = fc.constantFrom('close' as const, 'reset' as const).map((mode) => new StreamFaultCommand({ kind: 'stream_drop', mode }));
export const streamDuplicateArbitrary = count.map((n) => new StreamFaultCommand({ kind: 'stream_duplicate', count: n }));
export const streamLateArbitrary = fc
  .record({ delayMs: fc.constantFrom(5, 200, STREAM_LATE_MAX_MS), count })
  .map(({ delayMs, count: n }) => new StreamFaultCommand({ kind: 'stream_late', delayMs, count: n }));
export const streamSilentArbitrary = fc.constant(null).map(() => new StreamFaultCommand({ kind: 'stream_silent' }));
export const streamExpireArbitrary = fc.constant(null).map(() => new StreamFaultCommand({ kind: 'stream_expire' }));
export const streamRefuseArbitrary = fc.constantFrom(1_000, 60_000).map((durationMs) => new StreamFaultCommand({ kind: 'stream_refuse', durationMs }));

/**
 * The stream goes down (dropped, silent or its subscription ended) and, before the adapter can
 * have reconnected, another trader fills part or all of one of our open orders: a fill only a
 * resync can bring.
 */
export class TradeWhileStreamDownCommand extends TradingCommand {
  private taken = '';

  constructor(
    private readonly fault: StreamFault,
    private readonly index: number,
    private readonly fraction: string,
  ) {
    super();
  }

  check(model: Readonly<TradingModel>): boolean {
    return pickOrder(model, this.index, isOpen) !== undefined;
  }

  protected async apply(model: TradingModel, world: TradingWorld): Promise<void> {
    world.venue.nemesis.injectStreamFault(TRADER, this.fault);
    absorbVenueEvents(model, world);
    const taken = takeFromOpenOrder(model, world, this.index, this.fraction, true);
    if (taken === undefined) throw new RangeError('trade while the stream is down ran without an open order');
    this.taken = taken;
  }

  toString(): string {
    return `tradeWhileStreamDown(${this.fault.kind}${'mode' in this.fault ? ` ${this.fault.mode}` : ''}, ${this.taken || `#${this.index} x${this.fraction}`})`;
  }
}

/** Ways the stream goes down that a client hears of at once: a close, a reset, an ended subscription. */
export const NOTICED_STREAM_OUTAGES: readonly StreamFault[] = [{ kind: 'stream_drop', mode: 'close' }, { kind: 'stream_drop', mode: 'reset' }, { kind: 'stream_expire' }];
/** ... and a half-open socket, which a client only learns of when its heartbeats stop. */
export const EVERY_STREAM_OUTAGE: readonly StreamFault[] = [...NOTICED_STREAM_OUTAGES, { kind: 'stream_silent' }];

export const tradeWhileStreamDownArbitrary = (outages: readonly StreamFault[]) =>
  fc
    .record({ fault: fc.constantFrom(...outages), index: fc.nat(20), fraction: fc.constantFrom('0.5', '1') })
    .map(({ fault, index, fraction }) => new TradeWhileStreamDownCommand(fault, index, fraction));
