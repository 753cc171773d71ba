import type { ApiKeyEntry, ApiKeyRegistry } from './api-keys';
import { apiErrors } from './errors';
import type { VenueHttpRequest } from './http-message';
import { parseParams, SignedParamsSchema, type RawParams } from './params';
import { signatureMatches } from './signature';

/** Binance's default and largest recvWindow (SIGNED endpoint security doc). */
export const DEFAULT_RECV_WINDOW_MS = 5000;
export const MAX_RECV_WINDOW_MS = 60000;
/** A request may be at most this far ahead of the server: `timestamp < serverTime + 1000`. */
export const MAX_AHEAD_MS = 1000;

/**
 * The gate of every SIGNED endpoint: a known X-MBX-APIKEY, a valid HMAC-SHA256 signature over
 * query + body, and a timestamp inside the recvWindow on the venue's clock. Binance's rule:
 * accept when `timestamp < serverTime + 1000 && serverTime - timestamp <= recvWindow`.
 */
export function authenticate(request: VenueHttpRequest, params: RawParams, keys: ApiKeyRegistry, now: number): ApiKeyEntry {
  const apiKey = request.headers['x-mbx-apikey'];
  if (apiKey === undefined || apiKey === '') throw apiErrors.apiKeyFormat();
  const entry = keys.lookup(apiKey);
  if (entry === undefined) throw apiErrors.unknownApiKey();
  const signed = parseParams(SignedParamsSchema, params);
  const recvWindow = signed.recvWindow ?? DEFAULT_RECV_WINDOW_MS;
  if (recvWindow > MAX_RECV_WINDOW_MS) throw apiErrors.recvWindowTooLarge();
  // The signature is checked before the time window, so a tampered request learns nothing else.
  if (!signatureMatches(entry.secret, request.query, request.body, signed.signature)) throw apiErrors.badSignature();
  if (signed.timestamp >= now + MAX_AHEAD_MS) throw apiErrors.timestampAhead();
  if (now - signed.timestamp > recvWindow) throw apiErrors.outsideRecvWindow();
  return entry;
}
