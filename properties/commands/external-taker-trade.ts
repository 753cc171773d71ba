import fc from 'fast-check';
import type { TradingModel } from '../../models/trading-model';
import type { TradingWorld } from '../world';
import { absorbVenueEvents } from './absorb-venue-events';
import { shareOfRemaining } from './external-order';
import { isOpen, pickOrder } from './pick-order';
import { TradingCommand } from './trading-command';

/**
 * Another trader takes liquidity across one of our open orders: a partial or full fill of
 * ours as maker, possibly after better-priced orders of others.
 */
export class ExternalTakerTradeCommand extends TradingCommand {
  private taken = '';

  constructor(
    private readonly index: number,
    private readonly fraction: string,
    private readonly limited: boolean,
  ) {
    super();
  }

  // Open orders only: a taker needs something of ours resting to take from.
  check(model: Readonly<TradingModel>): boolean {
    return pickOrder(model, this.index, isOpen) !== undefined;
  }

  protected async apply(model: TradingModel, world: TradingWorld): Promise<void> {
    const taken = takeFromOpenOrder(model, world, this.index, this.fraction, this.limited);
    if (taken === undefined) throw new RangeError('external taker ran without an open order');
    this.taken = taken;
  }

  toString(): string {
    return `externalTake(${this.taken || `#${this.index} x${this.fraction}`})`;
  }
}

/**
 * Another trader takes `fraction` of what remains of our open order number `index` (limited to
 * its price or not), and the model absorbs what the venue did. Says what was taken, or undefined
 * when no order of ours is open.
 */
export function takeFromOpenOrder(model: TradingModel, world: TradingWorld, index: number, fraction: string, limited: boolean): string | undefined {
  const target = pickOrder(model, index, isOpen);
  if (target === undefined) return undefined;
  const input = {
    symbol: target.symbol,
    side: target.side === 'buy' ? ('sell' as const) : ('buy' as const),
    quantity: shareOfRemaining(world.market(target.symbol), target.remaining, fraction, target.price),
    limitPrice: limited ? target.price : undefined,
  };
  world.venue.control.takeExternal(input);
  absorbVenueEvents(model, world);
  return `${input.symbol} ${input.side} ${input.quantity}${limited ? ` limit ${target.price}` : ''} at ${target.clientOrderId}`;
}

export const externalTakerTradeArbitrary = fc
  .record({ index: fc.nat(20), fraction: fc.constantFrom('0.3', '0.5', '1', '1.3'), limited: fc.boolean() })
  .map(({ index, fraction, limited }) => new ExternalTakerTradeCommand(index, fraction, limited));
