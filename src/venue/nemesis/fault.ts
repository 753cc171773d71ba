import type { StreamFault } from '../stream/stream-faults';
import type { VenueFaultKind } from '../types';
import type { CorruptionVariant } from './corruption';

/**
 * The REST faults the nemesis can schedule, as data (stream faults, injected at once, are
 * `StreamFault` in src/venue/stream/stream-faults.ts). Window faults (maintenance,
 * rate_limit_storm, clock_jump, read_lag) hold for a period; the others hit single requests.
 *
 * Binance's spot REST doc on 5XX: "the execution status is UNKNOWN and could have been a
 * success", so a server error carries `applied`: whether the venue applied the request before
 * the error was answered.
 */
export type Fault =
  /** The request ('request': before the venue sees it) or its answer ('response', the default) waits `ms` on the venue clock. */
  | { kind: 'delay'; ms: number; phase?: 'request' | 'response' | undefined }
  /** The venue applies the request; the answer never arrives (the client times out). */
  | { kind: 'response_lost' }
  /** The connection breaks before the venue sees the request: nothing is applied. */
  | { kind: 'connection_reset' }
  /** `internalError`: the body is Binance's -1001 "Internal error; unable to process your request" (else empty). */
  | { kind: 'server_error'; status: ServerErrorStatus; internalError?: boolean | undefined; applied?: boolean | undefined }
  /**
   * Every request answered 429 -1003 with Retry-After; `retryAfterSeconds` defaults to the time
   * left in the window. With `ban`, 418 "IP banned until ..." instead, as Binance answers an IP
   * that kept sending through its 429s (another process behind the same IP, say).
   */
  | { kind: 'rate_limit_storm'; retryAfterSeconds?: number | undefined; ban?: boolean | undefined }
  /** Every request answered 503 without reaching the venue. */
  | { kind: 'maintenance' }
  /**
   * The venue's API clock (server time, the recvWindow check, transactTime) runs `offsetMs` ahead
   * (negative: behind) of the shared clock while the fault holds, so timestamps a client signs
   * on the shared clock drift against it (-1021). The engine and event log stay on the shared clock.
   */
  | { kind: 'clock_jump'; offsetMs: number }
  /** Order queries do not see orders accepted less than `lagMs` ago (venue clock). */
  | { kind: 'read_lag'; lagMs: number }
  /** Just before a DELETE /api/v3/order is handled, another trader fills the order ('all', default) or about half of what is left ('part'). */
  | { kind: 'cancel_race'; fill?: 'all' | 'part' | undefined }
  /**
   * A man in the middle alters one signed parameter in transit (`param`, default `quantity`, or
   * the first signed one the request carries), so the venue's HMAC check fails: -1022, nothing applied.
   */
  | { kind: 'tamper'; param?: string | undefined }
  /**
   * The answer's body is replaced by a `variant` of it (corruption.ts). `applied` (default true):
   * the venue applied the request and its answer was corrupted on the way back (a refusal, 4XX,
   * passes unchanged: it applied nothing); false: something
   * in front of the venue answered 200 with the corrupted body and the venue never saw the request.
   */
  | { kind: 'corrupt_response'; variant: CorruptionVariant; applied?: boolean | undefined };

export type ServerErrorStatus = 500 | 502 | 503 | 504;

/** Which requests a scheduled fault may hit; an absent field matches anything. */
export interface RequestMatcher {
  /** Upper case, e.g. "POST". */
  method?: string | undefined;
  /** Exact path, e.g. "/api/v3/order". */
  path?: string | undefined;
}

export interface ScheduleOptions {
  /** Shared-clock ms from which the fault holds (inclusive); default: now. */
  from?: number | undefined;
  /** Shared-clock ms at which it stops holding (exclusive); default: never. */
  until?: number | undefined;
  matching?: RequestMatcher | undefined;
  /**
   * How many requests it hits. Default: 1 for single-request faults scheduled without `until`
   * ("the next POST /api/v3/order loses its response"); unlimited otherwise. clock_jump ignores it.
   */
  count?: number | undefined;
}

/** One entry of the schedule. `remaining` undefined: unlimited within the window. */
export interface ScheduledFault {
  readonly id: number;
  readonly fault: Fault;
  readonly from: number;
  readonly until: number | undefined;
  readonly matching: RequestMatcher | undefined;
  remaining: number | undefined;
}

/** How a request ends when a fault decides it; at most one per request. */
export type FaultOutcome =
  | { kind: 'response_lost' }
  | { kind: 'connection_reset' }
  | { kind: 'server_error'; status: ServerErrorStatus; internalError: boolean; applied: boolean }
  | { kind: 'rate_limit_storm'; retryAfterSeconds: number; ban: boolean }
  | { kind: 'maintenance' }
  | { kind: 'cancel_race'; fill: 'all' | 'part' }
  | { kind: 'tamper'; param: string | undefined }
  | { kind: 'corrupt_response'; variant: CorruptionVariant; applied: boolean };

/**
 * What the nemesis does to one request: transport-independent, so the in-process fetch and the
 * loopback HTTP server apply the same decisions (see apply.ts).
 */
export interface FaultDecision {
  /** The API clock's offset against the shared clock while this request is handled. */
  clockOffsetMs: number;
  requestDelayMs: number;
  responseDelayMs: number;
  outcome: FaultOutcome | undefined;
  /** Orders accepted less than this long ago are hidden from this query's answer. */
  readLagMs: number | undefined;
}

export const NO_FAULT: FaultDecision = Object.freeze({ clockOffsetMs: 0, requestDelayMs: 0, responseDelayMs: 0, outcome: undefined, readLagMs: undefined });

/** Faults that hold for a period rather than hit one request. */
export const WINDOW_FAULTS: ReadonlySet<Fault['kind']> = new Set(['maintenance', 'rate_limit_storm', 'clock_jump', 'read_lag']);

// The event log's kinds are the REST and stream faults' kinds, one set: a new fault must be logged by name.
type SameKinds<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const KINDS_MATCH: SameKinds<Fault['kind'] | StreamFault['kind'], VenueFaultKind> = true;
void KINDS_MATCH;
