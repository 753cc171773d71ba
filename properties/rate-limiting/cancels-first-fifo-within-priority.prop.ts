/**
 * R4 at the unit level: whenever the limiter sends a request, every request still waiting has
 * a lower priority (cancel, then query, then order) or the same priority and arrived later; so a
 * waiting cancel is never overtaken by a new order, and within one priority it is first in,
 * first out. With a small bounded queue, a request is dropped (QueueFullError) only while
 * nothing of a lower priority waits, so a cancel is never dropped to keep an order.
 */
import { test, fc } from '@fast-check/vitest';
import { expect } from 'vitest';
import { VIRTUAL_EPOCH_MS, VirtualClock } from '../../src/clock/virtual-clock';
import { QueueFullError } from '../../src/domain/errors';
import { RequestLimiter } from '../../src/exchange/request-limiter';
import { PRIORITY_RANK, limitRules, limiterAction, smallRules } from './limiter-schedules';

interface Tracked {
  seq: number;
  rank: number;
  label: string;
}

const describeRequest = (request: Tracked): string => `#${request.seq} ${request.label}`;

test.prop([smallRules, fc.integer({ min: 1, max: 8 }), fc.array(limiterAction, { maxLength: 80 })], { seed: 5_204, numRuns: 200 })(
  'cancels go before queries before orders, first in first out within a priority, and a full queue drops the lowest',
  async (rules, maxQueueDepth, actions) => {
    const clock = new VirtualClock(VIRTUAL_EPOCH_MS);
    const limiter = new RequestLimiter({ clock, rules: limitRules(rules), maxQueueDepth });
    const waiting = new Map<number, Tracked>();
    const broken: string[] = [];
    const settled: Array<Promise<unknown>> = [];
    let seq = 0;

    for (const action of actions) {
      const now = clock.now();
      switch (action.kind) {
        case 'request': {
          const request: Tracked = { seq: seq++, rank: PRIORITY_RANK[action.endpoint.request.priority], label: `${action.endpoint.request.priority} ${action.endpoint.request.path}` };
          waiting.set(request.seq, request);
          const outcome = limiter.schedule(action.endpoint.request, async () => {
            waiting.delete(request.seq);
            for (const other of waiting.values()) {
              const overtook = other.rank < request.rank || (other.rank === request.rank && other.seq < request.seq);
              if (overtook) broken.push(`${describeRequest(request)} was sent while ${describeRequest(other)} waited`);
            }
          });
          settled.push(
            outcome.catch((error: unknown) => {
              if (!(error instanceof QueueFullError)) throw error;
              waiting.delete(request.seq);
              const lower = [...waiting.values()].filter((other) => other.rank > request.rank);
              if (lower.length > 0) broken.push(`${describeRequest(request)} was dropped while ${lower.map(describeRequest).join(', ')} waited`);
            }),
          );
          // Let the rejection of a request the queue dropped be recorded before the next action.
          await Promise.resolve();
          break;
        }
        case 'advance':
          await clock.advance(action.ms);
          break;
        case 'others':
          limiter.observeHeaders({ 'x-mbx-used-weight-1m': String(action.weight), 'x-mbx-order-count-10s': String(action.orders) }, now);
          break;
        case 'retry-after':
          limiter.observeRetryAfter(action.ms);
          break;
        case 'ban':
          limiter.observeBan(now + action.ms);
          break;
      }
    }
    // A schedule may wait out a day's ORDERS window: the limiter is judged here, not call latency (P1).
    await clock.run(Promise.all(settled), { limitMs: Number.POSITIVE_INFINITY });

    expect(broken).toEqual([]);
    expect(waiting.size).toBe(0);
  },
);
