import fc from 'fast-check';
import { InvariantViolationError, TradepropError } from '../../src/domain/errors';
import type { Balances } from '../../src/domain/balance';
import type { OrderView } from '../../src/domain/order';
import { CORRUPTION_VARIANTS, type CorruptionVariant, type RequestMatcher } from '../../src/venue/nemesis';
import type { VenueEvent } from '../../src/venue/types';
import type { TradingModel } from '../../models/trading-model';
import { balancesDifference, orderDifference, ordersDifference } from '../invariants/compare-views';
import type { TradingWorld } from '../world';
import { absorbVenueEvents } from './absorb-venue-events';
import { isOpen, pickOrder } from './pick-order';
import { TradingCommand, describeFailure } from './trading-command';

/** The invariant a malformed answer is judged by: a typed error, never a crash or a wrong value. */
export const MALFORMED_ANSWER_INVARIANT = 'E1';

type CorruptedOperation = 'fetchOrder' | 'cancel' | 'fetchBalances' | 'fetchOpenOrders';
type Answer = { view: OrderView; clientOrderId: string } | { balances: Balances } | { open: OrderView[]; symbol: string };

/** The request each operation sends first, whose answer the fault corrupts. */
const FIRST_REQUEST: Readonly<Record<CorruptedOperation, RequestMatcher>> = {
  fetchOrder: { method: 'GET', path: '/api/v3/order' },
  cancel: { method: 'DELETE', path: '/api/v3/order' },
  fetchBalances: { method: 'GET', path: '/api/v3/account' },
  fetchOpenOrders: { method: 'GET', path: '/api/v3/openOrders' },
};

/**
 * One adapter call whose venue answer arrives corrupted (the nemesis's `corrupt_response`, applied
 * by the venue or answered in its place). The caller must get one of tradeprop's typed errors,
 * never a TypeError or SyntaxError, and never a value read from the corrupted body (E1); the
 * local view must stay what the adapter knew (O1, L1 after the step): a cancel the venue applied
 * is known to the model's truth only, until the adapter learns it.
 */
export class CorruptedAnswerCommand extends TradingCommand {
  private target = '';

  constructor(
    private readonly operation: CorruptedOperation,
    private readonly variant: CorruptionVariant,
    private readonly applied: boolean,
    private readonly index: number,
  ) {
    super();
  }

  // A balance read always; an order read or cancel needs an order of ours to aim at.
  check(model: Readonly<TradingModel>): boolean {
    return this.operation === 'fetchBalances' || this.targetOrder(model) !== undefined;
  }

  private targetOrder(model: Readonly<TradingModel>): OrderView | undefined {
    return pickOrder(model, this.index, this.operation === 'cancel' ? isOpen : () => true);
  }

  protected async apply(model: TradingModel, world: TradingWorld): Promise<void> {
    const order = this.targetOrder(model);
    this.target = (this.operation === 'fetchOpenOrders' ? order?.symbol : order?.clientOrderId) ?? '';
    const faultId = world.venue.nemesis.schedule({ kind: 'corrupt_response', variant: this.variant, applied: this.applied }, { matching: FIRST_REQUEST[this.operation] });
    const outcome = await world.drive(this.call(world, order)).then(
      (value): { ok: true; value: Answer } => ({ ok: true, value }),
      (error: unknown): { ok: false; error: unknown } => ({ ok: false, error }),
    );
    // A fault the call never met must not wait for a later step's request.
    world.venue.nemesis.unschedule(faultId);
    const events = world.takeNewEvents();
    absorbVenueEvents(model, world, undefined, events);
    const changed = corruptionReachedCaller(events);
    if (!outcome.ok) {
      if (!(outcome.error instanceof TradepropError) || outcome.error instanceof InvariantViolationError) {
        throw new InvariantViolationError(MALFORMED_ANSWER_INVARIANT, `a corrupted answer surfaced as ${describeFailure(outcome.error)}, not a typed error`);
      }
      if (!changed) throw new InvariantViolationError('O1', `failed with ${describeFailure(outcome.error)} though its answer was the venue's own`);
      return;
    }
    if (changed) throw new InvariantViolationError(MALFORMED_ANSWER_INVARIANT, `succeeded on a corrupted answer (${this.variant}) instead of a typed error`);
    this.judgeSuccess(model, outcome.value);
  }

  private async call(world: TradingWorld, order: OrderView | undefined): Promise<Answer> {
    if (this.operation === 'fetchBalances') return { balances: await world.adapter.fetchBalances() };
    if (order === undefined) throw new RangeError(`${this.operation} ran without an order`);
    if (this.operation === 'fetchOpenOrders') return { open: await world.adapter.fetchOpenOrders(order.symbol), symbol: order.symbol };
    const view = this.operation === 'cancel' ? await world.adapter.cancel(order.symbol, order.clientOrderId) : await world.adapter.fetchOrder(order.symbol, order.clientOrderId);
    return { view, clientOrderId: order.clientOrderId };
  }

  /** An answer the corruption left as it was: judged as the plain operation would be. */
  private judgeSuccess(model: TradingModel, answer: Answer): void {
    if ('balances' in answer) {
      const difference = balancesDifference(answer.balances, model.balances('truth'), 'fetched', 'model');
      if (difference !== undefined) throw new InvariantViolationError('L1', `fetchBalances returned ${difference}`);
      return;
    }
    if ('open' in answer) {
      const difference = ordersDifference(answer.open, model.openOrders(answer.symbol, 'truth'));
      if (difference !== undefined) throw new InvariantViolationError('O1', `fetchOpenOrders returned ${difference}`);
      return;
    }
    model.syncOrder(answer.clientOrderId);
    const expected = model.order(answer.clientOrderId, 'truth');
    const difference = expected === undefined ? 'the model lost the order' : orderDifference(answer.view, expected);
    if (difference !== undefined) throw new InvariantViolationError('O1', `returned ${difference}`);
  }

  toString(): string {
    const on = this.operation === 'fetchBalances' ? '' : this.target;
    return `${this.operation}(${on}) answered corrupted(${this.variant}, ${this.applied ? 'applied' : 'not applied'})`;
  }
}

/** Whether the step's corruption handed the caller something other than the venue's own answer. */
function corruptionReachedCaller(events: readonly VenueEvent[]): boolean {
  return events.some((event) => event.type === 'fault' && event.kind === 'corrupt_response' && event.detail['changed'] === true);
}

export const corruptionVariantArbitrary = fc.constantFrom<CorruptionVariant>(...CORRUPTION_VARIANTS);

export const corruptedAnswerArbitrary = fc
  .record({
    operation: fc.constantFrom<CorruptedOperation>('fetchOrder', 'cancel', 'fetchBalances', 'fetchOpenOrders'),
    variant: corruptionVariantArbitrary,
    applied: fc.boolean(),
    index: fc.nat(20),
  })
  .map(({ operation, variant, applied, index }) => new CorruptedAnswerCommand(operation, variant, applied, index));
