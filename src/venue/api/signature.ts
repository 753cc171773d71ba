import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * What Binance signs: the query string concatenated with the body (no separator), with the
 * `signature` parameter removed, as sent (SIGNED endpoint security doc, "mixed query string and
 * request body" example). Parameters are kept raw, never re-encoded.
 */
export function signedPayload(query: string, body: string): string {
  return withoutSignature(query) + withoutSignature(body);
}

export function signatureOf(secret: string, payload: string): string {
  return createHmac('sha256', secret).update(payload).digest('hex');
}

/** Compares in constant time; a signature of the wrong length or case is simply wrong. */
export function signatureMatches(secret: string, query: string, body: string, signature: string): boolean {
  // Only lower-case hex of the right length can equal signatureOf's answer; for those, comparing
  // the decoded bytes is comparing the strings, without hex-encoding the digest to compare it.
  if (!LOWER_HEX_SHA256.test(signature)) return false;
  const expected = createHmac('sha256', secret).update(signedPayload(query, body)).digest();
  return timingSafeEqual(expected, Buffer.from(signature, 'hex'));
}

const LOWER_HEX_SHA256 = /^[0-9a-f]{64}$/;

function withoutSignature(encoded: string): string {
  // Most payloads (the query of a POST, the body of a GET) hold no signature: skip the split.
  if (!encoded.includes('signature=')) return encoded;
  return encoded
    .split('&')
    .filter((pair) => !pair.startsWith('signature='))
    .join('&');
}
