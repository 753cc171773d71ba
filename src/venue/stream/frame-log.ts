/**
 * One frame between the venue and a stream client, as the venue's side saw it. `direction` is
 * from the venue's point of view ('out': sent to the client). Besides WebSocket frames:
 * 'open' (in, `text` the path asked for), 'refused' (out, `text` the HTTP status, before any
 * 101), 'close' in (`text` the code the transport reported the end with), 'close' out (`text`
 * code and reason), 'terminate' (out, an abrupt drop).
 */
export interface StreamFrame {
  at: number;
  /** Numbered per venue from 1, in the order upgrades reached it (refused ones included). */
  connection: number;
  direction: 'in' | 'out';
  kind: 'text' | 'ping' | 'pong' | 'close' | 'terminate' | 'open' | 'refused';
  text: string;
}

/**
 * The opt-in record of every frame (`createVenue({ recordFrames: true })`). Client pings the
 * transport answers itself never reach the venue and are not in it.
 */
export class FrameLog {
  private readonly recorded: StreamFrame[] = [];

  constructor(private readonly now: () => number) {}

  record(connection: number, direction: StreamFrame['direction'], kind: StreamFrame['kind'], text: string): void {
    this.recorded.push({ at: this.now(), connection, direction, kind, text });
  }

  frames(): readonly StreamFrame[] {
    return this.recorded;
  }
}
