import type { VenueHttpRequest } from '../api/http-message';

/** The parameter a man in the middle would rather change: how much is bought or sold. */
const DEFAULT_TAMPERED_PARAM = 'quantity';

/**
 * `request` with one signed parameter altered in transit, as a man in the middle would: `param`
 * (default `quantity`; when the request has no such parameter, the first one that is not the
 * signature) gets a digit appended, in the body if it has parameters, else in the query. The signature is left as the client computed it,
 * so the venue's HMAC check must fail (-1022). Returns the parameter altered, undefined when the
 * request carries none to alter.
 */
export function tamperRequest(request: VenueHttpRequest, param: string | undefined): { request: VenueHttpRequest; param: string | undefined } {
  for (const where of ['body', 'query'] as const) {
    const pairs = request[where] === '' ? [] : request[where].split('&');
    const names = pairs.map((pair) => pair.split('=')[0] ?? '');
    let index = names.indexOf(param ?? DEFAULT_TAMPERED_PARAM);
    if (index === -1) index = names.findIndex((name) => name !== 'signature' && name !== '');
    const pair = pairs[index];
    if (pair === undefined) continue;
    pairs[index] = `${pair}1`;
    return { request: { ...request, [where]: pairs.join('&') }, param: names[index] };
  }
  return { request, param: undefined };
}
