/**
 * One order's lifecycle as a sequential specification, partitioned by client order id: the
 * trading system's calls (place, cancel, fetch) and the venue's events (fill, expire) on the
 * same order, judged together.
 *
 * The rules mirror models/order-machine.ts (invariant O2) and the exactly-once rule (O4):
 * - place: an absent order becomes open with nothing filled; the venue refusing it leaves it
 *   absent (Binance answers an error and holds no order). Placing an id the venue already holds
 *   is answered `duplicate`; an answer `accepted` then means the intent was placed twice. A
 *   `retry` (the caller sending one intent again, as after a timeout) may also be answered with
 *   the order it already has (`accepted`, nothing new placed): whether the venue got the intent
 *   twice is then judged from the venue's own record (O4), not from the answers.
 * - fill(q): only an open or partially filled order, 0 < q <= remaining; filled only grows, and
 *   reaching the amount makes the order filled.
 * - expire: an open or partially filled order becomes expired (IOC, FOK and MARKET rests).
 * - cancel: an open or partially filled order becomes canceled; a terminal one (filled, canceled,
 *   expired) absorbs it and the cancel is refused; an absent order's cancel finds nothing.
 *   Binance answers both the same way (-2011 "Unknown order sent."): `unknown_order` is either.
 * - fetch: reports status and filled exactly, or finds nothing.
 * The xstate machine is not run here on purpose: the search steps this specification millions
 * of times and an xstate snapshot per step would dominate; these few rules are its transitions,
 * without the money (prices, cost, fees) the lifecycle does not depend on. The MARKET-by-quote
 * exception (filled -> expired) is left out: such an order's amount is only known afterwards.
 */
import { Decimal, ZERO, dec, formatDecimal } from '../../../domain/decimal';
import type { OrderStatus } from '../../../domain/order';
import { partitionBy, type SequentialSpecification, type StepResult } from '../specification';

/** The statuses of an order the venue holds: a rejected order was never held (see place above). */
export type HeldStatus = Exclude<OrderStatus, 'rejected'>;

export type OrderLifecycleInput =
  | { readonly op: 'place'; readonly clientOrderId: string; readonly amount: string; readonly retry?: boolean | undefined }
  | { readonly op: 'cancel'; readonly clientOrderId: string }
  | { readonly op: 'fetch'; readonly clientOrderId: string }
  | { readonly op: 'fill'; readonly clientOrderId: string; readonly quantity: string }
  | { readonly op: 'expire'; readonly clientOrderId: string };

export type OrderLifecycleOutput =
  | { readonly op: 'place'; readonly result: 'accepted' | 'duplicate' | 'rejected' }
  | { readonly op: 'cancel'; readonly result: 'canceled' | 'refused' | 'not_found' | 'unknown_order' }
  | { readonly op: 'fetch'; readonly found: false }
  | { readonly op: 'fetch'; readonly found: true; readonly status: HeldStatus; readonly filled: string }
  | { readonly op: 'fill' }
  | { readonly op: 'expire' };

export type OrderLifecycleState = { readonly status: 'absent' } | { readonly status: HeldStatus; readonly amount: Decimal; readonly filled: Decimal };

const ABSENT: OrderLifecycleState = { status: 'absent' };
const isLive = (state: OrderLifecycleState): boolean => state.status === 'open' || state.status === 'partially_filled';

function describeState(state: OrderLifecycleState): string {
  return state.status === 'absent' ? 'no order' : `${state.status}, filled ${formatDecimal(state.filled)} of ${formatDecimal(state.amount)}`;
}

/**
 * What the operation answers and leaves, run alone on `state`; `undefined` for a venue event
 * that cannot happen there (a fill of a canceled order): the venue never sends one.
 */
export function performOnOrder(state: OrderLifecycleState, input: OrderLifecycleInput): { output: OrderLifecycleOutput; next: OrderLifecycleState } | undefined {
  switch (input.op) {
    case 'place':
      return state.status === 'absent'
        ? { output: { op: 'place', result: 'accepted' }, next: { status: 'open', amount: dec(input.amount), filled: ZERO } }
        : { output: { op: 'place', result: 'duplicate' }, next: state };
    case 'cancel':
      if (state.status === 'absent') return { output: { op: 'cancel', result: 'not_found' }, next: state };
      return isLive(state) ? { output: { op: 'cancel', result: 'canceled' }, next: { ...state, status: 'canceled' } } : { output: { op: 'cancel', result: 'refused' }, next: state };
    case 'fetch':
      return state.status === 'absent'
        ? { output: { op: 'fetch', found: false }, next: state }
        : { output: { op: 'fetch', found: true, status: state.status, filled: formatDecimal(state.filled) }, next: state };
    case 'fill': {
      if (state.status === 'absent' || !isLive(state)) return undefined;
      const quantity = dec(input.quantity);
      const filled = state.filled.plus(quantity);
      if (!quantity.gt(0) || filled.gt(state.amount)) return undefined;
      return { output: { op: 'fill' }, next: { ...state, filled, status: filled.eq(state.amount) ? 'filled' : 'partially_filled' } };
    }
    case 'expire':
      return state.status !== 'absent' && isLive(state) ? { output: { op: 'expire' }, next: { ...state, status: 'expired' } } : undefined;
  }
}

