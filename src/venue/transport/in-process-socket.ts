import WebSocket from 'ws';
import type { Clock } from '../../clock/clock';
import type { AcceptConnection, VenueConnection, VenueSocket } from '../stream/socket';

export interface InProcessWire {
  accept: AcceptConnection;
  clock: Clock;
  /** Virtual ms the upgrade, its answer, each frame and each close travel, one way. */
  latencyMs: number;
  /** Path and query the client dialed, e.g. "/ws-api/v3". */
  path: string;
  remoteAddress: string;
}

const { CONNECTING, OPEN, CLOSING, CLOSED } = WebSocket;
const READY_STATE_NAMES = ['CONNECTING', 'OPEN', 'CLOSING', 'CLOSED'];
/** RFC 6455 7.4: 1005 and 1006 are reported, never sent. */
const NO_STATUS_RECEIVED = 1005;
const ABNORMAL_CLOSURE = 1006;

/**
 * `ws` builds the server end of a connection as `new WebSocket(null, undefined, options)`
 * (websocket-server.js completeUpgrade): a WebSocket that opens nothing. Its typings only know
 * `new WebSocket(null)`, which would read `options.autoPong` of undefined.
 */
const SocketlessWebSocket = WebSocket as unknown as new (address: null, protocols: undefined, options: { autoPong: boolean; closeTimeout: number }) => WebSocket;

/**
 * The client end of one in-process connection, as ccxt.pro sees a `ws` client WebSocket: the same
 * class (WsClient.close() checks `instanceof`), readyState, events ('open', 'message' with a
 * Buffer, 'ping', 'pong', 'error', 'close' with code and reason) and the same answers to calls in
 * the wrong state. Everything travels `latencyMs` on the clock, so the order of arrivals is the
 * order of sending in each direction. The venue end is a VenueSocket handed to `accept`.
 *
 * A venue handler that throws is not caught: the step's promise rejects unhandled, which fails a
 * test run loudly (this transport serves tests; the loopback server guards the standalone venue).
 */
export class InProcessWebSocket extends SocketlessWebSocket {
  private state: number = CONNECTING;
  private paused = false;
  /** Frames that arrived while the duplex asked for a pause (createWebSocketStream backpressure). */
  private readonly held: Buffer[] = [];
  private venue: VenueConnection | undefined;
  /** The venue was told `closed`; nothing reaches it after that. */
  private venueClosed = false;
  /** The venue has neither closed nor terminated: what it sends still goes out. */
  private venueSending = false;
  /** The venue silenced the connection (a dead peer): nothing is carried to or from it any more. */
  private silenced = false;
  /** Calls the venue makes on its socket inside `accept`, run once the 101 answer is on its way. */
  private duringAccept: Array<() => void> | undefined;

  constructor(private readonly wire: InProcessWire) {
    super(null, undefined, { autoPong: true, closeTimeout: 0 });
    // `ws` keeps these as getters over its own socket's state; this socket's state is here.
    Object.defineProperty(this, 'readyState', { get: () => this.state });
    Object.defineProperty(this, 'isPaused', { get: () => this.paused });
    this.travel(() => this.upgradeArrives());
  }

  override send(data: unknown, optionsOrCallback?: unknown, callback?: unknown): void {
    const done = typeof optionsOrCallback === 'function' ? optionsOrCallback : callback;
    if (!this.mayWrite(done)) return;
    const text = textOf(data);
    this.travel(() => {
      if (this.venue !== undefined && !this.venueClosed && !this.silenced) this.venue.message(text);
    });
    if (typeof done === 'function') queueMicrotask(() => done());
  }

  /** A client ping is answered by the transport, as a `ws` server answers it (unless silenced): the venue never sees it. */
  override ping(data?: unknown): void {
    if (!this.mayWrite(undefined)) return;
    const payload = data === undefined ? '' : textOf(data);
    this.travel(() => {
      if (this.venueClosed || this.silenced) return;
      this.travel(() => {
        if (this.state === OPEN || this.state === CLOSING) this.emit('pong', Buffer.from(payload));
      });
    });
  }

  override pong(data?: unknown): void {
    if (!this.mayWrite(undefined)) return;
    const payload = data === undefined ? '' : textOf(data);
    this.travel(() => {
      if (this.venue !== undefined && !this.venueClosed && !this.silenced) this.venue.pong(payload);
    });
  }

  override close(code?: number, reason?: string | Buffer): void {
    if (this.state === CONNECTING) return this.abortHandshake('WebSocket was closed before the connection was established');
    if (this.state !== OPEN) return;
    if (code !== undefined && !isSendableCloseCode(code)) throw new TypeError('First argument must be a valid error code number');
    this.state = CLOSING;
    const sentCode = code ?? NO_STATUS_RECEIVED;
    const sentReason = reason === undefined ? '' : textOf(reason);
    // The venue gets the close frame and echoes it; the client's 'close' follows the echo.
    this.travel(() => {
      if (this.silenced) return this.closeUnanswered();
      this.tellVenueClosed(sentCode);
      this.travel(() => this.ends(sentCode, sentReason));
    });
  }

  override terminate(): void {
    if (this.state === CONNECTING) return this.abortHandshake('WebSocket was closed before the connection was established');
    if (this.state === CLOSED) return;
    this.state = CLOSING;
    queueMicrotask(() => this.ends(ABNORMAL_CLOSURE, ''));
    this.travel(() => this.tellVenueClosed(ABNORMAL_CLOSURE));
  }

