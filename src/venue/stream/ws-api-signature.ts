import { createHmac, timingSafeEqual } from 'node:crypto';
import type { ApiKeyEntry, ApiKeyRegistry } from '../api/api-keys';
import { DEFAULT_RECV_WINDOW_MS, MAX_AHEAD_MS, MAX_RECV_WINDOW_MS } from '../api/authenticate';
import { apiErrors } from '../api/errors';
import type { ParamValue } from './ws-api-protocol';

/** Read by every method besides its own parameters ("How to show/hide rate limit information"). */
const GENERAL_PARAMS: ReadonlySet<string> = new Set(['returnRateLimits']);
const SIGNED_PARAMS: ReadonlySet<string> = new Set(['apiKey', 'timestamp', 'recvWindow', 'signature']);

const INTEGER_RE = /^[0-9]{1,20}$/;
/** "recvWindow supports up to three decimal places of precision (e.g., 6000.346)". */
const RECV_WINDOW_RE = /^[0-9]{1,20}(\.[0-9]{1,3})?$/;
const HEX_SHA256_RE = /^[0-9a-fA-F]{64}$/;

/**
 * The payload a WebSocket API signature covers (web-socket-api.md, "SIGNED request example
 * (HMAC)"): every parameter but `signature`, sorted by name, as `name=value` joined with `&`;
 * numbers in their JSON text, which is how ccxt's signParams builds it (keysort + rawencode).
 */
export function wsSignaturePayload(params: Readonly<Record<string, ParamValue>>): string {
  return Object.keys(params)
    .filter((name) => name !== 'signature')
    .sort()
    .map((name) => `${name}=${paramText(params[name])}`)
    .join('&');
}

/**
 * Verifies a SIGNED WebSocket API request with the venue's key store and Binance's timing rule
 * (`timestamp < serverTime + 1000 && serverTime - timestamp <= recvWindow`, "Timing security"),
 * the same order of checks and the same error codes as the REST gate (api/authenticate.ts).
 * `ownParams` are the method's other parameters; any parameter beyond them is -1104.
 */
export function authenticateWsRequest(params: Readonly<Record<string, ParamValue>>, ownParams: ReadonlySet<string>, keys: ApiKeyRegistry, now: number): ApiKeyEntry {
  const names = Object.keys(params);
  const read = names.filter((name) => SIGNED_PARAMS.has(name) || GENERAL_PARAMS.has(name) || ownParams.has(name)).length;
  if (read !== names.length) throw apiErrors.unreadParameters(read, names.length);
  const apiKey = params.apiKey;
  if (typeof apiKey !== 'string' || apiKey === '') throw apiErrors.mandatory('apiKey');
  const entry = keys.lookup(apiKey);
  if (entry === undefined) throw apiErrors.unknownApiKey();
  const timestamp = integerParam(params, 'timestamp');
  const signature = params.signature;
  if (typeof signature !== 'string' || signature === '') throw apiErrors.mandatory('signature');
  const recvWindow = recvWindowParam(params);
  if (recvWindow > MAX_RECV_WINDOW_MS) throw apiErrors.recvWindowTooLarge();
  // The signature first, as on REST: a tampered request learns nothing else.
  if (!hmacMatches(entry.secret, wsSignaturePayload(params), signature)) throw apiErrors.badSignature();
  if (timestamp >= now + MAX_AHEAD_MS) throw apiErrors.timestampAhead();
  if (now - timestamp > recvWindow) throw apiErrors.outsideRecvWindow();
  return entry;
}

/** "Signatures generated using HMAC are not case-sensitive." */
function hmacMatches(secret: string, payload: string, signature: string): boolean {
  if (!HEX_SHA256_RE.test(signature)) return false;
  const expected = createHmac('sha256', secret).update(payload).digest();
  return timingSafeEqual(expected, Buffer.from(signature.toLowerCase(), 'hex'));
}

function integerParam(params: Readonly<Record<string, ParamValue>>, name: string): number {
  const value = params[name];
  if (value === undefined || value === null || value === '') throw apiErrors.mandatory(name);
  const text = paramText(value);
  if (!INTEGER_RE.test(text) || !Number.isSafeInteger(Number(text))) throw apiErrors.illegalCharacters(name, INTEGER_RE.source);
  return Number(text);
}

/** Milliseconds, possibly fractional (a count of time, not money: a number is right here). */
function recvWindowParam(params: Readonly<Record<string, ParamValue>>): number {
  const value = params.recvWindow;
  if (value === undefined) return DEFAULT_RECV_WINDOW_MS;
  const text = paramText(value);
  if (!RECV_WINDOW_RE.test(text)) throw apiErrors.illegalCharacters('recvWindow', RECV_WINDOW_RE.source);
  return Number(text);
}

function paramText(value: ParamValue | undefined): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value ?? null);
}
