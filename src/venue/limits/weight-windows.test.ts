import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RandomSource } from '../../clock/random';
import { VirtualClock } from '../../clock/virtual-clock';
import type { VenueHttpRequest } from '../api/http-message';
import { createVenue } from '../index';
import type { VenueEvent } from '../types';

type RequestEvent = Extract<VenueEvent, { type: 'request' }>;

/** Requests of every weight class; none is signed, so each is answered without touching balances. */
const REQUESTS: ReadonlyArray<Omit<VenueHttpRequest, 'headers' | 'body' | 'remoteAddress'>> = [
  { method: 'GET', path: '/api/v3/time', query: '' },
  { method: 'GET', path: '/api/v3/ping', query: '' },
  { method: 'GET', path: '/api/v3/exchangeInfo', query: '' },
  { method: 'GET', path: '/api/v3/openOrders', query: 'symbol=BTCUSDT&timestamp=1' },
  { method: 'GET', path: '/api/v3/openOrders', query: 'timestamp=1' },
  { method: 'GET', path: '/api/v3/myTrades', query: 'symbol=BTCUSDT&orderId=1' },
  { method: 'POST', path: '/api/v3/order', query: '' },
  { method: 'GET', path: '/api/v3/nowhere', query: '' },
];
const IPS = ['10.0.0.1', '10.0.0.2', '10.0.0.3'];

type Step = { kind: 'request'; route: number; ip: string } | { kind: 'advance'; ms: number };

const BAN_EXAMPLE: Step[] = [
  { kind: 'request', route: 3, ip: '10.0.0.1' },
  { kind: 'request', route: 7, ip: '10.0.0.1' },
  { kind: 'request', route: 2, ip: '10.0.0.1' },
  { kind: 'request', route: 2, ip: '10.0.0.1' },
  { kind: 'request', route: 0, ip: '10.0.0.1' },
  { kind: 'advance', ms: 150_000 },
  { kind: 'request', route: 0, ip: '10.0.0.1' },
];

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constant('request' as const), route: fc.nat(REQUESTS.length - 1), ip: fc.constantFrom(...IPS) }),
  fc.record({ kind: fc.constant('advance' as const), ms: fc.oneof(fc.integer({ min: 0, max: 2_000 }), fc.integer({ min: 0, max: 150_000 })) }),
);

describe('REQUEST_WEIGHT windows (invariant R2: the venue counters are the truth)', () => {
  it('counts in each window exactly the weights of the requests logged in it, and reports it in every response', async () => {
    const statusesSeen = new Set<number>();
    await fc.assert(
      fc.asyncProperty(fc.array(step, { maxLength: 120 }), fc.integer({ min: 20, max: 400 }), async (steps, weightLimit) => {
        const clock = new VirtualClock();
        const venue = createVenue({
          clock,
          random: new RandomSource('weight-windows'),
          limits: {
            rateLimits: [{ rateLimitType: 'REQUEST_WEIGHT', interval: 'MINUTE', intervalNum: 1, limit: weightLimit }],
            ipBan: { firstMs: 30_000, maxMs: 240_000 },
          },
        });
        for (const action of steps) {
          if (action.kind === 'advance') {
            await clock.advance(action.ms);
            continue;
          }
          const route = REQUESTS[action.route];
          if (route === undefined) throw new Error('no such route');
          const response = venue.handle({ ...route, headers: {}, body: '', remoteAddress: action.ip });
          // Every response carries the IP's weight in the current window, its own request included.
          const minute = Math.floor(clock.now() / 60_000) * 60_000;
          const spent = requestEvents(venue.control.events())
            .filter((event) => event.ip === action.ip && event.at >= minute)
            .reduce((sum, event) => sum + event.weight, 0);
          expect(response.headers['x-mbx-used-weight-1m']).toBe(String(spent));
          statusesSeen.add(response.status);
          if (response.status === 429 || response.status === 418) expect(Number(response.headers['retry-after'])).toBeGreaterThan(0);
        }
        const events = requestEvents(venue.control.events());
        const windows = venue.control.weightWindows();
        for (const window of windows) {
          const inWindow = events.filter((event) => event.ip === window.subject && event.at >= window.start && event.at < window.end);
          expect(window.count).toBe(inWindow.reduce((sum, event) => sum + event.weight, 0));
        }
        // And no weighed request falls outside every window.
        for (const event of events.filter((candidate) => candidate.weight > 0)) {
          expect(windows.some((window) => window.subject === event.ip && event.at >= window.start && event.at < window.end)).toBe(true);
        }
      }),
      // The example spends a 20-weight minute at once, asks again (429), asks before Retry-After
      // (418), and meets an unsigned and an unknown route: every status below is reached on
      // purpose, whatever the seed draws.
      { numRuns: 150, examples: [[BAN_EXAMPLE, 20]] },
    );
    // The schedules reach past the limits and into bans, not only the quiet path.
    expect([...statusesSeen].sort()).toEqual([200, 401, 404, 418, 429]);
  });
});

function requestEvents(events: readonly VenueEvent[]): RequestEvent[] {
  return events.filter((event): event is RequestEvent => event.type === 'request');
}
