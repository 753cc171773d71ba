import type { Clock } from '../../clock/clock';
import type { RandomStream } from '../../clock/random';
import type { VenueHttpRequest } from '../api/http-message';
import type { VenueEventBody } from '../engine/event-log';
import { checkStreamFault, type StreamFault, type StreamFaultEffect } from '../stream/stream-faults';
import type { VenueFaultDetail, VenueFaultKind } from '../types';
import { clockOffsetAt, decideFaults, isSpent, type FaultRequest } from './decide';
import { NO_FAULT, WINDOW_FAULTS, type Fault, type FaultDecision, type ScheduledFault, type ScheduleOptions } from './fault';
import { drawRequestFault, drawWindows, resolvePlan, type FaultPlanOptions, type PlannedWindow, type ResolvedPlan } from './plan';

/** Fills the order a DELETE /api/v3/order names, as another trader would; the venue supplies it. */
export type CancelRace = (request: VenueHttpRequest, fill: 'all' | 'part') => VenueFaultDetail;

/** Applies a stream fault to the venue's stream server and says what it did; the venue supplies it. */
export type StreamFaultInjector = (account: string, fault: StreamFault) => StreamFaultEffect;

export interface NemesisOptions {
  /** The shared clock: windows are on it, delays sleep on it. */
  clock: Clock;
  /** The venue's 'venue-nemesis' stream: random plans draw only from it. */
  random: RandomStream;
  /** Where fault events go: the venue's event log. */
  log: { append(body: VenueEventBody): unknown };
  cancelRace?: CancelRace | undefined;
  streamFaults?: StreamFaultInjector | undefined;
}

/**
 * The venue's fault injector. Faults are off until scheduled or planned, so a venue without
 * faults behaves exactly as before. Decisions come from the pure core (decide.ts); effects are
 * applied by the transport (apply.ts).
 */
export interface Nemesis {
  readonly clock: Clock;
  /** Adds a fault, e.g. `schedule({ kind: 'response_lost' }, { matching: { method: 'POST', path: '/api/v3/order' } })`; returns its id. */
  schedule(fault: Fault, options?: ScheduleOptions): number;
  /** Adds a random fault plan drawn from the seeded stream; returns the windows it placed. */
  plan(options: FaultPlanOptions): readonly PlannedWindow[];
  /** Removes one scheduled fault. */
  unschedule(id: number): void;
  /** Removes every scheduled fault and plan: from now on the venue answers faithfully. */
  heal(): void;
  scheduled(): readonly ScheduledFault[];
  /** What happens to this request now; uses up counts and plan draws, logs clock jumps. */
  decide(request: FaultRequest): FaultDecision;
  /** Offset of the venue's API clock against the shared clock, now. */
  clockOffsetMs(): number;
  /** The venue's API clock (its `ctx.now`): the shared clock plus the current offset. */
  venueNow(): number;
  record(kind: VenueFaultKind, request: FaultRequest, detail?: VenueFaultDetail): void;
  raceCancel(request: VenueHttpRequest, fill: 'all' | 'part'): VenueFaultDetail;
  /**
   * Injects a fault into `account`'s user-data stream now (src/venue/stream/stream-faults.ts),
   * e.g. `injectStreamFault('alice', { kind: 'stream_drop', mode: 'reset' })`, and logs one
   * `fault` event (method "WS") saying what it did, even when no connection was open. A bad
   * field or an unknown account is a RangeError; nothing is then applied or logged.
   */
  injectStreamFault(account: string, fault: StreamFault): void;
}

