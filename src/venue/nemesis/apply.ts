import type { VenueHttpRequest, VenueHttpResponse } from '../api/http-message';
import { hideRecentOrders, maintenanceAnswer, rateLimitStormAnswer, serverErrorAnswer, INTERNAL_ERROR, TOO_MANY_REQUESTS } from './answers';
import { corruptAnswer } from './corruption';
import type { FaultDecision } from './fault';
import { tamperRequest } from './tamper';
import type { Nemesis } from './nemesis';

/**
 * How one request ended, independent of the transport. The in-process fetch turns
 * `response_lost` into a TimeoutError after the client's timeout and `connection_reset` into an
 * ECONNRESET error; an HTTP server answers nothing for the first and destroys the socket for
 * the second.
 */
export type FaultedExchange = { type: 'response'; response: VenueHttpResponse } | { type: 'response_lost' } | { type: 'connection_reset' };

export type VenueHandler = (request: VenueHttpRequest) => VenueHttpResponse;

/**
 * Hands `request` to `handle` with the nemesis's faults applied, logging each fault as it takes
 * effect (after the venue's own events when the venue applied the request). Without a nemesis,
 * or with nothing scheduled, it is `handle` alone.
 */
export async function exchangeWithFaults(nemesis: Nemesis | undefined, request: VenueHttpRequest, handle: VenueHandler): Promise<FaultedExchange> {
  if (nemesis === undefined) return { type: 'response', response: handle(request) };
  return exchangeDecided(nemesis, request, handle, nemesis.decide(request));
}

/**
 * `exchangeWithFaults` after `nemesis.decide(request)` returned `decision`. A transport that
 * finds NO_FAULT may call `handle` directly instead: that is all this does for it.
 */
export async function exchangeDecided(nemesis: Nemesis, request: VenueHttpRequest, handle: VenueHandler, decision: FaultDecision): Promise<FaultedExchange> {
  if (decision.requestDelayMs > 0) {
    nemesis.record('delay', request, { ms: decision.requestDelayMs, phase: 'request' });
    await nemesis.clock.sleep(decision.requestDelayMs);
  }
  const early = answerBeforeVenue(nemesis, request, decision);
  if (early !== undefined) return early;
  if (decision.outcome?.kind === 'cancel_race') {
    nemesis.record('cancel_race', request, nemesis.raceCancel(request, decision.outcome.fill));
  }
  let delivered = request;
  if (decision.outcome?.kind === 'tamper') {
    const tampered = tamperRequest(request, decision.outcome.param);
    nemesis.record('tamper', request, { param: tampered.param ?? '(none)', applied: false });
    delivered = tampered.request;
  }
  let response = handle(delivered);
  const outcome = decision.outcome;
  if (outcome?.kind === 'response_lost') {
    nemesis.record('response_lost', request, { applied: true, status: response.status });
    return { type: 'response_lost' };
  }
  if (outcome?.kind === 'server_error') {
    // Binance's 5XX: the venue acted, the client is told it failed.
    nemesis.record('server_error', request, serverErrorDetail(outcome.status, outcome.internalError, true, response.status));
    response = serverErrorAnswer(outcome.status, outcome.internalError);
  }
  if (outcome?.kind === 'corrupt_response') {
    // Only a success is corrupted: a refusal applied nothing, so it passes as the venue gave it.
    const corrupted = response.status < 300 ? corruptAnswer(response, outcome.variant) : { response, changed: false };
    nemesis.record('corrupt_response', request, { variant: outcome.variant, applied: true, venueStatus: response.status, changed: corrupted.changed });
    response = corrupted.response;
  }
  if (decision.readLagMs !== undefined) {
    const lagged = hideRecentOrders(request.path, response, decision.readLagMs, nemesis.clock.now());
    if (lagged.hidden.length > 0) {
      nemesis.record('read_lag', request, { lagMs: decision.readLagMs, hiddenOrderIds: lagged.hidden, status: lagged.response.status });
      response = lagged.response;
    }
  }
  if (decision.responseDelayMs > 0) {
    nemesis.record('delay', request, { ms: decision.responseDelayMs, phase: 'response' });
    await nemesis.clock.sleep(decision.responseDelayMs);
  }
  return { type: 'response', response };
}

/** Outcomes that end the request before the venue sees it: nothing is applied, no request event. */
function answerBeforeVenue(nemesis: Nemesis, request: VenueHttpRequest, decision: FaultDecision): FaultedExchange | undefined {
  const outcome = decision.outcome;
  switch (outcome?.kind) {
    case 'connection_reset':
      nemesis.record('connection_reset', request, { applied: false });
      return { type: 'connection_reset' };
    case 'maintenance':
      nemesis.record('maintenance', request, { applied: false, status: 503 });
      return { type: 'response', response: maintenanceAnswer() };
    case 'rate_limit_storm': {
      const response = rateLimitStormAnswer(outcome.retryAfterSeconds, outcome.ban ? nemesis.clock.now() : undefined);
      nemesis.record('rate_limit_storm', request, { applied: false, status: response.status, code: TOO_MANY_REQUESTS.code, retryAfterSeconds: outcome.retryAfterSeconds });
      return { type: 'response', response };
    }
    case 'server_error':
      if (outcome.applied) return undefined;
      nemesis.record('server_error', request, serverErrorDetail(outcome.status, outcome.internalError, false, undefined));
      return { type: 'response', response: serverErrorAnswer(outcome.status, outcome.internalError) };
    case 'corrupt_response': {
      if (outcome.applied) return undefined;
      const corrupted = corruptAnswer(undefined, outcome.variant);
      nemesis.record('corrupt_response', request, { variant: outcome.variant, applied: false, status: corrupted.response.status, changed: corrupted.changed });
      return { type: 'response', response: corrupted.response };
    }
    default:
      return undefined;
  }
}

function serverErrorDetail(status: number, internalError: boolean, applied: boolean, venueStatus: number | undefined) {
  return {
    status,
    ...(internalError ? { code: INTERNAL_ERROR.code } : {}),
    applied,
    // What the venue itself answered, when it handled the request.
    ...(venueStatus === undefined ? {} : { venueStatus }),
  };
}
