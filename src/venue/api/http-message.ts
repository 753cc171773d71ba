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
  /**
   * The client's IP, which REQUEST_WEIGHT and bans are counted against (Binance: "The limits on
   * the API are based on the IPs"). The loopback server sets it; absent means 127.0.0.1.
   */
  remoteAddress?: string | undefined;
}

export interface VenueHttpResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}
