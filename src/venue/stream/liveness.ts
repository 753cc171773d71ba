import type { VenueSocket } from './socket';
import type { StreamTimer, StreamTimers } from './stream-timers';

/**
 * Binance (web-socket-api.md and web-socket-streams.md, "General information"): "The WebSocket
 * server will send a ping frame every 20 seconds. If the WebSocket server does not receive a
 * pong frame back from the connection within a minute the connection will be disconnected.
 * [...] Unsolicited pong frames are allowed, but will not prevent disconnection."
 */
export const PING_INTERVAL_MS = 20_000;
export const PONG_TIMEOUT_MS = 60_000;
/** "A single connection [...] is only valid for 24 hours; expect to be disconnected at the 24 hour mark." */
export const CONNECTION_LIFETIME_MS = 24 * 60 * 60_000;

/**
 * 1008 (policy violation) with reason "disconnected" is what Binance's WS API was seen closing
 * with after refusing a client (a captured close frame); no document names the code for a
 * missing pong or the 24-hour mark, so both use it.
 */
export const DISCONNECT_CLOSE_CODE = 1008;
export const DISCONNECT_REASON = 'disconnected';

export interface Liveness {
  /** A pong from the client: it answers the ping with the same payload and every earlier one. */
  pong(payload: string): void;
  /** Cancels every timer of this connection. */
  stop(): void;
}

/**
 * Pings every 20 s, closes the connection when a ping has gone unanswered for 60 s, and at 24 h.
 * Each ping's payload is the venue time it was sent, so a pong names the ping it answers and
 * an unsolicited pong (any other payload) answers nothing. `onClose` runs after the close frame.
 */
export function watchLiveness(socket: VenueSocket, timers: StreamTimers, now: () => number, onClose: () => void): Liveness {
  const connectedAt = now();
  /** Send times of pings not answered yet, oldest first. */
  let unanswered: number[] = [];
  let pingTimer: StreamTimer | undefined;

  const disconnect = (): void => {
    liveness.stop();
    socket.close(DISCONNECT_CLOSE_CODE, DISCONNECT_REASON);
    onClose();
  };

  const tick = (): void => {
    const oldest = unanswered[0];
    if (oldest !== undefined && now() - oldest >= PONG_TIMEOUT_MS) {
      disconnect();
      return;
    }
    const sentAt = now();
    unanswered.push(sentAt);
    socket.ping(String(sentAt));
    pingTimer = timers.at(sentAt + PING_INTERVAL_MS, tick);
  };

  pingTimer = timers.at(connectedAt + PING_INTERVAL_MS, tick);
  const lifetimeTimer = timers.at(connectedAt + CONNECTION_LIFETIME_MS, disconnect);

  const liveness: Liveness = {
    pong(payload) {
      const index = unanswered.findIndex((sentAt) => String(sentAt) === payload);
      if (index !== -1) unanswered = unanswered.slice(index + 1);
    },
    stop() {
      pingTimer?.cancel();
      lifetimeTimer.cancel();
    },
  };
  return liveness;
}
