import fc from 'fast-check';
import { InvariantViolationError, TradepropError } from '../../src/domain/errors';
import type { TradingModel } from '../../models/trading-model';
import { orderDifference } from '../invariants/compare-views';
import type { TradingWorld } from '../world';
import { absorbVenueEvents } from './absorb-venue-events';
import { isOpen, pickOrder } from './pick-order';
import { TradingCommand, describeFailure, expectSuccessUnlessBreakerOpen } from './trading-command';

const CANCEL: { method: string; path: string } = { method: 'DELETE', path: '/api/v3/order' };

/**
 * Cancels one of our open orders while another trader races it: just before the DELETE is
 * handled, they fill the order ('all') or about half of what is left ('part'). The venue is
 * the judge of who won. Filled first: Binance answers -2011 "Unknown order sent.", the cancel
 * must fail as ORDER_NOT_FOUND, and the adapter learns of the fill later (a fetch, a reconcile),
 * so the model's known view stays put. Canceled with the part fill: the cancel succeeds and its
 * answer shows the fill (O1).
 */
export class CancelRaceCommand extends TradingCommand {
  private target = '?';

  constructor(
    private readonly index: number,
    private readonly fill: 'all' | 'part',
    private readonly then: 'fetch' | 'nothing' = 'nothing',
  ) {
    super();
  }

  // Open orders only: the race needs an order another trader can still fill.
  check(model: Readonly<TradingModel>): boolean {
    return pickOrder(model, this.index, isOpen) !== undefined;
  }

  protected async apply(model: TradingModel, world: TradingWorld): Promise<void> {
    const order = pickOrder(model, this.index, isOpen);
    if (order === undefined) throw new RangeError('cancelRace ran without an open order');
    this.target = order.clientOrderId;
    const id = world.venue.nemesis.schedule({ kind: 'cancel_race', fill: this.fill }, { matching: CANCEL });
    const outcome = await world.drive(world.adapter.cancel(order.symbol, order.clientOrderId)).then(
      (view) => ({ view, error: undefined }),
      (error: unknown) => ({ view: undefined, error }),
    );
    world.venue.nemesis.unschedule(id);
    absorbVenueEvents(model, world);
    const truth = model.order(order.clientOrderId, 'truth');
    if (truth?.status === 'filled') {
      if (!(outcome.error instanceof TradepropError && outcome.error.code === 'ORDER_NOT_FOUND')) {
        const got = outcome.view === undefined ? describeFailure(outcome.error) : `success (${outcome.view.status})`;
        throw new InvariantViolationError('O1', `cancel of ${order.clientOrderId}, filled by the race first: expected ORDER_NOT_FOUND, got ${got}`);
      }
      model.cancelRefused(order.clientOrderId);
    } else {
      if (outcome.view === undefined) throw new InvariantViolationError('O1', `cancel of ${order.clientOrderId} (racing a ${this.fill} fill): expected success, got ${describeFailure(outcome.error)}`);
      model.syncOrder(order.clientOrderId);
      const expected = model.order(order.clientOrderId, 'truth');
      if (expected?.status !== 'canceled') throw new InvariantViolationError('O1', `cancel of ${order.clientOrderId} succeeded but the venue holds it ${expected?.status ?? 'nowhere'}`);
      const difference = orderDifference(outcome.view, expected);
      if (difference !== undefined) throw new InvariantViolationError('O1', `cancel returned ${difference}`);
    }
    if (this.then === 'fetch') await this.fetchRightAfter(model, world, order.symbol, order.clientOrderId);
  }

  /**
   * The caller's next move after a lost race: ask what became of the order. Whoever won, the
   * answer is the venue's truth now (filled with every fill, or canceled with the part fill),
   * never what the adapter assumed from the cancel's answer.
   */
  private async fetchRightAfter(model: TradingModel, world: TradingWorld, symbol: string, clientOrderId: string): Promise<void> {
    const view = await expectSuccessUnlessBreakerOpen(world, () => world.adapter.fetchOrder(symbol, clientOrderId), 'O1', `fetch of ${clientOrderId} right after the cancel race`);
    absorbVenueEvents(model, world);
    if (view === undefined) return;
    model.syncOrder(clientOrderId);
    const expected = model.order(clientOrderId, 'truth');
    const difference = expected === undefined ? 'the model lost the order' : orderDifference(view, expected);
    if (difference !== undefined) throw new InvariantViolationError('O1', `fetch right after the cancel race returned ${difference}`);
  }

  toString(): string {
    return `cancelRace(${this.target}, ${this.fill} filled first${this.then === 'fetch' ? ', then fetch' : ''})`;
  }
}

export const cancelRaceArbitrary = fc
  .record({ index: fc.nat(20), fill: fc.constantFrom<'all' | 'part'>('all', 'part') })
  .map(({ index, fill }) => new CancelRaceCommand(index, fill));

/** A cancel that races another trader, and the fetch a careful caller sends right after it. */
export const cancelRaceThenFetchArbitrary = fc
  .record({ index: fc.nat(20), fill: fc.constantFrom<'all' | 'part'>('all', 'part') })
  .map(({ index, fill }) => new CancelRaceCommand(index, fill, 'fetch'));
