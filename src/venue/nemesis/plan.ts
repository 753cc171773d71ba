import type { RandomStream } from '../../clock/random';
import type { Fault, ServerErrorStatus } from './fault';

/** Single-request faults a plan can draw per request. */
export type PlannedRequestFaultKind = 'delay' | 'response_lost' | 'connection_reset' | 'server_error' | 'read_lag' | 'cancel_race';
/** Window faults a plan places at random inside its span. */
export type PlannedWindowFaultKind = 'maintenance' | 'rate_limit_storm' | 'clock_jump';

export interface FaultPlanOptions {
  /** Shared-clock ms the plan starts at; default: now. */
  from?: number | undefined;
  /** Shared-clock ms the plan ends at: a plan is bounded, so a run can heal after it. */
  until: number;
  /** Chance per request of each single-request fault; together at most 1. */
  perRequest?: Partial<Record<PlannedRequestFaultKind, number>> | undefined;
  /** How many windows of each kind to place in the span. */
  windows?: Partial<Record<PlannedWindowFaultKind, number>> | undefined;
  /** Window length range; default 1 s to 10 s. */
  windowMs?: { min: number; max: number } | undefined;
  /** Largest drawn delay; default 3000 ms. */
  maxDelayMs?: number | undefined;
  /** Largest drawn clock jump either way; default 5000 ms. */
  maxClockJumpMs?: number | undefined;
  /** Largest drawn read lag; default 2000 ms. */
  maxLagMs?: number | undefined;
}

export interface PlannedWindow {
  fault: Fault;
  from: number;
  until: number;
}

/** A plan with its defaults filled in, as the nemesis keeps it. */
export interface ResolvedPlan {
  from: number;
  until: number;
  rates: ReadonlyArray<readonly [PlannedRequestFaultKind, number]>;
  maxDelayMs: number;
  maxLagMs: number;
}

// Fixed orders, so the same draw always means the same fault.
const REQUEST_KINDS: readonly PlannedRequestFaultKind[] = ['delay', 'response_lost', 'connection_reset', 'server_error', 'read_lag', 'cancel_race'];
const WINDOW_KINDS: readonly PlannedWindowFaultKind[] = ['maintenance', 'rate_limit_storm', 'clock_jump'];
const SERVER_ERRORS: ReadonlyArray<{ status: ServerErrorStatus; internalError: boolean }> = [
  { status: 500, internalError: false },
  { status: 502, internalError: false },
  { status: 503, internalError: false },
  { status: 503, internalError: true },
  { status: 504, internalError: false },
];

/** Checks the options and fills in defaults; RangeError names the bad option. */
export function resolvePlan(options: FaultPlanOptions, now: number): ResolvedPlan {
  const from = options.from ?? now;
  if (!(options.until > from)) throw new RangeError(`fault plan: until (${options.until}) must be after from (${from})`);
  const rates = REQUEST_KINDS.flatMap((kind): Array<readonly [PlannedRequestFaultKind, number]> => {
    const rate = options.perRequest?.[kind] ?? 0;
    if (!(rate >= 0 && rate <= 1)) throw new RangeError(`fault plan: perRequest.${kind} must be within [0, 1]`);
    return rate > 0 ? [[kind, rate]] : [];
  });
  if (rates.reduce((sum, [, rate]) => sum + rate, 0) > 1) throw new RangeError('fault plan: perRequest rates must sum to at most 1');
  return { from, until: options.until, rates, maxDelayMs: options.maxDelayMs ?? 3000, maxLagMs: options.maxLagMs ?? 2000 };
}

/** Places the plan's windows at random in its span; draws happen in a fixed order. */
export function drawWindows(options: FaultPlanOptions, plan: ResolvedPlan, random: RandomStream): PlannedWindow[] {
  const minMs = Math.max(1, options.windowMs?.min ?? 1000);
  const maxMs = Math.max(minMs, options.windowMs?.max ?? 10_000);
  const maxJump = Math.max(1, options.maxClockJumpMs ?? 5000);
  const span = plan.until - plan.from;
  const windows: PlannedWindow[] = [];
  for (const kind of WINDOW_KINDS) {
    const count = options.windows?.[kind] ?? 0;
    for (let i = 0; i < count; i += 1) {
      const length = Math.min(span, random.int(minMs, maxMs));
      const from = plan.from + random.int(0, span - length);
      windows.push({ fault: windowFault(kind, random, maxJump), from, until: from + length });
    }
  }
  return windows;
}

/**
 * One draw per request inside the plan's span decides whether a fault hits it; a hit draws its
 * parameters. The same seed and the same requests therefore draw the same faults.
 */
export function drawRequestFault(plan: ResolvedPlan, random: RandomStream): Fault | undefined {
  let roll = random.next();
  for (const [kind, rate] of plan.rates) {
    if (roll < rate) return requestFault(kind, plan, random);
    roll -= rate;
  }
  return undefined;
}

function requestFault(kind: PlannedRequestFaultKind, plan: ResolvedPlan, random: RandomStream): Fault {
  switch (kind) {
    case 'delay':
      return { kind, ms: random.int(1, plan.maxDelayMs), phase: random.next() < 0.5 ? 'request' : 'response' };
    case 'response_lost':
    case 'connection_reset':
      return { kind };
    case 'server_error': {
      const { status, internalError } = random.pick(SERVER_ERRORS);
      // -1001 says "unable to process": never applied. A bare 5XX leaves the status unknown (Binance doc).
      return { kind, status, internalError, applied: !internalError && random.next() < 0.5 };
    }
    case 'read_lag':
      return { kind, lagMs: random.int(1, plan.maxLagMs) };
    case 'cancel_race':
      return { kind, fill: random.next() < 0.5 ? 'all' : 'part' };
  }
}

function windowFault(kind: PlannedWindowFaultKind, random: RandomStream, maxJump: number): Fault {
  if (kind === 'clock_jump') {
    const magnitude = random.int(1, maxJump);
    return { kind, offsetMs: random.next() < 0.5 ? -magnitude : magnitude };
  }
  return { kind };
}
