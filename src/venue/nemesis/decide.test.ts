import { describe, expect, it } from 'vitest';
import { RandomSource } from '../../clock/random';
import { VirtualClock } from '../../clock/virtual-clock';
import { EventLog } from '../engine/event-log';
import { clockOffsetAt, decideFaults } from './decide';
import { NO_FAULT, type Fault, type ScheduledFault } from './fault';
import { createNemesis } from './nemesis';
import { drawRequestFault, drawWindows, resolvePlan } from './plan';

const T0 = 1_000_000;
const POST_ORDER = { method: 'POST', path: '/api/v3/order' };
const GET_ORDER = { method: 'GET', path: '/api/v3/order' };
const DELETE_ORDER = { method: 'DELETE', path: '/api/v3/order' };

let ids = 0;
function entry(fault: Fault, options: Partial<Omit<ScheduledFault, 'id' | 'fault'>> = {}): ScheduledFault {
  ids += 1;
  return { id: ids, fault, from: options.from ?? T0, until: options.until, matching: options.matching, remaining: options.remaining };
}

describe('decideFaults (the pure core)', () => {
  it('decides nothing for an empty schedule', () => {
    expect(decideFaults([], POST_ORDER, T0)).toEqual({ decision: NO_FAULT, fired: [] });
  });

  it('holds a fault from `from` (inclusive) to `until` (exclusive), for matching requests only', () => {
    const lost = entry({ kind: 'response_lost' }, { from: T0 + 10, until: T0 + 20, matching: { method: 'post', path: '/api/v3/order' } });
    expect(decideFaults([lost], POST_ORDER, T0 + 9).decision.outcome).toBeUndefined();
    expect(decideFaults([lost], POST_ORDER, T0 + 10).decision.outcome).toEqual({ kind: 'response_lost' });
    expect(decideFaults([lost], GET_ORDER, T0 + 10).decision.outcome).toBeUndefined();
    expect(decideFaults([lost], POST_ORDER, T0 + 20).decision.outcome).toBeUndefined();
  });

  it('gives one outcome a request: maintenance, then a storm, then the earliest single fault, then the planned one', () => {
    const reset = entry({ kind: 'connection_reset' });
    const lost = entry({ kind: 'response_lost' });
    const storm = entry({ kind: 'rate_limit_storm' }, { until: T0 + 2500 });
    const maintenance = entry({ kind: 'maintenance' });
    expect(decideFaults([reset, lost, storm, maintenance], POST_ORDER, T0).decision.outcome).toEqual({ kind: 'maintenance' });
    expect(decideFaults([reset, lost, storm], POST_ORDER, T0)).toMatchObject({ decision: { outcome: { kind: 'rate_limit_storm', retryAfterSeconds: 3 } }, fired: [storm] });
    expect(decideFaults([lost, reset], POST_ORDER, T0, { kind: 'maintenance' })).toMatchObject({ decision: { outcome: { kind: 'response_lost' } }, fired: [lost] });
    expect(decideFaults([], POST_ORDER, T0, { kind: 'connection_reset' }).decision.outcome).toEqual({ kind: 'connection_reset' });
  });

  it('adds up delays per phase and fills in server error defaults', () => {
    const schedule = [entry({ kind: 'delay', ms: 100 }), entry({ kind: 'delay', ms: 50, phase: 'request' }), entry({ kind: 'server_error', status: 504 })];
    const { decision, fired } = decideFaults(schedule, POST_ORDER, T0, { kind: 'delay', ms: 7 });
    expect(decision).toMatchObject({ requestDelayMs: 50, responseDelayMs: 107, outcome: { kind: 'server_error', status: 504, internalError: false, applied: false } });
    expect(fired).toHaveLength(3);
  });

  it('lets a cancel race hit cancels and read lag hit order queries only, without using them up elsewhere', () => {
    const race = entry({ kind: 'cancel_race' });
    const lag = entry({ kind: 'read_lag', lagMs: 500 });
    expect(decideFaults([race, lag], POST_ORDER, T0)).toEqual({ decision: NO_FAULT, fired: [] });
    expect(decideFaults([race, lag], DELETE_ORDER, T0)).toMatchObject({ decision: { outcome: { kind: 'cancel_race', fill: 'all' } }, fired: [race] });
    expect(decideFaults([race, lag], { method: 'GET', path: '/api/v3/openOrders' }, T0)).toMatchObject({ decision: { readLagMs: 500 }, fired: [lag] });
  });

  it('sums the clock jumps holding into the venue clock offset', () => {
    const schedule = [entry({ kind: 'clock_jump', offsetMs: 5000 }, { until: T0 + 100 }), entry({ kind: 'clock_jump', offsetMs: -2000 })];
    expect(clockOffsetAt(schedule, T0)).toBe(3000);
    expect(clockOffsetAt(schedule, T0 + 100)).toBe(-2000);
    expect(decideFaults(schedule, GET_ORDER, T0)).toMatchObject({ decision: { clockOffsetMs: 3000, outcome: undefined }, fired: [] });
  });
});

