import type { VenueHttpRequest, VenueHttpResponse } from '../api/http-message';
import type { EventLog } from '../engine/event-log';
import type { LimitExceeded, LimitedRequest, RateLimiter } from './rate-limiter';
import { clientIp, placesOrder, requestWeight } from './request-weight';

export interface RateLimitDeps {
  limiter: RateLimiter;
  log: EventLog;
  now: () => number;
  /** The account an X-MBX-APIKEY belongs to (ORDERS are counted per account), if the venue issued it. */
  accountOf: (apiKey: string) => string | undefined;
}

const JSON_HEADERS = { 'content-type': 'application/json;charset=UTF-8' } as const;

/** Binance's spelling of an ORDERS interval in -1015 ("... 100 orders per TEN_SECONDS."). */
function ordersInterval(rule: LimitExceeded['rule']): string {
  if (rule.interval === 'SECOND' && rule.intervalNum === 10) return 'TEN_SECONDS';
  return rule.intervalNum === 1 ? rule.interval : `${rule.intervalNum} ${rule.interval}`;
}

/** The -1003 / -1015 messages of Binance's spot error codes doc, filled in with the limit broken. */
function exceededBody(exceeded: LimitExceeded): { code: number; msg: string } {
  const { rule } = exceeded;
  switch (exceeded.kind) {
    case 'weight_exceeded':
      return {
        code: -1003,
        msg: `Too much request weight used; current limit is ${rule.limit} request weight per ${rule.intervalNum} ${rule.interval}. Please use WebSocket Streams for live updates to avoid polling the API.`,
      };
    case 'raw_requests_exceeded':
      return { code: -1003, msg: `Too many requests; current limit is ${rule.limit} requests per ${rule.intervalNum} ${rule.interval}.` };
    case 'orders_exceeded':
      return { code: -1015, msg: `Too many new orders; current limit is ${rule.limit} orders per ${ordersInterval(rule)}.` };
  }
}

/** Binance's 418 body for an IP banned until `until` (epoch ms); the nemesis answers it too. */
export function ipBannedBody(until: number): { code: number; msg: string } {
  return { code: -1003, msg: `Way too much request weight used; IP banned until ${until}. Please use WebSocket Streams for live updates to avoid bans.` };
}

/** Retry-After is whole seconds (LIMITS doc), rounded up so a client that waits it is never early. */
function retryAfterSeconds(until: number, now: number): string {
  return String(Math.max(1, Math.ceil((until - now) / 1000)));
}

/**
 * The venue's API behind Binance's REST limits. Every response carries the IP's
 * X-MBX-USED-WEIGHT-* headers (order placements also X-MBX-ORDER-COUNT-*). Over a limit the
 * request is answered 429 with Retry-After until its window ends (-1003 for weight, -1015 for
 * orders) and never reaches the engine; an IP that does not back off is banned and answered
 * 418 with Retry-After until the ban ends (see RateLimiter for the exact rule). Requests the
 * limiter answers are logged as 'request' events like any other, a new ban as 'ip_banned'.
 */
export function withRateLimits(handler: (request: VenueHttpRequest) => VenueHttpResponse, deps: RateLimitDeps): (request: VenueHttpRequest) => VenueHttpResponse {
  return (request) => {
    const now = deps.now();
    const apiKey = request.headers['x-mbx-apikey'];
    const limited: LimitedRequest = {
      ip: clientIp(request),
      account: apiKey === undefined ? undefined : deps.accountOf(apiKey),
      weight: requestWeight(request),
      placesOrder: placesOrder(request),
    };
    const verdict = deps.limiter.admit(limited, now);
    if (verdict.kind === 'admit') {
      const response = handler(request);
      if (limited.placesOrder && limited.account !== undefined && response.status === 200) deps.limiter.recordOrderPlaced(limited.account, now);
      // The same keys in the same order as { ...response, headers: { ...response.headers, ...limiterHeaders } }.
      const headers: Record<string, string> = { ...response.headers };
      deps.limiter.writeHeaders(headers, limited, now);
      return { status: response.status, headers, body: response.body };
    }
    const status = verdict.kind === 'banned' ? 418 : 429;
    const until = verdict.kind === 'banned' ? verdict.until : verdict.retryAt;
    const body = verdict.kind === 'banned' ? ipBannedBody(verdict.until) : exceededBody(verdict);
    if (verdict.kind === 'banned' && verdict.newBan) deps.log.append({ type: 'ip_banned', ip: limited.ip, until: verdict.until, bans: verdict.bans });
    deps.log.append({
      type: 'request',
      method: request.method,
      path: request.path,
      status,
      code: body.code,
      ip: limited.ip,
      // A banned IP's requests are turned away before they are weighed.
      weight: verdict.kind === 'banned' ? 0 : limited.weight,
    });
    return {
      status,
      headers: { ...JSON_HEADERS, 'retry-after': retryAfterSeconds(until, now), ...deps.limiter.headers(limited, now) },
      body: JSON.stringify(body),
    };
  };
}
