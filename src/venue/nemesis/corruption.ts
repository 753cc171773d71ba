import { dec } from '../../domain/decimal';
import type { VenueHttpResponse } from '../api/http-message';

/**
 * How a fuzzed answer differs from the venue's. Each is something a client has met from a real
 * exchange or the proxies in front of one: a plain-text error, a gateway's HTML page, a body cut
 * off mid-stream, a schema change (fields gone, decimals as JSON numbers, exponent notation).
 */
export const CORRUPTION_VARIANTS = ['not_json', 'html_page', 'missing_fields', 'wrong_types', 'exponent_string', 'exponent_number', 'truncated'] as const;
export type CorruptionVariant = (typeof CORRUPTION_VARIANTS)[number];

/** What a gateway answers when the API behind it dropped the connection (envoy's text). */
const PLAIN_TEXT_ERROR = 'upstream connect error or disconnect/reset before headers. reset reason: connection termination';
const HTML_ERROR_PAGE = '<!DOCTYPE html><html><head><title>Error</title></head><body><h1>Something went wrong</h1><p>Please try again later.</p></body></html>';

/**
 * A decimal string value in JSON text, not a key: Binance sends every amount as one ("0.00100000").
 * Ids are JSON numbers and names are not decimals, so only amounts and prices match.
 */
const DECIMAL_STRING_VALUE = /"(-?(?:0|[1-9]\d*)(?:\.\d+)?)"(?!\s*:)/g;

/** What the nemesis stands in for when the venue never handled the request: an empty object. */
const NO_VENUE_ANSWER = '{}';

/**
 * The venue's `answer` (or, when the venue never saw the request, an empty 200) with its body
 * replaced by `variant` of it. Pure and deterministic: the same answer and variant give the same
 * bytes. `changed`: whether the client now holds anything other than the venue's own answer.
 */
export function corruptAnswer(answer: VenueHttpResponse | undefined, variant: CorruptionVariant): { response: VenueHttpResponse; changed: boolean } {
  const original = answer ?? { status: 200, headers: { 'content-type': 'application/json;charset=UTF-8' }, body: NO_VENUE_ANSWER };
  const body = corruptBody(original.body, variant);
  const headers = variant === 'html_page' ? { ...original.headers, 'content-type': 'text/html' } : variant === 'not_json' ? { ...original.headers, 'content-type': 'text/plain' } : original.headers;
  return { response: { status: original.status, headers, body }, changed: answer === undefined || body !== original.body };
}

export function corruptBody(body: string, variant: CorruptionVariant): string {
  switch (variant) {
    case 'not_json':
      return PLAIN_TEXT_ERROR;
    case 'html_page':
      return HTML_ERROR_PAGE;
    case 'truncated':
      return body.slice(0, Math.max(1, Math.floor(body.length / 2)));
    case 'missing_fields':
      return withFirstFieldsOnly(body);
    case 'wrong_types':
      // "0.001" becomes 0.001: the JSON number a float-minded API would send.
      return body.replace(DECIMAL_STRING_VALUE, '$1');
    case 'exponent_string':
      return body.replace(DECIMAL_STRING_VALUE, (_match, value: string) => `"${dec(value).toExponential()}"`);
    case 'exponent_number':
      return body.replace(DECIMAL_STRING_VALUE, (_match, value: string) => dec(value).toExponential());
  }
}

/** Every object keeps only its first field; an empty list becomes a list of one empty object. */
function withFirstFieldsOnly(body: string): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return NO_VENUE_ANSWER;
  }
  const firstFieldOnly = (value: unknown): unknown => {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return {};
    const first = Object.entries(value)[0];
    return first === undefined ? {} : { [first[0]]: first[1] };
  };
  if (Array.isArray(parsed)) return JSON.stringify(parsed.length === 0 ? [{}] : parsed.map(firstFieldOnly));
  return JSON.stringify(firstFieldOnly(parsed));
}
