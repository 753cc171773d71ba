/**
 * The order lifecycle (invariant O2) as an xstate v5 machine, and the view rule (invariant O1)
 * every view of an order must follow.
 *
 *   new ──ACCEPT──► open ──FILL (completes)──► filled
 *    │               │  └──FILL (partial)──► partially_filled ──FILL (partial)──► partially_filled
 *    │               │                        │  └──FILL (completes)──► filled
 *    │               ├──CANCEL──► canceled ◄──┘ CANCEL
 *    │               └──EXPIRE──► expired ◄───┘ EXPIRE
 *    └──REJECT──► rejected
 *
 * EXPIRE is Binance's EXPIRED: the venue ended an order that does not rest (LIMIT IOC or FOK,
 * MARKET) with its rest unfilled (FOK: with nothing filled). A MARKET order has no limit
 * (`limited: false`): its fills may be at any price. One exception to "terminal absorbs": a
 * MARKET order by quote quantity (`byQuote`) takes its amount from what it executed (Binance's
 * origQty), so being filled says nothing about how it ended: when its budget outlived the book
 * the venue ends it EXPIRED right after its last fill, which moves it from filled to expired.
 *
 * Refusals. An event no transition accepts (a fill above the remaining amount, a buy filled
 * above its limit, anything sent to filled, canceled, expired or rejected) leaves status, filled, cost
 * and fee untouched and appends a `violation` to `context.violations`, saying why. Nothing is
 * silently dropped: the trading model throws on any new violation, and a property can read them.
 *
 * THE VIEW RULE (`orderViewOf`; the reference adapter must produce exactly this):
 * - filled, remaining = amount − filled, price and amount: canonical decimals (`formatDecimal`:
 *   plain notation, trailing zeros dropped, "0" for zero).
 * - averagePrice = cost / filled, cost being Σ quantity × price over the fills, rounded DOWN
 *   (toward zero) to 16 decimal places, then canonical. Absent while filled is 0. For a limit
 *   with at most 16 decimals (every Binance tick) the rounded average never crosses the limit.
 * - fee = { asset: the asset the order receives (base for a buy, quote for a sell),
 *           amount: Σ commission over the fills, canonical }.
 *   Present exactly when filled > 0, even when the commissions sum to "0" (a fill too small to
 *   owe a fee after rounding down to 8 decimals). So fee and averagePrice appear together, their
 *   presence depends only on filled, and a fill with zero commission still shows its fee, as
 *   ccxt does for a trade whose commission is 0. Absent while filled is 0.
 * - venueOrderId: present when the venue assigned one (absent for a rejected order).
 */
import { and, assertEvent, assign, setup, type SnapshotFrom } from 'xstate';
import { Decimal, ZERO, formatDecimal } from '../src/domain/decimal';
import type { Side, OrderStatus, OrderView } from '../src/domain/order';

/** Average price keeps this many decimals, rounded down (see the view rule above). */
export const AVERAGE_PRICE_DECIMALS = 16;

export interface OrderViolation {
  state: OrderMachineState;
  event: OrderEvent['type'];
  reason: string;
}

export interface OrderContext {
  side: Side;
  /** The limit price. */
  price: Decimal;
  amount: Decimal;
  filled: Decimal;
  /** Cumulative quote: Σ quantity × price over the fills. */
  cost: Decimal;
  /** Σ commission over the fills, in the asset the order receives. */
  fee: Decimal;
  /** False for a MARKET order: no limit bounds its fill prices. */
  limited: boolean;
  /** A MARKET order by quote quantity (see EXPIRE above). */
  byQuote: boolean;
  violations: readonly OrderViolation[];
}

export interface OrderInput {
  side: Side;
  price: Decimal;
  amount: Decimal;
  limited?: boolean | undefined;
  byQuote?: boolean | undefined;
}

export type OrderEvent =
  | { type: 'ACCEPT' }
  | { type: 'REJECT' }
  | { type: 'FILL'; quantity: Decimal; price: Decimal; commission: Decimal }
  | { type: 'CANCEL' }
  | { type: 'EXPIRE' };

export type OrderMachineState = 'new' | OrderStatus;

/** Why a fill cannot apply to this order, or `undefined` when it can. */
export function whyFillIsRefused(order: OrderContext, fill: { quantity: Decimal; price: Decimal; commission: Decimal }): string | undefined {
  const remaining = order.amount.minus(order.filled);
  if (!fill.quantity.gt(0)) return `fill quantity ${formatDecimal(fill.quantity)} is not positive`;
  if (fill.quantity.gt(remaining)) return `fill quantity ${formatDecimal(fill.quantity)} exceeds remaining ${formatDecimal(remaining)}`;
  if (!fill.price.gt(0)) return `fill price ${formatDecimal(fill.price)} is not positive`;
  if (fill.commission.isNegative()) return `commission ${formatDecimal(fill.commission)} is negative`;
  // A limit order never trades through its limit: a buy pays at most, a sell gets at least, the limit.
  if (!order.limited) return undefined;
  if (order.side === 'buy' && fill.price.gt(order.price)) return `buy filled at ${formatDecimal(fill.price)} above its limit ${formatDecimal(order.price)}`;
  if (order.side === 'sell' && fill.price.lt(order.price)) return `sell filled at ${formatDecimal(fill.price)} below its limit ${formatDecimal(order.price)}`;
  return undefined;
}

function describeRefusal(state: OrderMachineState, context: OrderContext, event: OrderEvent): string {
  if (state === 'filled' || state === 'canceled' || state === 'expired' || state === 'rejected') return `${state} is terminal and absorbs every event`;
  if (event.type === 'FILL') return whyFillIsRefused(context, event) ?? `a fill cannot apply to a ${state} order`;
  return `${event.type} does not apply to a ${state} order`;
}

