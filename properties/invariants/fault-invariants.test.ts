import { describe, expect, it } from 'vitest';
import type { VenueEvent } from '../../src/venue/types';
import { requestWhileBreakerOpen } from './breaker-opens';
import { secretLeak } from './no-secret-leaks';
import { blindRetryAfterSkew } from './resync-after-skew';
import { retryViolation, type LoggedRequest } from './retries-bounded';
import { retryAfterViolation, windowOverLimit } from './retry-after';

// Each check of the fault properties, shown to fail on the smallest log that breaks its rule and
// to hold on the same log done right: the seeded-bug fixtures cover the rest (properties/seeded-bugs.*.test.ts).

let seq = 0;
const request = (at: number, path: string, status = 200, code?: number): VenueEvent => ({ seq: (seq += 1), at, type: 'request', method: 'GET', path, status, code, ip: '127.0.0.1', weight: 20 });
const fault = (at: number, kind: 'rate_limit_storm' | 'maintenance', detail: Record<string, number | boolean>): VenueEvent => ({ seq: (seq += 1), at, type: 'fault', kind, method: 'GET', path: '/api/v3/account', detail });
const storm = (at: number, retryAfterSeconds: number, status = 429): VenueEvent => fault(at, 'rate_limit_storm', { applied: false, status, code: -1003, retryAfterSeconds });
const outage = (at: number): VenueEvent => fault(at, 'maintenance', { applied: false, status: 503 });

