import fc from 'fast-check';
import { Decimal, dec, floorToStep } from '../../src/domain/decimal';
import type { Market } from '../../src/domain/market';
import type { Side } from '../../src/domain/order';
import type { TradingModel } from '../../models/trading-model';
import type { TradingWorld } from '../world';
import { absorbVenueEvents } from './absorb-venue-events';
import { marketChoiceArbitrary, marketOf, type MarketChoice } from '../markets/market-choice';
import { referencePrice } from '../markets/reference-price';
import { isOpen, pickOrder } from './pick-order';
import { TradingCommand } from './trading-command';

/**
 * A share of an order's remaining quantity, on the lot step, and never so small or so large that
 * the other trader's order would break LOT_SIZE or NOTIONAL at `price`.
 */
export function shareOfRemaining(market: Market, remaining: string, fraction: string, price: string): string {
  const share = floorToStep(dec(remaining).times(dec(fraction)), dec(market.lotSize.stepSize));
  return withinMaxQty(market, Decimal.max(share, smallestValidQuantity(market, dec(price)))).toFixed();
}

/** At most LOT_SIZE's maxQty: an order of ours at the max-qty edge, crossed 1.7 times, would break it. */
function withinMaxQty(market: Market, quantity: Decimal): Decimal {
  return Decimal.min(quantity, floorToStep(dec(market.lotSize.maxQty), dec(market.lotSize.stepSize)));
}

/** The least quantity on the step that passes LOT_SIZE and NOTIONAL at `price`. */
export function smallestValidQuantity(market: Market, price: Decimal): Decimal {
  const step = dec(market.lotSize.stepSize);
  const forNotional = dec(market.notional.minNotional).div(price).div(step).ceil().times(step);
  return Decimal.max(forNotional, dec(market.lotSize.minQty));
}

/**
 * Another trader rests a limit order. Aimed at one of our open orders it crosses it at our
 * price (filling us as maker, partly or fully); otherwise it rests near the reference price,
 * where our later orders may take it.
 */
export class ExternalOrderCommand extends TradingCommand {
  private placed = '';

  constructor(
    private readonly marketChoice: MarketChoice,
    private readonly side: Side,
    private readonly offsetTicks: number,
    private readonly quantitySteps: number,
    private readonly aim: { index: number; fraction: string } | undefined,
  ) {
    super();
  }

  // Always: other traders place whenever they like.
  check(): boolean {
    return true;
  }

  protected async apply(model: TradingModel, world: TradingWorld): Promise<void> {
    const target = this.aim === undefined ? undefined : pickOrder(model, this.aim.index, isOpen);
    const input =
      target !== undefined && this.aim !== undefined
        ? {
            symbol: target.symbol,
            side: target.side === 'buy' ? ('sell' as const) : ('buy' as const),
            price: target.price,
            quantity: shareOfRemaining(world.market(target.symbol), target.remaining, this.aim.fraction, target.price),
          }
        : this.restingNearReference(marketOf(model.markets, this.marketChoice));
    this.placed = `${input.symbol} ${input.side} ${input.quantity} @ ${input.price}`;
    world.venue.control.placeExternalOrder(input);
    absorbVenueEvents(model, world);
  }

  private restingNearReference(market: Market): { symbol: string; side: Side; price: string; quantity: string } {
    const price = referencePrice(market).plus(dec(market.priceFilter.tickSize).times(this.offsetTicks));
    const quantity = withinMaxQty(market, Decimal.max(dec(market.lotSize.stepSize).times(this.quantitySteps), smallestValidQuantity(market, price)));
    return { symbol: market.symbol, side: this.side, price: price.toFixed(), quantity: quantity.toFixed() };
  }

  toString(): string {
    return `externalOrder(${this.placed || (this.aim === undefined ? 'rest' : `cross #${this.aim.index} x${this.aim.fraction}`)})`;
  }
}

export const externalOrderArbitrary: fc.Arbitrary<ExternalOrderCommand> = fc
  .record({
    market: marketChoiceArbitrary,
    side: fc.constantFrom<Side>('buy', 'sell'),
    offsetTicks: fc.integer({ min: -30, max: 30 }),
    quantitySteps: fc.integer({ min: 1, max: 5000 }),
    aim: fc.option(fc.record({ index: fc.nat(20), fraction: fc.constantFrom('0.3', '0.5', '1', '1.7') }), { nil: undefined }),
  })
  .map(({ market, side, offsetTicks, quantitySteps, aim }) => new ExternalOrderCommand(market, side, offsetTicks, quantitySteps, aim));
