import { dec } from '../../src/domain/decimal';
import type { OrderView } from '../../src/domain/order';
import type { CompletedOperation, History, Operation } from '../../src/verifier/linearizability/history';
import type { OrderLifecycleInput, OrderLifecycleOutput } from '../../src/verifier/linearizability/specs/order-lifecycle';
import { TRADER, type TradingWorld } from '../world';

export type OrderOperation = Operation<OrderLifecycleInput, OrderLifecycleOutput>;

/** One call in flight: what the history needs to complete it. */
export interface Invocation {
  readonly id: number;
  readonly client: number;
  readonly input: OrderLifecycleInput;
  readonly call: number;
}

/**
 * The history of one interleaved step (X1): every call's invocation and answer, and the venue's
 * own fills and expiries of our orders, on one logical clock. Each call, answer and venue event
 * gets its own tick in the order it happened, so intervals never tie. The venue's events are
 * read from its log whenever a call starts or answers: an event logged since the last of those
 * happened after it and before this one, which is exactly the order the checker needs (an event
 * that happened right after an answer may be read just before it, which only widens what the
 * checker accepts, never narrows it).
 */
export class CallHistory {
  private readonly operations: OrderOperation[] = [];
  private tick = 0;
  private nextId = 0;
  private cursor: number;
  /** Venue order id to client order id, for the venue's fills (ours only). */
  private readonly clientIds = new Map<string, string>();
  /** When the venue accepted each of our orders, on the history's clock. */
  private readonly accepted = new Map<string, number>();

  constructor(private readonly world: TradingWorld) {
    this.cursor = world.venue.control.events().length;
  }

  /**
   * What an order the step did not place had become before the step: its place, its fills as one,
   * and its end, all before every call of the step (the specification starts each order absent).
   */
  before(order: OrderView): void {
    const at = (): number => (this.tick += 1);
    const id = order.clientOrderId;
    this.push({ client: 'before', input: { op: 'place', clientOrderId: id, amount: order.amount }, output: { op: 'place', result: 'accepted' }, call: at(), return: at() });
    if (dec(order.filled).gt(0)) {
      const t = at();
      this.push({ client: 'before', input: { op: 'fill', clientOrderId: id, quantity: order.filled }, output: { op: 'fill' }, call: t, return: t });
    }
    if (order.status === 'canceled' || order.status === 'expired') {
      const t = at();
      const input: OrderLifecycleInput = order.status === 'canceled' ? { op: 'cancel', clientOrderId: id } : { op: 'expire', clientOrderId: id };
      const output: OrderLifecycleOutput = order.status === 'canceled' ? { op: 'cancel', result: 'canceled' } : { op: 'expire' };
      this.push({ client: 'before', input, output, call: t, return: t });
    }
  }

  invoke(client: number, input: OrderLifecycleInput): Invocation {
    this.readVenue();
    this.nextId += 1;
    this.tick += 1;
    return { id: this.nextId, client, input, call: this.tick };
  }

  complete(invocation: Invocation, output: OrderLifecycleOutput): void {
    this.readVenue();
    this.tick += 1;
    this.operations.push({ ...invocation, output, return: this.tick });
  }

  /** A call whose outcome nobody learned (a retryable error): it may have taken effect or not. */
  leavePending(invocation: Invocation): void {
    this.operations.push({ id: invocation.id, client: invocation.client, input: invocation.input, call: invocation.call });
  }

  /** When the venue accepted the order of this client order id during the step, if it did. */
  acceptedAt(clientOrderId: string): number | undefined {
    this.readVenue();
    return this.accepted.get(clientOrderId);
  }

  history(): History<OrderLifecycleInput, OrderLifecycleOutput> {
    this.readVenue();
    return [...this.operations].sort((a, b) => a.call - b.call);
  }

  private push(operation: Omit<CompletedOperation<OrderLifecycleInput, OrderLifecycleOutput>, 'id'>): void {
    this.nextId += 1;
    this.operations.push({ ...operation, id: `b${this.nextId}` });
  }

  private readVenue(): void {
    const events = this.world.venue.control.events();
    for (; this.cursor < events.length; this.cursor += 1) {
      const event = events[this.cursor];
      if (event === undefined) break;
      if (event.type === 'order_accepted' && event.order.account === TRADER) {
        this.clientIds.set(event.order.orderId, event.order.clientOrderId);
        this.tick += 1;
        this.accepted.set(event.order.clientOrderId, this.tick);
      }
      const venueEvent = this.venueOperation(event);
      if (venueEvent === undefined) continue;
      this.tick += 1;
      this.nextId += 1;
      this.operations.push({ id: `v${event.seq}`, client: 'venue', ...venueEvent, call: this.tick, return: this.tick });
    }
  }

  private venueOperation(event: ReturnType<TradingWorld['venue']['control']['events']>[number]): Pick<CompletedOperation<OrderLifecycleInput, OrderLifecycleOutput>, 'input' | 'output'> | undefined {
    if (event.type === 'order_expired' && event.order.account === TRADER) {
      return { input: { op: 'expire', clientOrderId: event.order.clientOrderId }, output: { op: 'expire' } };
    }
    if (event.type !== 'trade') return undefined;
    const { fill } = event;
    const ours = fill.makerAccount === TRADER ? fill.makerOrderId : fill.takerAccount === TRADER ? fill.takerOrderId : undefined;
    if (ours === undefined) return undefined;
    const clientOrderId = this.clientIds.get(ours) ?? this.world.clientOrderIdOf(ours);
    if (clientOrderId === undefined) return undefined;
    return { input: { op: 'fill', clientOrderId, quantity: fill.quantity }, output: { op: 'fill' } };
  }
}