export function createNemesis(options: NemesisOptions): Nemesis {
  const { clock, random, log } = options;
  let entries: ScheduledFault[] = [];
  let plans: ResolvedPlan[] = [];
  let nextId = 1;
  // The offset the last request was judged on: a change is logged once, as a clock jump.
  let offsetSeen = 0;

  const record = (kind: VenueFaultKind, request: FaultRequest, detail: VenueFaultDetail = {}): void => {
    log.append({ type: 'fault', kind, method: request.method, path: request.path, detail });
  };

  const schedule = (fault: Fault, scheduleOptions: ScheduleOptions = {}): number => {
    checkFault(fault);
    const { count, until } = scheduleOptions;
    if (count !== undefined && !(Number.isInteger(count) && count > 0)) throw new RangeError('fault count must be a positive integer');
    const singleRequest = !WINDOW_FAULTS.has(fault.kind);
    const id = nextId;
    nextId += 1;
    entries.push({
      id,
      fault,
      from: scheduleOptions.from ?? clock.now(),
      until,
      matching: scheduleOptions.matching,
      remaining: fault.kind === 'clock_jump' ? undefined : (count ?? (singleRequest && until === undefined ? 1 : undefined)),
    });
    return id;
  };

  const clockOffsetMs = (): number => (entries.length === 0 ? 0 : clockOffsetAt(entries, clock.now()));

  return {
    clock,
    schedule,
    plan(planOptions) {
      const plan = resolvePlan(planOptions, clock.now());
      const windows = drawWindows(planOptions, plan, random);
      for (const window of windows) schedule(window.fault, { from: window.from, until: window.until });
      if (plan.rates.length > 0) plans.push(plan);
      return windows;
    },
    unschedule(id) {
      entries = entries.filter((entry) => entry.id !== id);
    },
    heal() {
      entries = [];
      plans = [];
    },
    scheduled: () => entries,
    decide(request) {
      if (entries.length === 0 && plans.length === 0 && offsetSeen === 0) return NO_FAULT;
      const now = clock.now();
      plans = plans.filter((plan) => now < plan.until);
      let planned: Fault | undefined;
      // Every holding plan draws for every request, so the draws do not depend on which hit.
      for (const plan of plans) {
        if (now < plan.from) continue;
        const drawn = drawRequestFault(plan, random);
        planned ??= drawn;
      }
      const { decision, fired } = decideFaults(entries, request, now, planned);
      for (const entry of fired) if (entry.remaining !== undefined) entry.remaining -= 1;
      entries = entries.filter((entry) => !isSpent(entry, now));
      if (decision.clockOffsetMs !== offsetSeen) {
        record('clock_jump', request, { offsetMs: decision.clockOffsetMs, previousOffsetMs: offsetSeen });
        offsetSeen = decision.clockOffsetMs;
      }
      return decision;
    },
    clockOffsetMs,
    venueNow: () => clock.now() + clockOffsetMs(),
    record,
    raceCancel(request, fill) {
      return options.cancelRace === undefined ? { raced: false, reason: 'no venue to race against' } : options.cancelRace(request, fill);
    },
    injectStreamFault(account, fault) {
      checkStreamFault(fault);
      const effect = options.streamFaults === undefined ? { path: '', detail: { connections: 0, reason: 'no stream server' } } : options.streamFaults(account, fault);
      log.append({ type: 'fault', kind: fault.kind, method: 'WS', path: effect.path, detail: effect.detail });
    },
  };
}

function checkFault(fault: Fault): void {
  const nonNegative = (value: number, name: string): void => {
    if (!(Number.isFinite(value) && value >= 0)) throw new RangeError(`${fault.kind}: ${name} must be a finite number >= 0`);
  };
  if (fault.kind === 'delay') nonNegative(fault.ms, 'ms');
  if (fault.kind === 'read_lag') nonNegative(fault.lagMs, 'lagMs');
  if (fault.kind === 'clock_jump' && !Number.isFinite(fault.offsetMs)) throw new RangeError('clock_jump: offsetMs must be finite');
  if (fault.kind === 'rate_limit_storm' && fault.retryAfterSeconds !== undefined) nonNegative(fault.retryAfterSeconds, 'retryAfterSeconds');
}
