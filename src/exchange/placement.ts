import type { Clock } from '../clock/clock';
import type { RandomStream } from '../clock/random';
import { DuplicateOrderError, ExchangeUnavailableError, MalformedResponseError, PlacementUnknownError, TradepropError, UnknownExchangeError } from '../domain/errors';
import { withRetry, type RetryInfo, type RetryPolicy } from './retry';

/**
 * Exactly-once placement (invariant O4): one intent, one client order id, at most one venue order.
 *
 * The rule: a POST is sent only while the adapter knows that no order with this client order id
 * exists at the venue (nothing sent yet, or a previous POST proven not placed). After any answer
 * that leaves the outcome open (timeout, reset, 5xx, 429, a malformed or unknown answer, a
 * duplicate-id rejection) the intent is *unknown* until the id is looked up
 * (GET /api/v3/order?origClientOrderId=…):
 * - the venue has the order: that is the placement, whatever its status (open, filled, canceled);
 * - the venue answers -2013 before `settleMs` has passed since the POST was sent: inconclusive,
 *   because a just-accepted order may be hidden by read-after-write lag; the lookup is repeated
 *   once `settleMs` has passed, and no POST is sent meanwhile;
 * - -2013 at or after `settleMs`: definitely not placed, and only then may the POST be retried.
 *
 * Why not re-POST and rely on Binance's -2010 "Duplicate order sent."? Binance refuses a reused
 * id only while the first order is open: an order filled on arrival, or canceled meanwhile, would
 * be placed a second time. The settle rule is safe against read lag and fills alike, assuming the
 * venue accepts a request only within its recvWindow and read lag stays under a bound, which
 * `settleMs` covers (`DEFAULT_PLACEMENT_POLICY`). A duplicate-id rejection is resolved by the
 * lookup, never by another POST.
 */
export interface PlacementPolicy {
  retry: RetryPolicy;
  /** recvWindow + the read-lag bound: after this, a -2013 for an id the adapter sent is the truth. */
  settleMs: number;
}

/** ccxt's Binance recvWindow (binance.js options.recvWindow): the venue refuses older requests. */
export const RECV_WINDOW_MS = 10_000;
/** The read-after-write lag the adapter tolerates: orders show up in queries within this. */
export const READ_LAG_BOUND_MS = 5_000;

export const DEFAULT_PLACEMENT_POLICY: PlacementPolicy = {
  retry: { maxAttempts: 8, baseDelayMs: 200, maxDelayMs: 4_000, deadlineMs: 90_000 },
  settleMs: RECV_WINDOW_MS + READ_LAG_BOUND_MS,
};

/**
 * Where one intent stands. Kept by the adapter across calls, so a later `place` of the same
 * intent or `reconcile` resumes the lookup instead of sending again.
 */
export interface PlacementState {
  /** When the last POST that may have landed was sent; undefined: none may have landed. */
  sentAt: number | undefined;
  /** The venue refused the id as a duplicate: an order with it exists, keep looking. */
  mustExist: boolean;
}

export interface PlacementPorts<T> {
  /** POST /api/v3/order with the intent's client order id; typed errors only. */
  post(): Promise<T>;
  /** GET /api/v3/order?origClientOrderId=…: the order, or undefined when the venue says -2013. */
  lookup(): Promise<T | undefined>;
}

export interface PlacementContext {
  clientOrderId: string;
  policy: PlacementPolicy;
  clock: Clock;
  random: RandomStream;
  onRetry?: ((info: RetryInfo) => void) | undefined;
}

export function newPlacementState(): PlacementState {
  return { sentAt: undefined, mustExist: false };
}

/** Whether the venue certainly did not place the order: a refusal that says so. */
export function definitelyNotPlaced(error: unknown): boolean {
  if (!(error instanceof TradepropError) || error.retryable) return false;
  // These say nothing about whether the order exists: they leave the outcome unknown.
  return !(error instanceof MalformedResponseError || error instanceof UnknownExchangeError || error instanceof DuplicateOrderError);
}

/**
 * Places exactly once, or throws: a definite refusal as the venue gave it (nothing placed), or
 * PlacementUnknownError when the budget ran out with the outcome still open (`state.sentAt` then
 * stays set, for the caller to resume).
 */
export async function placeExactlyOnce<T>(ports: PlacementPorts<T>, state: PlacementState, context: PlacementContext): Promise<T> {
  const { clock, policy, clientOrderId } = context;
  const unknown = (message: string, cause: unknown): PlacementUnknownError => new PlacementUnknownError(clientOrderId, message, { cause });
  const startedAt = clock.now();
  const attempt = async (): Promise<T> => {
    if (state.sentAt !== undefined) {
      const found = await resolveByLookup(ports, state, clock, policy.settleMs);
      if (found !== undefined) return found;
      if (state.sentAt !== undefined) throw unknown('the venue does not show the order it refused as a duplicate', undefined);
      // The lookup may have waited out settleMs: a POST after it must still start within the
      // retry deadline (C3), as withRetry's own retries do. Nothing is placed, so it may be retried.
      if (clock.now() - startedAt >= policy.retry.deadlineMs) {
        throw new ExchangeUnavailableError(`order ${clientOrderId} was not placed: the venue kept failing until the placement deadline of ${policy.retry.deadlineMs} ms passed; place it again`);
      }
    }
    // Set before sending: whatever happens from here, the order may exist.
    state.sentAt = clock.now();
    try {
      return await ports.post();
    } catch (error) {
      if (error instanceof DuplicateOrderError) {
        state.mustExist = true;
        throw unknown('the venue refused the id as a duplicate; looking the order up', error);
      }
      if (definitelyNotPlaced(error)) {
        state.sentAt = undefined;
        throw error;
      }
      // Retryable ones pass as they are (the retry layer reads RateLimitedError's Retry-After).
      if (error instanceof TradepropError && error.retryable) throw error;
      throw unknown('the venue answered in a way that does not say whether it placed the order', error);
    }
  };
  try {
    return await withRetry(attempt, { policy: policy.retry, clock, random: context.random, onRetry: context.onRetry });
  } catch (error) {
    if (state.sentAt === undefined || error instanceof PlacementUnknownError) throw error;
    throw unknown('outcome unknown after the retry budget; place the same intent again or reconcile', error);
  }
}

/**
 * Looks an unknown placement up. Returns the order if the venue has it; otherwise, once the
 * answer is conclusive (settled, and no duplicate refusal to contradict it), clears
 * `state.sentAt` (definitely not placed) and returns undefined. A -2013 before settling waits
 * until then and asks once more. Errors of the lookup itself propagate.
 */
export async function resolveByLookup<T>(ports: Pick<PlacementPorts<T>, 'lookup'>, state: PlacementState, clock: Clock, settleMs: number): Promise<T | undefined> {
  const sentAt = state.sentAt;
  if (sentAt === undefined) return undefined;
  let found = await ports.lookup();
  const settleAt = sentAt + settleMs;
  if (found === undefined && clock.now() < settleAt) {
    await clock.sleep(settleAt - clock.now());
    found = await ports.lookup();
  }
  if (found !== undefined) return found;
  if (!state.mustExist) state.sentAt = undefined;
  return undefined;
}
