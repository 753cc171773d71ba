import fc from 'fast-check';
import type { TradingModel } from '../../models/trading-model';
import type { TradingWorld } from '../world';
import { takeFromOpenOrder } from './external-taker-trade';
import { isOpen, pickOrder } from './pick-order';
import { TradingCommand } from './trading-command';

/**
 * A busy market: several other traders take small bites of one of our open orders within one
 * step, so the order collects many trades (each a fill, a fee and a trade id the adapter must
 * count once). Real orders on liquid books fill in dozens of pieces; a run of single takes
 * rarely gets past a handful on one order.
 */
export class ExternalTakerBurstCommand extends TradingCommand {
  private target = '';
  private took = 0;

  constructor(
    private readonly index: number,
    private readonly takers: number,
    private readonly fraction: string,
  ) {
    super();
  }

  // Open orders only: takers need something of ours resting to take from.
  check(model: Readonly<TradingModel>): boolean {
    return pickOrder(model, this.index, isOpen) !== undefined;
  }

  protected async apply(model: TradingModel, world: TradingWorld): Promise<void> {
    this.target = pickOrder(model, this.index, isOpen)?.clientOrderId ?? '';
    this.took = 0;
    // Each taker takes at most the order's price; an order that fills ends the burst early.
    while (this.took < this.takers && pickOrder(model, this.index, isOpen)?.clientOrderId === this.target) {
      takeFromOpenOrder(model, world, this.index, this.fraction, true);
      this.took += 1;
    }
  }

  toString(): string {
    return `externalTakerBurst(${this.takers} takers x${this.fraction} at ${this.target || `#${this.index}`}, ${this.took} took)`;
  }
}

export const externalTakerBurstArbitrary = fc
  .record({ index: fc.nat(20), takers: fc.integer({ min: 2, max: 12 }), fraction: fc.constantFrom('0.05', '0.1', '0.2') })
  .map(({ index, takers, fraction }) => new ExternalTakerBurstCommand(index, takers, fraction));
