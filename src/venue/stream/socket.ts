/**
 * One WebSocket connection between a client and the venue, as the venue's side sees it. The
 * stream logic (src/venue/stream/) is written against these two interfaces only, so the same
 * code serves the in-process transport (frames delivered as steps on the virtual clock) and the
 * loopback `ws` server (src/venue/transport/).
 */

/** What the venue can do to one open connection. */
export interface VenueSocket {
  /** Sends one text frame to the client. */
  send(text: string): void;
  /** Sends a ping frame; the client's pong comes back through `VenueConnection.pong`. */
  ping(payload: string): void;
  /** Closes with a close frame (a clean close: the client sees `code` and `reason`). */
  close(code: number, reason: string): void;
  /** Drops the connection without a close frame (an abrupt reset: the client sees an error or 1006). */
  terminate(): void;
  /**
   * The connection goes half-open for good (a dead TCP peer, the nemesis's stream_silent): from
   * now on the transport carries nothing either way and stops answering the client's pings; only
   * the client ending the connection is still reported (`VenueConnection.closed`).
   */
  silence(): void;
}

/** What the venue does with one accepted connection's incoming traffic. */
export interface VenueConnection {
  /** One text frame from the client. */
  message(text: string): void;
  /** The client answered a ping. */
  pong(payload: string): void;
  /** The connection ended, whoever ended it; nothing may be sent after this. */
  closed(code: number): void;
}

/**
 * Accepts a connection the client opened at `path` (with its query, e.g. "/ws-api/v3" or
 * "/ws/<listenKey>"), or refuses the upgrade with an HTTP status (404 for an unknown path or
 * listenKey, 429 or 418 while rate limits or a ban refuse it).
 */
export type AcceptConnection = (path: string, socket: VenueSocket, remoteAddress: string) => VenueConnection | { refused: number };