describe('R3: nothing before Retry-After or the end of a ban', () => {
  it('flags a request inside a 429 Retry-After, not one after it, nor one in flight with the 429', () => {
    expect(retryAfterViolation([storm(0, 2), request(0, '/api/v3/account'), request(2_000, '/api/v3/account')])).toBeUndefined();
    expect(retryAfterViolation([storm(0, 2), request(1_999, '/api/v3/account')])).toMatch(/1 ms before the 429's Retry-After of 2 s/);
    expect(retryAfterViolation([storm(0, 2), storm(100, 2)])).toMatch(/1900 ms before/);
  });

  it("flags a request inside a storm's 418 ban Retry-After, not one after it", () => {
    expect(retryAfterViolation([storm(0, 5, 418), request(4_999, '/api/v3/account')])).toMatch(/1 ms before the 418's Retry-After of 5 s/);
    expect(retryAfterViolation([storm(0, 5, 418), request(5_000, '/api/v3/account')])).toBeUndefined();
  });

  it('flags a request during an IP ban, not one after it', () => {
    const ban: VenueEvent = { seq: (seq += 1), at: 0, type: 'ip_banned', ip: '127.0.0.1', until: 120_000, bans: 1 };
    expect(retryAfterViolation([ban, request(60_000, '/api/v3/time', 418)])).toMatch(/IP ban/);
    expect(retryAfterViolation([ban, request(120_000, '/api/v3/time')])).toBeUndefined();
  });
});

describe('R2: every window within its limit', () => {
  it('flags a REQUEST_WEIGHT minute over 6000, not one at it', () => {
    const window = { rateLimitType: 'REQUEST_WEIGHT', interval: '1M', subject: '127.0.0.1', start: 0 };
    expect(windowOverLimit([{ ...window, count: 6000 }])).toBeUndefined();
    expect(windowOverLimit([{ ...window, count: 6001 }])).toMatch(/counted 6001, over its limit of 6000/);
  });
});

describe('S3: a time sync between a -1021 and the next signed request', () => {
  it('flags a signed request re-sent without GET /api/v3/time, not one after it', () => {
    const skewed = request(0, '/api/v3/account', 400, -1021);
    expect(blindRetryAfterSkew([skewed, request(0, '/api/v3/account')])).toMatch(/without a GET \/api\/v3\/time/);
    expect(blindRetryAfterSkew([skewed, request(0, '/api/v3/time'), request(0, '/api/v3/account')])).toBeUndefined();
  });
});

describe('C2: nothing reaches the venue while the breaker is open', () => {
  const settings = { failureThreshold: 3, openMs: 30_000 };
  it('flags a request inside the open window, not the probe after it, and a failed probe opens it again', () => {
    const opened = [outage(0), outage(10), outage(20)];
    expect(requestWhileBreakerOpen([...opened, request(29_999, '/api/v3/account')], settings)).toMatch(/should be open \(opened at 20/);
    expect(requestWhileBreakerOpen([...opened, request(30_020, '/api/v3/account'), outage(30_030)], settings)).toBeUndefined();
    expect(requestWhileBreakerOpen([...opened, outage(30_020), request(40_000, '/api/v3/account')], settings)).toMatch(/opened at 30020/);
  });

  it('lets a cancel through an open breaker and does not count it, failed or answered', () => {
    const cancel = (at: number): VenueEvent => ({ seq: (seq += 1), at, type: 'request', method: 'DELETE', path: '/api/v3/order', status: 200, code: undefined, ip: '127.0.0.1', weight: 1 });
    const opened = [outage(0), outage(10), outage(20)];
    expect(requestWhileBreakerOpen([...opened, cancel(25), request(29_999, '/api/v3/account')], settings)).toMatch(/should be open \(opened at 20/);
    expect(requestWhileBreakerOpen([outage(0), outage(10), cancel(15), outage(20), request(25, '/api/v3/account')], settings)).toMatch(/should be open \(opened at 20/);
  });

  it("lets the trade reads that complete a cancel through, and nothing after another request", () => {
    const cancel = (at: number): VenueEvent => ({ seq: (seq += 1), at, type: 'request', method: 'DELETE', path: '/api/v3/openOrders', status: 200, code: undefined, ip: '127.0.0.1', weight: 1 });
    const opened = [outage(0), outage(10), outage(20)];
    expect(requestWhileBreakerOpen([...opened, cancel(25), request(25, '/api/v3/myTrades'), request(25, '/api/v3/myTrades')], settings)).toBeUndefined();
    expect(requestWhileBreakerOpen([...opened, cancel(25), request(25, '/api/v3/myTrades'), request(26, '/api/v3/account'), request(27, '/api/v3/myTrades')], settings)).toMatch(
      /GET \/api\/v3\/account reached the venue at 26, while the breaker should be open/,
    );
    expect(requestWhileBreakerOpen([...opened, request(25, '/api/v3/myTrades')], settings)).toMatch(/GET \/api\/v3\/myTrades reached the venue at 25/);
  });

  it('counts a 429 as an answer: it ends a run of failures', () => {
    expect(requestWhileBreakerOpen([outage(0), outage(10), storm(15, 1), outage(20), request(25, '/api/v3/account')], settings)).toBeUndefined();
  });
});

describe('C3: only retryable answers retried, within attempts and deadline', () => {
  const policy = { maxAttempts: 3, baseDelayMs: 100, maxDelayMs: 1_000, deadlineMs: 10_000 };
  const policies = { readPolicy: policy, writePolicy: policy };
  const line = (attempt: number, sentAt: number, status: number | null, method = 'POST'): LoggedRequest => ({ correlationId: 'tp-1', method, path: '/api/v3/order', status, attempt, sentAt });

  it('flags a write sent again after a refusal, not after a 5xx', () => {
    expect(retryViolation([line(1, 0, 400), line(2, 100, 200)], policies)).toMatch(/after the venue refused it with 400/);
    expect(retryViolation([line(1, 0, 503), line(2, 100, 200)], policies)).toBeUndefined();
  });

  it('flags a retry run over the attempts or past the deadline; a new operation starts a new run', () => {
    expect(retryViolation([line(1, 0, 503), line(2, 100, null), line(3, 200, 503), line(4, 300, 200)], policies)).toMatch(/tried 4 times in a row/);
    expect(retryViolation([line(1, 0, 503), line(2, 10_000, 200)], policies)).toMatch(/past the policy's deadline/);
    expect(retryViolation([line(1, 0, 503), line(2, 100, 503), line(3, 200, 503), line(1, 300, 200, 'GET')], policies)).toBeUndefined();
    expect(retryViolation([line(1, 0, 503), line(2, 100, 503), line(3, 200, 503), line(1, 300, 503)], policies)).toBeUndefined();
  });
});

describe('S1: no credential in any output, raw or encoded', () => {
  const credentials = { apiKey: 'key+with/odd=chars', secret: 'the-secret-value' };
  it('finds a credential inside a longer string, JSON-escaped, URL-encoded or in base64, and never quotes it', () => {
    const inText = (text: string): string | undefined => secretLeak(credentials, [{ where: 'log line 1', text }]);
    expect(inText('{"msg":"ok"}')).toBeUndefined();
    expect(inText('prefix-the-secret-value-suffix')).toBe('the API secret appears in log line 1, at offset 7');
    expect(inText(`url?k=${encodeURIComponent(credentials.apiKey)}`)).toMatch(/the API key appears \(encoded\)/);
    expect(inText(Buffer.from(credentials.secret).toString('base64'))).toMatch(/the API secret appears \(encoded\)/);
    expect(inText('x'.repeat(3) + JSON.stringify({ key: credentials.apiKey }))).not.toContain(credentials.apiKey);
  });
});
