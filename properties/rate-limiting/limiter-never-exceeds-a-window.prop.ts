/**
 * R2, R3 at the unit level: whatever mix of requests arrives, however the clock moves, whatever
 * other clients on the same IP use (revealed by the X-MBX-* headers), and whatever 429
 * Retry-After holds and 418 bans the venue hands out, the request limiter sends every request
 * exactly once, never so that a fixed window's weight or order count passes its limit, and
 * never before a Retry-After has elapsed or during a ban. The judge is models/rate-limit-model.ts,
 * which recomputes each window from the log of everything used.
 */
import { test, fc } from '@fast-check/vitest';
import { expect } from 'vitest';
import { VIRTUAL_EPOCH_MS, VirtualClock } from '../../src/clock/virtual-clock';
import { RequestLimiter } from '../../src/exchange/request-limiter';
import { initialRateLimitModel, limitHeaders, recordBan, recordRetryAfter, recordUse, sendVerdict, type RateLimitModel } from '../../models/rate-limit-model';
import { headerMode, limitRules, limiterAction, smallRules, startOffsetInDay } from './limiter-schedules';

test.prop([smallRules, headerMode, startOffsetInDay, fc.array(limiterAction, { maxLength: 80 })], { seed: 5_201, numRuns: 200 })(
  'the limiter never lets a window exceed its limit, nor sends before Retry-After or during a ban',
  async (rules, headers, startOffset, actions) => {
    const clock = new VirtualClock(VIRTUAL_EPOCH_MS + startOffset);
    const limiter = new RequestLimiter({ clock, rules: limitRules(rules), maxQueueDepth: 1000 });
    let venue: RateLimitModel = initialRateLimitModel(rules);
    const broken: string[] = [];
    const sent: Array<Promise<number>> = [];

    for (const action of actions) {
      const now = clock.now();
      switch (action.kind) {
        case 'request': {
          const { endpoint } = action;
          sent.push(
            limiter.schedule(endpoint.request, async () => {
              const at = clock.now();
              const verdict = sendVerdict(venue, endpoint, at);
              if (!verdict.allowed) broken.push(`${endpoint.request.method} ${endpoint.request.path} at +${at - VIRTUAL_EPOCH_MS} broke ${verdict.broken}`);
              venue = recordUse(venue, { at, weight: endpoint.weight, orders: endpoint.orders, by: 'ours' });
              // Its response carries the venue's counts, as every Binance response does, unless it is lost.
              const answered = headers === 'every response' || (headers === 'some responses' && action.answered);
              if (answered) limiter.observeHeaders(limitHeaders(venue, at), at);
              return at;
            }),
          );
          break;
        }
        case 'advance':
          await clock.advance(action.ms);
          break;
        case 'others':
          // Another client's use is revealed by the next response's headers; without headers it is not modelled.
          if (headers === 'none') break;
          venue = recordUse(venue, { at: now, weight: action.weight, orders: action.orders, by: 'others' });
          limiter.observeHeaders(limitHeaders(venue, now), now);
          break;
        case 'retry-after':
          venue = recordRetryAfter(venue, now + action.ms);
          limiter.observeRetryAfter(action.ms);
          break;
        case 'ban':
          venue = recordBan(venue, now + action.ms);
          limiter.observeBan(now + action.ms);
          break;
      }
    }
    // A schedule may wait out a day's ORDERS window: the limiter is judged here, not call latency (P1).
    await clock.run(Promise.all(sent), { limitMs: Number.POSITIVE_INFINITY });

    expect(broken).toEqual([]);
    const ours = venue.log.filter((record) => record.by === 'ours');
    expect(ours).toHaveLength(sent.length);
    expect(limiter.snapshot()).toMatchObject({ sent: sent.length, inFlight: 0, queued: { cancel: 0, query: 0, order: 0 } });
  },
);