  override pause(): void {
    if (this.state === CONNECTING || this.state === CLOSED) return;
    this.paused = true;
  }

  override resume(): void {
    if (this.state === CONNECTING || this.state === CLOSED) return;
    this.paused = false;
    while (!this.paused && this.held.length > 0) this.deliver(this.held.shift());
  }

  /** The venue's side of this connection. */
  private readonly venueSocket: VenueSocket = {
    send: (text) =>
      this.fromVenue(() =>
        this.travel(() => {
          if (this.state === OPEN || this.state === CLOSING) this.deliver(Buffer.from(text));
        }),
      ),
    ping: (payload) =>
      this.fromVenue(() =>
        this.travel(() => {
          if (this.state !== OPEN) return;
          this.emit('ping', Buffer.from(payload));
          this.pong(payload);
        }),
      ),
    close: (code, reason) =>
      this.fromVenue(() => {
        this.venueSending = false;
        this.travel(() => {
          if (this.state === CLOSED) return;
          // An open client echoes the close frame; the venue hears the connection end with it.
          if (this.state === OPEN) this.travel(() => this.tellVenueClosed(code));
          this.ends(code, reason);
        });
      }),
    terminate: () =>
      this.fromVenue(() => {
        this.venueSending = false;
        this.travel(() => this.ends(ABNORMAL_CLOSURE, ''));
        this.travel(() => this.tellVenueClosed(ABNORMAL_CLOSURE), 0);
      }),
    silence: () => {
      this.silenced = true;
    },
  };

  private upgradeArrives(): void {
    // A client that gave up before its upgrade arrived never reaches the venue.
    if (this.state !== CONNECTING) return;
    this.duringAccept = [];
    const answer = this.wire.accept(this.wire.path, this.venueSocket, this.wire.remoteAddress);
    const early = this.duringAccept;
    this.duringAccept = undefined;
    if ('refused' in answer) {
      const status = answer.refused;
      this.travel(() => this.handshakeFails(`Unexpected server response: ${status}`));
      return;
    }
    this.venue = answer;
    this.venueSending = true;
    this.travel(() => {
      if (this.state !== CONNECTING) return;
      this.state = OPEN;
      this.emit('open');
    });
    for (const call of early) call();
  }

  /** A VenueSocket call: queued while `accept` runs (the 101 answer goes out first), dropped once the venue closed or went silent. */
  private fromVenue(call: () => void): void {
    if (this.duringAccept !== undefined) this.duringAccept.push(() => this.fromVenue(call));
    else if (this.venueSending && !this.silenced) call();
  }

  /**
   * The client's close frame reached a silenced connection: no echo will come, so the client
   * gives up as `ws` does when its close timer fires (closeTimeout 0 here: after one more trip)
   * and reports 1006. The venue hears the connection end: the one way a silent connection ends.
   */
  private closeUnanswered(): void {
    this.tellVenueClosed(ABNORMAL_CLOSURE);
    this.travel(() => this.ends(ABNORMAL_CLOSURE, ''));
  }

  private deliver(frame: Buffer | undefined): void {
    if (frame === undefined) return;
    if (this.paused) this.held.push(frame);
    else this.emit('message', frame, false);
  }

  /** `ws` refuses writes before open by throwing, after close by calling back with an error. */
  private mayWrite(done: unknown): boolean {
    if (this.state === CONNECTING) throw new Error('WebSocket is not open: readyState 0 (CONNECTING)');
    if (this.state === OPEN) return true;
    const error = new Error(`WebSocket is not open: readyState ${this.state} (${READY_STATE_NAMES[this.state] ?? 'UNKNOWN'})`);
    if (typeof done === 'function') queueMicrotask(() => done(error));
    return false;
  }

  private abortHandshake(message: string): void {
    this.state = CLOSING;
    // The venue, if it accepted already, sees the connection drop.
    this.travel(() => this.tellVenueClosed(ABNORMAL_CLOSURE));
    queueMicrotask(() => this.handshakeFails(message));
  }

  /** As `ws` reports a failed handshake: 'error', then 'close' with 1006. */
  private handshakeFails(message: string): void {
    if (this.state === CLOSED) return;
    this.state = CLOSING;
    this.emit('error', new Error(message));
    this.ends(ABNORMAL_CLOSURE, '');
  }

  private ends(code: number, reason: string): void {
    if (this.state === CLOSED) return;
    this.resume();
    this.state = CLOSED;
    this.emit('close', code, Buffer.from(reason));
  }

  private tellVenueClosed(code: number): void {
    if (this.venue === undefined || this.venueClosed) return;
    this.venueClosed = true;
    this.venueSending = false;
    this.venue.closed(code);
  }

  private travel(step: () => void, ms: number = this.wire.latencyMs): void {
    void this.wire.clock.sleep(ms).then(step);
  }
}

function textOf(data: unknown): string {
  if (typeof data === 'string') return data;
  if (data instanceof Uint8Array) return Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('utf8');
  if (data instanceof ArrayBuffer) return Buffer.from(data).toString('utf8');
  return String(data);
}

function isSendableCloseCode(code: number): boolean {
  return (code >= 1000 && code <= 1014 && code !== 1004 && code !== NO_STATUS_RECEIVED && code !== ABNORMAL_CLOSURE) || (code >= 3000 && code <= 4999);
}