/** The transition every state takes for events it refuses: stay put, record why. */
function refuse(state: OrderMachineState) {
  return { actions: { type: 'recordRefusal', params: { state } } } as const;
}

function refuseEverything(state: OrderMachineState) {
  return { ACCEPT: refuse(state), REJECT: refuse(state), FILL: refuse(state), CANCEL: refuse(state), EXPIRE: refuse(state) };
}

const fillTransitions = (state: 'open' | 'partially_filled') =>
  [
    { guard: and(['fillIsLegal', 'fillCompletesOrder']), target: 'filled', actions: 'applyFill' },
    { guard: 'fillIsLegal', target: 'partially_filled', actions: 'applyFill' },
    refuse(state),
  ] as const;

export const orderMachine = setup({
  types: {
    context: {} as OrderContext,
    events: {} as OrderEvent,
    input: {} as OrderInput,
  },
  guards: {
    fillIsLegal: ({ context, event }) => event.type === 'FILL' && whyFillIsRefused(context, event) === undefined,
    fillCompletesOrder: ({ context, event }) => event.type === 'FILL' && context.filled.plus(event.quantity).eq(context.amount),
    ordersByQuote: ({ context }) => context.byQuote,
  },
  actions: {
    applyFill: assign(({ context, event }) => {
      assertEvent(event, 'FILL');
      return {
        filled: context.filled.plus(event.quantity),
        cost: context.cost.plus(event.quantity.times(event.price)),
        fee: context.fee.plus(event.commission),
      };
    }),
    recordRefusal: assign(({ context, event }, params: { state: OrderMachineState }) => ({
      violations: [...context.violations, { state: params.state, event: event.type, reason: describeRefusal(params.state, context, event) }],
    })),
  },
}).createMachine({
  id: 'order',
  initial: 'new',
  context: ({ input }) => ({
    side: input.side,
    price: input.price,
    amount: input.amount,
    filled: ZERO,
    cost: ZERO,
    fee: ZERO,
    limited: input.limited ?? true,
    byQuote: input.byQuote ?? false,
    violations: [],
  }),
  states: {
    new: {
      on: { ACCEPT: { target: 'open' }, REJECT: { target: 'rejected' }, FILL: refuse('new'), CANCEL: refuse('new'), EXPIRE: refuse('new') },
    },
    open: {
      on: { FILL: fillTransitions('open'), CANCEL: { target: 'canceled' }, EXPIRE: { target: 'expired' }, ACCEPT: refuse('open'), REJECT: refuse('open') },
    },
    partially_filled: {
      on: {
        FILL: fillTransitions('partially_filled'),
        CANCEL: { target: 'canceled' },
        EXPIRE: { target: 'expired' },
        ACCEPT: refuse('partially_filled'),
        REJECT: refuse('partially_filled'),
      },
    },
    // Not `type: 'final'`: a final state would stop the actor, and a stopped actor drops events
    // without a trace; these record each refused event instead.
    filled: { on: { ...refuseEverything('filled'), EXPIRE: [{ guard: 'ordersByQuote', target: 'expired' }, refuse('filled')] } },
    canceled: { on: refuseEverything('canceled') },
    expired: { on: refuseEverything('expired') },
    rejected: { on: refuseEverything('rejected') },
  },
});

export type OrderSnapshot = SnapshotFrom<typeof orderMachine>;

/** Where the view's identity fields come from: the market and the ids, not the machine. */
export interface OrderViewMeta {
  clientOrderId: string;
  venueOrderId?: string | undefined;
  symbol: string;
  base: string;
  quote: string;
}

export function orderStateOf(snapshot: OrderSnapshot): OrderMachineState {
  return snapshot.value;
}

/** The asset an order receives, and so pays its fee in: base for a buy, quote for a sell. */
export function receivedAsset(side: Side, market: { base: string; quote: string }): string {
  return side === 'buy' ? market.base : market.quote;
}

/** cost / filled rounded down to 16 decimals; `undefined` while nothing is filled. */
export function averagePriceOf(cost: Decimal, filled: Decimal): Decimal | undefined {
  if (filled.isZero()) return undefined;
  return cost.dividedBy(filled).toDecimalPlaces(AVERAGE_PRICE_DECIMALS, Decimal.ROUND_DOWN);
}

export class OrderNotAcceptedError extends Error {
  constructor(readonly clientOrderId: string) {
    super(`order ${clientOrderId} is still new: only accepted or rejected orders have a view`);
    this.name = 'OrderNotAcceptedError';
  }
}

/** The view of an order under the view rule at the top of this file. */
export function orderViewOf(snapshot: OrderSnapshot, meta: OrderViewMeta): OrderView {
  const status = orderStateOf(snapshot);
  if (status === 'new') throw new OrderNotAcceptedError(meta.clientOrderId);
  const { side, price, amount, filled, cost, fee } = snapshot.context;
  const view: OrderView = {
    clientOrderId: meta.clientOrderId,
    symbol: meta.symbol,
    side,
    price: formatDecimal(price),
    amount: formatDecimal(amount),
    filled: formatDecimal(filled),
    remaining: formatDecimal(amount.minus(filled)),
    status,
  };
  if (meta.venueOrderId !== undefined) view.venueOrderId = meta.venueOrderId;
  const averagePrice = averagePriceOf(cost, filled);
  if (averagePrice !== undefined) {
    view.averagePrice = formatDecimal(averagePrice);
    view.fee = { asset: receivedAsset(side, meta), amount: formatDecimal(fee) };
  }
  return view;
}
