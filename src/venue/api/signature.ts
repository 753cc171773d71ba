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
  const expected = Buffer.from(signatureOf(secret, signedPayload(query, body)));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

function withoutSignature(encoded: string): string {
  // Most payloads (the query of a POST, the body of a GET) hold no signature: skip the split.
  if (!encoded.includes('signature=')) return encoded;
  return encoded
    .split('&')
    .filter((pair) => !pair.startsWith('signature='))
    .join('&');
}
