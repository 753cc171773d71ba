import fc from 'fast-check';
import { RandomSource } from '../../src/clock/random';
import { InvariantViolationError, TradepropError } from '../../src/domain/errors';
import type { OrderIntent } from '../../src/domain/order';
import type { ExchangeAdapter } from '../../src/exchange/contract';
import type { TradingModel } from '../../models/trading-model';
import type { TradingWorld } from '../world';
import { absorbVenueEvents } from './absorb-venue-events';
import { TradingCommand, describeFailure } from './trading-command';

/** A valid order on every default market's filters: had it reached the venue, it would rest. */
const PROBE: OrderIntent = { clientOrderId: 'live-probe', symbol: 'BTC/USDT', side: 'buy', type: 'limit', price: '10000', amount: '0.001' };

/**
 * S4: the factory that built the adapter under test is asked for one on the `live` environment,
 * pointed at this venue with the trader's own keys, and (if it hands one out) told to place an
 * order and read balances. It must refuse with LIVE_REFUSED, at creation or before the first
 * request: not a single request may reach the venue. The run's own adapter is untouched.
 */
export class TryLiveAdapterCommand extends TradingCommand {
  // Always: the refusal must hold whatever state the run is in.
  check(): boolean {
    return true;
  }

  protected async apply(model: TradingModel, world: TradingWorld): Promise<void> {
    const origin = world.origin;
    if (origin === undefined) throw new RangeError('tryLiveAdapter needs the world to know its adapter factory');
    const before = requestCount(world);
    let live: ExchangeAdapter | undefined;
    let refusal: unknown;
    try {
      live = await world.drive(origin.createAdapter({ ...origin.environment, environment: 'live', random: new RandomSource('live-probe').stream('adapter'), log: undefined, store: undefined }));
      await world.drive(live.place(PROBE));
      await world.drive(live.fetchBalances());
    } catch (error) {
      refusal = error;
    } finally {
      if (live !== undefined) await world.drive(live.close());
    }
    const sent = requestCount(world) - before;
    if (sent > 0) throw new InvariantViolationError('S4', `an adapter for the live environment sent ${sent} request(s) to the venue`);
    if (refusal === undefined) throw new InvariantViolationError('S4', 'an adapter for the live environment was created and placed an order without refusing');
    if (!(refusal instanceof TradepropError) || refusal.code !== 'LIVE_REFUSED') {
      throw new InvariantViolationError('S4', `the live environment was refused with ${describeFailure(refusal)}, not LIVE_REFUSED`);
    }
    absorbVenueEvents(model, world);
  }

  toString(): string {
    return 'tryLiveAdapter()';
  }
}

function requestCount(world: TradingWorld): number {
  return world.venue.control.events().filter((event) => event.type === 'request').length;
}

export const tryLiveAdapterArbitrary = fc.constant(null).map(() => new TryLiveAdapterCommand());
