import { NO_FAULT, type Fault, type FaultDecision, type FaultOutcome, type RequestMatcher, type ScheduledFault } from './fault';

/** What a decision looks at: the request line only, never its parameters or credentials. */
export interface FaultRequest {
  method: string;
  path: string;
}

export interface FaultChoice {
  decision: FaultDecision;
  /** The entries this request used up one of their `count`. */
  fired: readonly ScheduledFault[];
}

/** Binance answers a request-weight 429 until the minute ends: at most 60 s. */
const DEFAULT_RETRY_AFTER_SECONDS = 60;

/** The order queries whose answers read-after-write lag can stale. */
const ORDER_QUERIES: ReadonlySet<string> = new Set(['GET /api/v3/order', 'GET /api/v3/openOrders', 'GET /api/v3/allOrders']);
const CANCEL = 'DELETE /api/v3/order';

/**
 * Decides what the schedule (and a fault drawn by a random plan, if any) does to one request at
 * shared-clock time `now`. Pure: the nemesis applies `fired` to the counts.
 *
 * One request gets at most one outcome: maintenance before a rate-limit storm before the
 * earliest scheduled single-request fault before the planned one. Delays add up; the earliest
 * read lag wins.
 */
export function decideFaults(schedule: readonly ScheduledFault[], request: FaultRequest, now: number, planned?: Fault): FaultChoice {
  let maintenance: ScheduledFault | undefined;
  let storm: ScheduledFault | undefined;
  let single: ScheduledFault | undefined;
  let lag: ScheduledFault | undefined;
  const delays: ScheduledFault[] = [];
  for (const entry of schedule) {
    if (!isHolding(entry, now) || !matches(entry.matching, request) || !appliesTo(entry.fault, request)) continue;
    const kind = entry.fault.kind;
    if (kind === 'clock_jump') continue;
    if (kind === 'maintenance') maintenance ??= entry;
    else if (kind === 'rate_limit_storm') storm ??= entry;
    else if (kind === 'delay') delays.push(entry);
    else if (kind === 'read_lag') lag ??= entry;
    else single ??= entry;
  }
  const outcomeEntry = maintenance ?? storm ?? single;
  const fired = [...(outcomeEntry === undefined ? [] : [outcomeEntry]), ...delays, ...(lag === undefined ? [] : [lag])];
  const clockOffsetMs = clockOffsetAt(schedule, now);
  let decision: FaultDecision = {
    clockOffsetMs,
    requestDelayMs: sumDelays(delays.map((entry) => entry.fault), 'request'),
    responseDelayMs: sumDelays(delays.map((entry) => entry.fault), 'response'),
    outcome: outcomeEntry === undefined ? undefined : outcomeOf(outcomeEntry.fault, outcomeEntry.until, now),
    readLagMs: lag?.fault.kind === 'read_lag' ? lag.fault.lagMs : undefined,
  };
  if (planned !== undefined && appliesTo(planned, request)) decision = withPlanned(decision, planned, now);
  if (fired.length === 0 && clockOffsetMs === 0 && decision.outcome === undefined && isQuiet(decision)) return { decision: NO_FAULT, fired };
  return { decision, fired };
}

/** The venue clock's offset at shared-clock time `now`: the sum of the clock jumps holding. */
export function clockOffsetAt(schedule: readonly ScheduledFault[], now: number): number {
  let offset = 0;
  for (const entry of schedule) if (entry.fault.kind === 'clock_jump' && isHolding(entry, now)) offset += entry.fault.offsetMs;
  return offset;
}

export function isHolding(entry: ScheduledFault, now: number): boolean {
  return now >= entry.from && (entry.until === undefined || now < entry.until) && (entry.remaining === undefined || entry.remaining > 0);
}

/** Whether the entry can never hold again at or after `now`: it may be dropped. */
export function isSpent(entry: ScheduledFault, now: number): boolean {
  return (entry.until !== undefined && now >= entry.until) || entry.remaining === 0;
}

function matches(matcher: RequestMatcher | undefined, request: FaultRequest): boolean {
  if (matcher === undefined) return true;
  return (matcher.method === undefined || matcher.method.toUpperCase() === request.method.toUpperCase()) && (matcher.path === undefined || matcher.path === request.path);
}

/** A cancel race needs a cancel and read lag an order query: elsewhere they neither act nor use up their count. */
function appliesTo(fault: Fault, request: FaultRequest): boolean {
  const line = `${request.method.toUpperCase()} ${request.path}`;
  if (fault.kind === 'cancel_race') return line === CANCEL;
  if (fault.kind === 'read_lag') return ORDER_QUERIES.has(line);
  return true;
}

function outcomeOf(fault: Fault, until: number | undefined, now: number): FaultOutcome | undefined {
  switch (fault.kind) {
    case 'response_lost':
    case 'connection_reset':
    case 'maintenance':
      return { kind: fault.kind };
    case 'server_error':
      return { kind: 'server_error', status: fault.status, internalError: fault.internalError ?? false, applied: fault.applied ?? false };
    case 'rate_limit_storm': {
      const untilEnd = until === undefined ? DEFAULT_RETRY_AFTER_SECONDS : Math.ceil((until - now) / 1000);
      return { kind: 'rate_limit_storm', retryAfterSeconds: Math.max(1, fault.retryAfterSeconds ?? untilEnd), ban: fault.ban ?? false };
    }
    case 'cancel_race':
      return { kind: 'cancel_race', fill: fault.fill ?? 'all' };
    case 'tamper':
      return { kind: 'tamper', param: fault.param };
    case 'corrupt_response':
      return { kind: 'corrupt_response', variant: fault.variant, applied: fault.applied ?? true };
    default:
      return undefined;
  }
}

function withPlanned(decision: FaultDecision, planned: Fault, now: number): FaultDecision {
  if (planned.kind === 'delay') return { ...decision, ...addDelay(decision, planned) };
  if (planned.kind === 'read_lag') return decision.readLagMs === undefined ? { ...decision, readLagMs: planned.lagMs } : decision;
  if (decision.outcome !== undefined) return decision;
  return { ...decision, outcome: outcomeOf(planned, undefined, now) };
}

function addDelay(decision: FaultDecision, delay: Extract<Fault, { kind: 'delay' }>): Pick<FaultDecision, 'requestDelayMs' | 'responseDelayMs'> {
  const onRequest = delay.phase === 'request';
  return {
    requestDelayMs: decision.requestDelayMs + (onRequest ? delay.ms : 0),
    responseDelayMs: decision.responseDelayMs + (onRequest ? 0 : delay.ms),
  };
}

function sumDelays(faults: readonly Fault[], phase: 'request' | 'response'): number {
  let total = 0;
  for (const fault of faults) if (fault.kind === 'delay' && (fault.phase ?? 'response') === phase) total += Math.max(0, fault.ms);
  return total;
}

function isQuiet(decision: FaultDecision): boolean {
  return decision.requestDelayMs === 0 && decision.responseDelayMs === 0 && decision.readLagMs === undefined;
}
