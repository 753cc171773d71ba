import type { RetryPolicy } from '../../src/exchange/retry';
import type { InvariantCheck } from './invariant-check';

/** One request as the adapter's log reports it (request-log.ts / telemetry.ts `observeRequest`). */
export interface LoggedRequest {
  correlationId: string;
  method: string;
  path: string;
  /** HTTP status, or null when the request failed before any answer. */
  status: number | null;
  attempt: number;
  /** When it was sent, on the adapter's clock (the line is written when the answer came). */
  sentAt: number;
}

/** The adapter's request lines out of its JSON log; other lines are skipped. */
export function loggedRequests(lines: readonly string[]): LoggedRequest[] {
  const requests: LoggedRequest[] = [];
  for (const line of lines) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch {
      continue;
    }
    if (typeof parsed !== 'object' || parsed === null) continue;
    const record: Record<string, unknown> = { ...parsed };
    const { correlationId, method, path, status, attempt, time, durationMs } = record;
    if (record['msg'] !== 'request' || typeof correlationId !== 'string' || typeof method !== 'string' || typeof path !== 'string') continue;
    if (typeof attempt !== 'number' || typeof time !== 'number' || typeof durationMs !== 'number' || !(status === null || typeof status === 'number')) continue;
    requests.push({ correlationId, method, path, status, attempt, sentAt: time - durationMs });
  }
  return requests;
}

/** What the retry layer may retry: no answer at all, a 5xx, or a rate-limit answer (429, 418). */
function isRetryableAnswer(status: number | null): boolean {
  return status === null || status >= 500 || status === 429 || status === 418;
}

/**
 * C3 over the adapter's log: per correlation id (one intent or operation) and route,
 * - a write that got a non-retryable answer (a 4xx other than 429/418: the venue refused it
 *   and applied nothing) is never sent again: only retryable errors are retried;
 * - a run of retries (requests after retryable answers, until any other answer or a new
 *   operation, whose attempt numbering starts at 1 again) has at most `maxAttempts` requests,
 *   and none starts `deadlineMs` or later after the run's first.
 * Writes (POST/DELETE /api/v3/order) follow `writePolicy`, reads `readPolicy`. The log gives the
 * HTTP status only, so a -1021 (a 400 the adapter answers with one resync and one retry, S3)
 * would read as a refused write: properties checking C3 schedule no clock jumps.
 */
export function retryViolation(requests: readonly LoggedRequest[], policies: { readPolicy: RetryPolicy; writePolicy: RetryPolicy }): string | undefined {
  const runs = new Map<string, { first: number; count: number; last: LoggedRequest }>();
  for (const request of requests) {
    const route = `${request.method} ${request.path}`;
    const key = `${request.correlationId} ${route}`;
    const isWrite = request.path === '/api/v3/order' && request.method !== 'GET';
    const policy = isWrite ? policies.writePolicy : policies.readPolicy;
    const previous = runs.get(key);
    const retrying = previous !== undefined && request.attempt > previous.last.attempt;
    if (retrying && isWrite && !isRetryableAnswer(previous.last.status)) {
      return `${route} of ${request.correlationId} was sent again (attempt ${request.attempt}) after the venue refused it with ${previous.last.status ?? 'no status'}, an answer not to retry`;
    }
    const run = retrying && isRetryableAnswer(previous.last.status) ? { first: previous.first, count: previous.count + 1, last: request } : { first: request.sentAt, count: 1, last: request };
    if (run.count > policy.maxAttempts) return `${route} of ${request.correlationId} was tried ${run.count} times in a row, over the policy's ${policy.maxAttempts} attempts`;
    if (request.sentAt - run.first >= policy.deadlineMs) return `${route} of ${request.correlationId} was retried at ${request.sentAt}, ${request.sentAt - run.first} ms after its first attempt, past the policy's deadline of ${policy.deadlineMs} ms`;
    runs.set(key, run);
  }
  return undefined;
}

export function retriesOnlyRetryableWithinPolicy(policies: { readPolicy: RetryPolicy; writePolicy: RetryPolicy }): InvariantCheck {
  return { invariant: 'C3', check: (_model, world) => retryViolation(loggedRequests(world.logLines), policies) };
}