/** Why the venue's event cannot apply, in the order machine's words. */
function whyEventRefused(state: OrderLifecycleState, input: OrderLifecycleInput): string {
  if (state.status === 'absent') return `the venue holds no order ${input.clientOrderId}`;
  if (!isLive(state)) return `${state.status} is terminal and absorbs every event`;
  if (input.op === 'fill') {
    const quantity = dec(input.quantity);
    if (!quantity.gt(0)) return `fill quantity ${formatDecimal(quantity)} is not positive`;
    return `fill quantity ${formatDecimal(quantity)} exceeds remaining ${formatDecimal(state.amount.minus(state.filled))}`;
  }
  return `${input.op} does not apply to a ${state.status} order`;
}

function judge(state: OrderLifecycleState, input: OrderLifecycleInput, output: OrderLifecycleOutput): StepResult<OrderLifecycleState> {
  if (output.op !== input.op) return { ok: false, why: `a ${input.op} cannot answer like a ${output.op}` };
  const expected = performOnOrder(state, input);
  if (expected === undefined) return { ok: false, why: whyEventRefused(state, input) };
  if (output.op === 'place') {
    if (state.status === 'absent') {
      if (output.result === 'duplicate') return { ok: false, why: `no order ${input.clientOrderId} exists to be a duplicate of` };
      return { ok: true, next: output.result === 'accepted' ? expected.next : state };
    }
    if (output.result === 'accepted' && input.op === 'place' && input.retry === true) return { ok: true, next: state };
    if (output.result === 'accepted') return { ok: false, why: `the venue already holds ${input.clientOrderId} (${describeState(state)}): accepting it again places the intent twice (O4)` };
    return { ok: true, next: state };
  }
  if (output.op === 'cancel' && output.result === 'unknown_order') {
    return isLive(state) ? { ok: false, why: `the order is ${describeState(state)}, so the cancel succeeds` } : { ok: true, next: state };
  }
  if (input.op === 'cancel' && output.op === 'cancel' && expected.output.op === 'cancel' && output.result !== expected.output.result) {
    if (state.status === 'absent') return { ok: false, why: `there is no order to cancel yet` };
    return { ok: false, why: isLive(state) ? `the order is ${describeState(state)}, so the cancel succeeds` : `the order is ${describeState(state)}: terminal, so its cancel is refused` };
  }
  if (output.op === 'fetch') {
    if (!output.found) return state.status === 'absent' ? { ok: true, next: state } : { ok: false, why: `the order exists: ${describeState(state)}` };
    if (state.status === 'absent') return { ok: false, why: 'no order exists yet' };
    if (output.status !== state.status || !dec(output.filled).eq(state.filled)) return { ok: false, why: `the order is ${describeState(state)}` };
  }
  return { ok: true, next: expected.next };
}

function describeOperation(input: OrderLifecycleInput, output: OrderLifecycleOutput | undefined): string {
  const id = input.clientOrderId;
  switch (input.op) {
    case 'place':
      return `${input.retry === true ? 'retry ' : ''}place(${id}, ${input.amount}) -> ${output?.op === 'place' ? output.result : '?'}`;
    case 'cancel':
      return `cancel(${id}) -> ${output?.op === 'cancel' ? output.result : '?'}`;
    case 'fetch':
      if (output?.op !== 'fetch') return `fetch(${id}) -> ?`;
      return `fetch(${id}) -> ${output.found ? `${output.status}, filled ${output.filled}` : 'not_found'}`;
    case 'fill':
      return `venue fill(${id}, ${input.quantity})`;
    case 'expire':
      return `venue expire(${id})`;
  }
}

export function orderLifecycleSpec(): SequentialSpecification<OrderLifecycleState, OrderLifecycleInput, OrderLifecycleOutput> {
  return {
    name: 'order lifecycle',
    init: () => ABSENT,
    step(state, input, output) {
      if (output !== undefined) return judge(state, input, output);
      // Unseen answer: the effect that changes the state (see specification.ts). A venue event
      // answers nothing, so pending or not it applies exactly where it can.
      const expected = performOnOrder(state, input);
      return expected === undefined ? { ok: false, why: whyEventRefused(state, input) } : { ok: true, next: expected.next };
    },
    key: (state) => (state.status === 'absent' ? 'absent' : `${state.status}/${formatDecimal(state.filled)}/${formatDecimal(state.amount)}`),
    partition: partitionBy((input) => input.clientOrderId, (id) => `order ${id}`),
    describeOperation,
    describeState,
  };
}
