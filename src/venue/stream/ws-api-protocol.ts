import { BinanceReject } from '../api/errors';

/**
 * The WebSocket API's framing (web-socket-api.md, "Request format" / "Response format"):
 * a request is `{"id", "method", "params"?}` in one text frame; the answer echoes `id` with an
 * HTTP-like `status` and either `result` or `error: {code, msg}`.
 */

/** "INT / STRING / null"; a string must match `^[a-zA-Z0-9-_]{1,36}$` (Binance's -1135 message). */
export type RequestId = number | string | null;

/** A JSON value as a request's params hold them. */
export type ParamValue = string | number | boolean | null | readonly unknown[] | { readonly [key: string]: unknown };

export interface WsApiRequest {
  id: RequestId;
  method: string;
  params: Readonly<Record<string, ParamValue>>;
}

const REQUEST_ID_RE = /^[a-zA-Z0-9-_]{1,36}$/;
/** "Request method names may be prefixed with explicit version: e.g., "v3/order.place"." */
const VERSION_PREFIX = 'v3/';

/**
 * The WebSocket API's own refusals of a frame. Codes and messages as Binance answers them:
 * -1135 for the id and params was captured from the live API; the frame-level JSON error uses
 * -1135's documented message (errors.md "INVALID_JSON"); an unknown method is answered with
 * -1020 UNSUPPORTED_OPERATION, which errors.md documents though no capture confirms it.
 */
export const wsApiErrors = {
  invalidJson: () => new BinanceReject(400, -1135, 'Invalid JSON Request'),
  invalidId: () => new BinanceReject(400, -1135, "Invalid 'id' in JSON request; expected an integer, a string matching '^[a-zA-Z0-9-_]{1,36}$', or null."),
  invalidMethod: () => new BinanceReject(400, -1135, "Invalid 'method' in JSON request; expected a string."),
  invalidParams: () => new BinanceReject(400, -1135, "Invalid 'params' in JSON request; expected an object."),
  unknownMethod: () => new BinanceReject(400, -1020, 'This operation is not supported.'),
  // session.logon and userDataStream.subscribe need an Ed25519 key logged on; the venue issues HMAC keys only.
  notAuthorized: () => new BinanceReject(401, -1002, 'You are not authorized to execute this request.'),
  subscriptionActive: () => new BinanceReject(400, -2035, 'User Data Stream subscription already active.'),
  subscriptionInactive: () => new BinanceReject(400, -2036, 'User Data Stream subscription not active.'),
  maximumSubscriptionIds: () => new BinanceReject(400, -2042, 'Maximum subscription ID reached for this connection.'),
} as const;

/** Thrown while reading a frame: carries the id to answer with (null when the id was unreadable). */
export class MalformedRequest extends Error {
  constructor(
    readonly id: RequestId,
    readonly reject: BinanceReject,
  ) {
    super(reject.msg);
    this.name = 'MalformedRequest';
  }
}

/** Parses one text frame into a request, or throws MalformedRequest with Binance's error. */
export function parseRequest(text: string): WsApiRequest {
  let frame: unknown;
  try {
    frame = JSON.parse(text);
  } catch {
    throw new MalformedRequest(null, wsApiErrors.invalidJson());
  }
  if (!isObject(frame)) throw new MalformedRequest(null, wsApiErrors.invalidJson());
  const id = frame.id;
  if (!isRequestId(id)) throw new MalformedRequest(null, wsApiErrors.invalidId());
  const method = frame.method;
  if (typeof method !== 'string' || method === '') throw new MalformedRequest(id, wsApiErrors.invalidMethod());
  const params = frame.params ?? {};
  if (!isObject(params)) throw new MalformedRequest(id, wsApiErrors.invalidParams());
  return { id, method: method.startsWith(VERSION_PREFIX) ? method.slice(VERSION_PREFIX.length) : method, params: params as Record<string, ParamValue> };
}

export function successFrame(id: RequestId, result: unknown): string {
  return JSON.stringify({ id, status: 200, result });
}

export function errorFrame(id: RequestId, reject: BinanceReject): string {
  return JSON.stringify({ id, status: reject.status, error: { code: reject.code, msg: reject.msg } });
}

/** A user-data event as the WebSocket API pushes it: wrapped with its subscription's id. */
export function eventFrame(subscriptionId: number, event: unknown): string {
  return JSON.stringify({ subscriptionId, event });
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isRequestId(value: unknown): value is RequestId {
  if (value === null) return true;
  if (typeof value === 'number') return Number.isSafeInteger(value);
  return typeof value === 'string' && REQUEST_ID_RE.test(value);
}
