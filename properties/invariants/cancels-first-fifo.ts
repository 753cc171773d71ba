import type { VenueEvent } from '../../src/venue/types';
import { TRADER } from '../world';

/** One burst of new orders and cancels, all issued in the same tick. */
export interface LoadedBurst {
  /** Virtual time the burst was issued at: a placement reaching the venue later was held by the limiter. */
  issuedAt: number;
  /** Client order ids of the new orders, in the order they were issued. */
  placements: readonly string[];
  /** Client order ids of the orders the burst canceled. */
  cancels: readonly string[];
}

interface Arrival {
  clientOrderId: string;
  seq: number;
  at: number;
}

/**
 * R4 from the venue's event log (the truth, not the limiter's own account of itself): every
 * cancel of the burst reaches the venue before any of its new orders that had to wait for a
 * later ORDERS window (a cancel is never starved by new orders), and the new orders reach the
 * venue in the order they were issued (first in, first out within one priority). A new order
 * arrives as the venue's `order_accepted` or `order_rejected`, a cancel as its `order_canceled`.
 */
export function cancelsFirstFifoProblem(burst: LoadedBurst, events: readonly VenueEvent[]): string | undefined {
  const issueIndex = new Map(burst.placements.map((id, index) => [id, index]));
  const wanted = new Set(burst.cancels);
  const placements: Arrival[] = [];
  const cancels = new Map<string, Arrival>();
  for (const event of events) {
    if ((event.type === 'order_accepted' || event.type === 'order_canceled') && event.order.account === TRADER) {
      const arrival = { clientOrderId: event.order.clientOrderId, seq: event.seq, at: event.at };
      if (event.type === 'order_accepted' && issueIndex.has(arrival.clientOrderId)) placements.push(arrival);
      if (event.type === 'order_canceled' && wanted.has(arrival.clientOrderId)) cancels.set(arrival.clientOrderId, arrival);
    } else if (event.type === 'order_rejected' && event.account === TRADER && issueIndex.has(event.clientOrderId)) {
      placements.push({ clientOrderId: event.clientOrderId, seq: event.seq, at: event.at });
    }
  }

  const firstHeld = placements.find((arrival) => arrival.at > burst.issuedAt);
  for (const id of burst.cancels) {
    const cancel = cancels.get(id);
    if (cancel === undefined) return `the cancel of ${id}, issued at ${burst.issuedAt} with the burst, never reached the venue`;
    if (firstHeld !== undefined && cancel.seq > firstHeld.seq) {
      return `the cancel of ${id}, issued at ${burst.issuedAt}, reached the venue at ${cancel.at} (event ${cancel.seq}), after new order ${firstHeld.clientOrderId}, which waited until ${firstHeld.at} (event ${firstHeld.seq}): starved by new orders`;
    }
  }

  for (let index = 1; index < placements.length; index += 1) {
    const before = placements[index - 1];
    const after = placements[index];
    if (before === undefined || after === undefined) continue;
    const [issuedBefore, issuedAfter] = [issueIndex.get(before.clientOrderId) ?? 0, issueIndex.get(after.clientOrderId) ?? 0];
    if (issuedAfter < issuedBefore) {
      return `new order ${after.clientOrderId} (issued #${issuedAfter + 1}) reached the venue at ${after.at} after ${before.clientOrderId} (issued #${issuedBefore + 1}): not first in, first out`;
    }
  }
  return undefined;
}
