import type { Credentials } from '../../exchange/contract';
import { signatureOf } from '../api/signature';
import type { VenueHttpRequest } from '../api/http-message';

/** A request signed as ccxt signs it: params + timestamp, HMAC appended; POST carries it in the body. */
export function signedRequest(credentials: Credentials, method: string, path: string, params: Record<string, string>, timestamp: number): VenueHttpRequest {
  const payload = new URLSearchParams({ ...params, timestamp: String(timestamp) }).toString();
  const signed = `${payload}&signature=${signatureOf(credentials.secret, payload)}`;
  const headers = { 'x-mbx-apikey': credentials.apiKey };
  return method === 'POST' ? { method, path, query: '', headers, body: signed } : { method, path, query: signed, headers, body: '' };
}