describe('the nemesis', () => {
  const setup = () => {
    const clock = new VirtualClock(T0);
    const log = new EventLog(() => clock.now());
    return { clock, log, nemesis: createNemesis({ clock, random: new RandomSource('n').stream('venue-nemesis'), log }) };
  };

  it('hits the next matching request once by default, a window without count every request in it', async () => {
    const { clock, nemesis } = setup();
    nemesis.schedule({ kind: 'server_error', status: 500 }, { matching: POST_ORDER });
    nemesis.schedule({ kind: 'delay', ms: 10 }, { until: T0 + 1000 });
    nemesis.schedule({ kind: 'connection_reset' }, { count: 2 });
    expect(nemesis.decide(POST_ORDER)).toMatchObject({ outcome: { kind: 'server_error' }, responseDelayMs: 10 });
    expect(nemesis.decide(POST_ORDER)).toMatchObject({ outcome: { kind: 'connection_reset' }, responseDelayMs: 10 });
    expect(nemesis.decide(POST_ORDER)).toMatchObject({ outcome: { kind: 'connection_reset' } });
    expect(nemesis.decide(POST_ORDER).outcome).toBeUndefined();
    await clock.advance(1000);
    expect(nemesis.decide(POST_ORDER)).toBe(NO_FAULT);
    expect(nemesis.scheduled()).toEqual([]);
  });

  it('logs a change of the venue clock offset once, with the request that first saw it', async () => {
    const { clock, log, nemesis } = setup();
    nemesis.schedule({ kind: 'clock_jump', offsetMs: -1500 }, { until: T0 + 10 });
    expect(nemesis.venueNow()).toBe(T0 - 1500);
    nemesis.decide(GET_ORDER);
    nemesis.decide(GET_ORDER);
    await clock.advance(10);
    nemesis.decide(POST_ORDER);
    nemesis.decide(POST_ORDER);
    expect(log.all().map((event) => (event.type === 'fault' ? [event.kind, event.method, event.detail] : event.type))).toEqual([
      ['clock_jump', 'GET', { offsetMs: -1500, previousOffsetMs: 0 }],
      ['clock_jump', 'POST', { offsetMs: 0, previousOffsetMs: -1500 }],
    ]);
  });

  it('refuses faults and counts that make no sense, naming the field', () => {
    const { nemesis } = setup();
    expect(() => nemesis.schedule({ kind: 'delay', ms: -1 })).toThrow('delay: ms');
    expect(() => nemesis.schedule({ kind: 'response_lost' }, { count: 0 })).toThrow('count');
    expect(() => nemesis.plan({ until: T0 })).toThrow('until');
    expect(() => nemesis.plan({ until: T0 + 1, perRequest: { delay: 0.6, response_lost: 0.6 } })).toThrow('sum');
  });

  it('heals: nothing scheduled or planned is left', () => {
    const { nemesis } = setup();
    nemesis.plan({ until: T0 + 60_000, perRequest: { connection_reset: 1 }, windows: { maintenance: 2 } });
    expect(nemesis.decide(GET_ORDER).outcome).toBeDefined();
    nemesis.heal();
    expect(nemesis.decide(GET_ORDER)).toBe(NO_FAULT);
  });
});

describe('random fault plans', () => {
  const options = { from: T0, until: T0 + 60_000, perRequest: { delay: 0.2, server_error: 0.3, cancel_race: 0.1 }, windows: { maintenance: 2, clock_jump: 1 } };

  it('draws the same windows and request faults from the same seed, others from another', () => {
    const draw = (seed: string) => {
      const random = new RandomSource(seed).stream('venue-nemesis');
      const plan = resolvePlan(options, T0);
      return { windows: drawWindows(options, plan, random), faults: Array.from({ length: 50 }, () => drawRequestFault(plan, random)) };
    };
    expect(draw('a')).toEqual(draw('a'));
    expect(draw('b')).not.toEqual(draw('a'));
  });

  it('places windows inside the span and hits requests about as often as asked', () => {
    const random = new RandomSource('rates').stream('venue-nemesis');
    const plan = resolvePlan(options, T0);
    for (const window of drawWindows(options, plan, random)) {
      expect(window.from).toBeGreaterThanOrEqual(T0);
      expect(window.until).toBeLessThanOrEqual(T0 + 60_000);
    }
    const faults = Array.from({ length: 4000 }, () => drawRequestFault(plan, random));
    const share = (kind: string): number => faults.filter((fault) => fault?.kind === kind).length / faults.length;
    expect(share('delay')).toBeCloseTo(0.2, 1);
    expect(share('server_error')).toBeCloseTo(0.3, 1);
    expect(share('cancel_race')).toBeCloseTo(0.1, 1);
  });
});
