import { describe, expect, it } from 'vitest';
import { initialRateLimitModel, limitHeaders, recordBan, recordRetryAfter, recordUse, sendVerdict } from './rate-limit-model';

const T = 1_704_067_200_000;
const rules = { weightPerMinute: 50, ordersPer10s: 2, ordersPerDay: 3 };
const order = { weight: 1, orders: 1 };
const query = { weight: 20, orders: 0 };

describe('the rate limit model', () => {
  it('allows a request while every window, it included, stays within its limit', () => {
    let model = initialRateLimitModel(rules);
    model = recordUse(model, { at: T + 1_000, weight: 20, orders: 0, by: 'ours' });
    model = recordUse(model, { at: T + 2_000, weight: 10, orders: 0, by: 'others' });
    expect(sendVerdict(model, query, T + 59_999)).toEqual({ allowed: true });
    model = recordUse(model, { at: T + 3_000, weight: 1, orders: 0, by: 'ours' });
    expect(sendVerdict(model, query, T + 59_999)).toEqual({ allowed: false, broken: 'weight-1m' });
    // Fixed windows: the next minute starts from zero.
    expect(sendVerdict(model, query, T + 60_000)).toEqual({ allowed: true });
    expect(limitHeaders(model, T + 5_000)).toEqual({ 'x-mbx-used-weight-1m': '31', 'x-mbx-order-count-10s': '0', 'x-mbx-order-count-1d': '0' });
  });

  it('counts orders per 10 s and per UTC day', () => {
    let model = initialRateLimitModel(rules);
    for (const at of [T, T + 1]) model = recordUse(model, { at, ...order, by: 'ours' });
    expect(sendVerdict(model, order, T + 9_999)).toEqual({ allowed: false, broken: 'orders-10s' });
    expect(sendVerdict(model, query, T + 9_999)).toEqual({ allowed: true });
    model = recordUse(model, { at: T + 10_000, ...order, by: 'ours' });
    expect(sendVerdict(model, order, T + 20_000)).toEqual({ allowed: false, broken: 'orders-1d' });
    expect(sendVerdict(model, order, T + 86_400_000)).toEqual({ allowed: true });
  });

  it('forbids everything before Retry-After has elapsed and during a ban', () => {
    const held = recordRetryAfter(initialRateLimitModel(rules), T + 5_000);
    expect(sendVerdict(held, query, T + 4_999)).toEqual({ allowed: false, broken: 'retry-after' });
    expect(sendVerdict(held, query, T + 5_000)).toEqual({ allowed: true });
    const banned = recordBan(held, T + 120_000);
    expect(sendVerdict(banned, order, T + 119_999)).toEqual({ allowed: false, broken: 'ban' });
    expect(sendVerdict(banned, order, T + 120_000)).toEqual({ allowed: true });
  });
});
