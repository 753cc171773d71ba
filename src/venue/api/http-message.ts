/**
 * A request and response as the venue's API sees them, independent of the transport: the
 * in-process fetch and (later) the loopback HTTP server both translate to and from these.
 */
export interface VenueHttpRequest {
  method: string;
  /** The URL path, e.g. "/api/v3/order". */
  path: string;
  /** The raw query string without "?", exactly as sent (signatures are checked over it). */
  query: string;
  /** Header names in lower case. */
  headers: Readonly<Record<string, string>>;
  /** The raw body ("" when none). */
  body: string;
}

export interface VenueHttpResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}
