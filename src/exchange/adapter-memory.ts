import { z } from 'zod';
import { StateCorruptError } from '../domain/errors';
import type { StateStore } from './contract';
import { TrackedOrderRecordSchema, type TrackedOrderRecord } from './order-tracker';

/**
 * An intent whose POST may have reached the venue and whose outcome is not known yet: what a
 * restarted adapter must look up before it may ever send that client order id again
 * (placement.ts's rule, carried across the restart).
 */
export const IntentRecordSchema = z.object({
  symbol: z.string(),
  /** When the last POST that may have landed was sent (PlacementState.sentAt). */
  sentAt: z.number().int(),
  /** The venue refused the id as a duplicate: an order with it exists (PlacementState.mustExist). */
  mustExist: z.boolean(),
});
export type IntentRecord = z.infer<typeof IntentRecordSchema>;

const INTENT = 'intent/';
const ORDER = 'order/';

/**
 * What the reference adapter must not forget, written through to AdapterEnvironment.store as
 * JSON under `intent/<client order id>` and `order/<client order id>` (contract.ts, Restarts).
 * Without a store it keeps nothing: the adapter's memory is then its process's. Entries are
 * parsed on the way in (zod): one the adapter cannot read stops it with StateCorruptError
 * rather than let it start without an order it may hold.
 */
export class AdapterMemory {
  constructor(private readonly store: StateStore | undefined) {}

  rememberIntent(clientOrderId: string, intent: IntentRecord): void {
    this.store?.set(INTENT + clientOrderId, JSON.stringify(intent));
  }

  forgetIntent(clientOrderId: string): void {
    this.store?.delete(INTENT + clientOrderId);
  }

  rememberOrder(order: TrackedOrderRecord): void {
    this.store?.set(ORDER + order.clientOrderId, JSON.stringify(order));
  }

  /** An ended order past the configured history (P2): the store keeps no more than the view. */
  forgetOrder(clientOrderId: string): void {
    this.store?.delete(ORDER + clientOrderId);
  }

  /** Every persisted intent, by client order id, in the order they were first written. */
  intents(): Array<{ clientOrderId: string; intent: IntentRecord }> {
    return this.read(INTENT, IntentRecordSchema).map(({ id, value }) => ({ clientOrderId: id, intent: value }));
  }

  /** Every persisted order, in the order they were first written. */
  orders(): TrackedOrderRecord[] {
    return this.read(ORDER, TrackedOrderRecordSchema).map(({ value }) => value);
  }

  private read<T>(prefix: string, schema: z.ZodType<T>): Array<{ id: string; value: T }> {
    const store = this.store;
    if (store === undefined) return [];
    return store.keys(prefix).flatMap((key) => {
      const text = store.get(key);
      if (text === undefined) return [];
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch {
        throw new StateCorruptError(key, 'not JSON');
      }
      const parsed = schema.safeParse(json);
      if (!parsed.success) throw new StateCorruptError(key, parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; '));
      return [{ id: key.slice(prefix.length), value: parsed.data }];
    });
  }
}
