import type { Decimal } from '../../src/domain/decimal';
import { InvariantViolationError, TradepropError, type ErrorCode } from '../../src/domain/errors';
import type { OrderIntent, OrderStatus } from '../../src/domain/order';
import type { VenueEvent, VenueOrderSnapshot } from '../../src/venue/types';
import type { AcceptedOrder, OrderPlacement, TradingModel } from '../../models/trading-model';
import { orderDifference } from '../invariants/compare-views';
import type { TradingWorld } from '../world';
import { absorbVenueEvents } from './absorb-venue-events';
import { describeFailure, refusedByOpenBreaker } from './trading-command';

/** Why the venue must answer an error instead of an order, and the adapter's code for it. */
export interface ExpectedRefusal {
  code: Extract<ErrorCode, 'INSUFFICIENT_FUNDS' | 'ORDER_REJECTED'>;
  invariant: 'D3' | 'O1';
  why: string;
}

/** What the model predicted of one placement from the venue's truth before it was sent. */
export interface PlacementPrediction {
  refusal: ExpectedRefusal | undefined;
  /** How the model records the order (rounded values, kind), accepted or rejected. */
  placement: OrderPlacement;
  /** What the book allowed the order to take on arrival, and the status that leaves it in. */
  outcome: { filled: Decimal; status: OrderStatus } | undefined;
  /** D1, D3 on what reached the venue. */
  assertSent(order: VenueOrderSnapshot): void;
  /** A MARKET buy's reserve, from its own fills in the step's events. */
  reserveOf?(order: VenueOrderSnapshot, events: readonly VenueEvent[]): string;
}

/**
 * Places `intent` and judges the step against the prediction: the venue's own record of what
 * happened (accepted orders, fills, expiries) moves the model; the adapter's answer must then
 * be the model's view of the order (O1), the venue's execution what the book allowed (O1),
 * exactly one venue order per intent (O4), and a refusal the predicted one (D3, O1).
 */
export async function placeAndJudge(model: TradingModel, world: TradingWorld, intent: OrderIntent, prediction: PlacementPrediction): Promise<void> {
  const id = intent.clientOrderId;
  // Settled before judging: with faults the outcome is judged against what the venue did.
  const outcome = await world.drive(world.adapter.place(intent)).then(
    (view) => ({ view, error: undefined }),
    (error: unknown) => ({ view: undefined, error }),
  );
  const events = world.takeNewEvents();
  const faulted = events.some((event) => event.type === 'fault');
  let accepted = 0;
  absorbVenueEvents(
    model,
    world,
    (order) => {
      if (order.clientOrderId !== id) throw new InvariantViolationError('O4', `placing ${id} created venue order ${order.clientOrderId}`);
      accepted += 1;
      if (accepted > 1) throw new InvariantViolationError('O4', `placing ${id} created a second venue order (${order.orderId}) for the one intent`);
      prediction.assertSent(order);
      world.rememberVenueOrder(order.orderId, order.clientOrderId);
      const placed: AcceptedOrder = { ...prediction.placement, amount: order.quantity, venueOrderId: order.orderId, reserve: prediction.reserveOf?.(order, events) };
      if (outcome.view === undefined) model.acceptUnknown(placed);
      else model.accept(placed);
    },
    events,
  );
  const { refusal } = prediction;
  if (accepted > 0) assertExecutedAsPredicted(model, id, prediction);
  if (outcome.view === undefined) {
    // Refused unsent by a breaker that must be open: the intent is definitely not placed.
    if (accepted === 0 && !sentAnOrder(events) && refusedByOpenBreaker(outcome.error, world)) return;
    judgeFailedPlacement(outcome.error, { id, accepted: accepted > 0, faulted, refusal });
    if (refusal !== undefined && accepted === 0) model.reject(prediction.placement);
    return;
  }
  if (refusal !== undefined) throw new InvariantViolationError(refusal.invariant, `${id} ${refusal.why}: expected ${refusal.code}, but it succeeded`);
  const expected = model.order(id, 'truth');
  if (expected === undefined) throw new InvariantViolationError('O4', `placing ${id} reported success but the venue holds no such order`);
  model.syncOrder(id);
  const difference = orderDifference(outcome.view, expected);
  if (difference !== undefined) throw new InvariantViolationError('O1', `place returned ${difference}`);
}

/** The venue's execution of an accepted order is what the book allowed on arrival. */
function assertExecutedAsPredicted(model: TradingModel, id: string, prediction: PlacementPrediction): void {
  const expected = prediction.outcome;
  const truth = model.order(id, 'truth');
  if (expected === undefined || truth === undefined) return;
  if (truth.status !== expected.status || !expected.filled.eq(truth.filled)) {
    throw new InvariantViolationError('O1', `${id} ended ${truth.status} with ${truth.filled} filled at the venue; the book on arrival gives ${expected.status} with ${expected.filled.toFixed()}`);
  }
}

/**
 * A placement that threw. Without a fault in its step it had to succeed (O1) or be refused as
 * predicted (D3 for funds, O1 for the venue's other refusals). Under faults it may also end with
 * a retryable error (outcome unknown or definitely not placed), but never with a final-sounding
 * one while the venue holds the order (O4): the trading system would then place it again.
 * Anything but a typed error is rethrown.
 */
function judgeFailedPlacement(error: unknown, step: { id: string; accepted: boolean; faulted: boolean; refusal: ExpectedRefusal | undefined }): void {
  if (!(error instanceof TradepropError)) throw error;
  const got = describeFailure(error);
  if (step.accepted) {
    if (error.retryable && step.faulted) return;
    throw new InvariantViolationError('O4', `place ${step.id} failed with ${got} but the venue holds the order`);
  }
  if (step.faulted && error.retryable) return;
  if (step.refusal !== undefined) {
    if (error.code !== step.refusal.code) throw new InvariantViolationError(step.refusal.invariant, `${step.id} ${step.refusal.why}: expected ${step.refusal.code}, got ${got}`);
    return;
  }
  throw new InvariantViolationError('O1', `place ${step.id}: expected success, got ${got}`);
}

/** Whether a step's events show an order request reaching the venue (D1: a local refusal sends none). */
export function sentAnOrder(events: readonly VenueEvent[]): boolean {
  return events.some((event) => event.type === 'request' && event.path === '/api/v3/order' && event.method === 'POST');
}
