import type { VenueHttpResponse } from '../api/http-message';

/**
 * Answers the loopback HTTP edge gives before (or instead of) the venue's API: requests too
 * broken or too large to hand to the API at all. Binance's edge answers these in its own way
 * (often HTML from the CDN); a client of the venue always gets Binance's `{code, msg}` JSON so
 * it never has to parse anything else. The code is Binance's catch-all -1000 (UNKNOWN, "Error
 * codes" doc, spot); the HTTP status and the message say what was wrong.
 */
export interface EdgeAnswer {
  status: number;
  code: number;
  msg: string;
}

export const UNKNOWN_ERROR_CODE = -1000;

export const edgeAnswers = {
  /** The venue's handler threw: a bug of ours, answered as Binance's unknown error. */
  internal: (): EdgeAnswer => ({ status: 500, code: UNKNOWN_ERROR_CODE, msg: 'An unknown error occurred while processing the request.' }),
  malformed: (): EdgeAnswer => ({ status: 400, code: UNKNOWN_ERROR_CODE, msg: 'Malformed HTTP request.' }),
  headersTooLarge: (limit: number): EdgeAnswer => ({
    status: 431,
    code: UNKNOWN_ERROR_CODE,
    msg: `Request line and headers too large; at most ${limit} bytes.`,
  }),
  bodyTooLarge: (limit: number): EdgeAnswer => ({ status: 413, code: UNKNOWN_ERROR_CODE, msg: `Request body too large; at most ${limit} bytes.` }),
  timedOut: (): EdgeAnswer => ({ status: 408, code: UNKNOWN_ERROR_CODE, msg: 'Request not received in time.' }),
  /** Node answers an Expect other than 100-continue with a bare 417 unless told otherwise. */
  expectationFailed: (): EdgeAnswer => ({ status: 417, code: UNKNOWN_ERROR_CODE, msg: 'Unsupported Expect header; only 100-continue is understood.' }),
} as const;

const JSON_CONTENT_TYPE = 'application/json;charset=UTF-8';

export function edgeResponse(answer: EdgeAnswer): VenueHttpResponse {
  return { status: answer.status, headers: { 'content-type': JSON_CONTENT_TYPE }, body: JSON.stringify({ code: answer.code, msg: answer.msg }) };
}

const REASON_PHRASES: Readonly<Record<number, string>> = {
  400: 'Bad Request',
  404: 'Not Found',
  408: 'Request Timeout',
  413: 'Payload Too Large',
  431: 'Request Header Fields Too Large',
  500: 'Internal Server Error',
};

/**
 * A whole HTTP/1.1 response as bytes, for the places no ServerResponse exists: node's
 * `clientError` event (the parser gave up before a request object was made) and a CONNECT
 * request (node hands over the bare socket). It closes the connection: after a parse error or a
 * CONNECT the rest of the stream cannot be framed.
 */
export function rawHttpResponse(response: VenueHttpResponse): string {
  const { status, body, headers } = response;
  const kept = Object.entries(headers).filter(([name]) => name !== 'content-length' && name !== 'connection');
  return [
    `HTTP/1.1 ${status} ${REASON_PHRASES[status] ?? 'Error'}`,
    ...kept.map(([name, value]) => `${name}: ${value}`),
    `content-length: ${Buffer.byteLength(body)}`,
    'connection: close',
    '',
    body,
  ].join('\r\n');
}

export function rawEdgeResponse(answer: EdgeAnswer): string {
  return rawHttpResponse(edgeResponse(answer));
}

/** Which answer a node `clientError` deserves, from its error code (llhttp's HPE_* or node's own). */
export function answerForClientError(code: string | undefined, maxHeaderBytes: number): EdgeAnswer {
  if (code === 'HPE_HEADER_OVERFLOW') return edgeAnswers.headersTooLarge(maxHeaderBytes);
  if (code === 'ERR_HTTP_REQUEST_TIMEOUT') return edgeAnswers.timedOut();
  return edgeAnswers.malformed();
}
