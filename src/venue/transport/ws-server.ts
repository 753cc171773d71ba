import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import WebSocket, { WebSocketServer } from 'ws';
import type { AcceptConnection, VenueConnection, VenueSocket } from '../stream/socket';

/** Binance's WebSocket API requests are a few hundred bytes; like MAX_BODY_BYTES for REST, 64 KiB bounds memory (`ws` allows 100 MiB). */
export const MAX_FRAME_BYTES = 64 * 1024;

/** RFC 6455 7.4.1: the server met a condition it could not handle (the venue's handler threw). */
const INTERNAL_ERROR = 1011;

export interface WebSocketEdgeOptions {
  /** Told when a venue handler throws (the client is closed with 1011); only the error. */
  onInternalError?: ((error: unknown) => void) | undefined;
}

export interface WebSocketEdge {
  /** Stops accepting upgrades; open connections end with the HTTP server's sockets. */
  close(): void;
}

/**
 * The venue's WebSocket side on the loopback HTTP server (it listens on 127.0.0.1 only): every
 * upgrade request is handed to `accept` with its path and query, refused with the HTTP status it
 * names (before any 101), or completed by a `ws` WebSocketServer and carried both ways: text
 * frames, the venue's pings (the client's own pings are answered here, as in-process, unless the
 * venue silenced the connection), close frames and resets. A malformed upgrade never reaches
 * the venue: `ws` answers it 400 first.
 *
 * A silenced connection carries nothing either way, but `ws` still completes a close handshake
 * the client starts (it echoes the close frame itself): on loopback the client's close of a
 * silent connection ends cleanly, where in-process it ends with 1006 as against a dead peer.
 */
export function attachWebSocketServer(server: Server, accept: AcceptConnection, options: WebSocketEdgeOptions = {}): WebSocketEdge {
  const onInternalError = options.onInternalError ?? (() => undefined);
  const accepted = new WeakMap<IncomingMessage, { socket: LoopbackVenueSocket; connection: VenueConnection }>();
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: MAX_FRAME_BYTES,
    perMessageDeflate: false,
    // Client pings are answered in `carry`, so that a silenced connection can leave them unanswered.
    autoPong: false,
    // ws's hook between its own validation of the request and the 101: the one place a refusal
    // can still be an HTTP status. Its two-argument form lets that status be any.
    verifyClient: (info, decide) => {
      const socket = new LoopbackVenueSocket();
      const remoteAddress = info.req.socket.remoteAddress ?? '';
      let answer: ReturnType<AcceptConnection>;
      try {
        answer = accept(info.req.url ?? '/', socket, remoteAddress);
      } catch (error: unknown) {
        onInternalError(error);
        decide(false, 500);
        return;
      }
      if ('refused' in answer) {
        decide(false, answer.refused);
        return;
      }
      accepted.set(info.req, { socket, connection: answer });
      decide(true);
    },
  });

  server.on('upgrade', (req: IncomingMessage, raw: Duplex, head: Buffer) => {
    raw.on('error', () => raw.destroy());
    // Accepted, but the client vanished before the 101 went out: the venue still hears the end.
    raw.once('close', () => {
      const pending = accepted.get(req);
      if (pending === undefined) return;
      accepted.delete(req);
      pending.connection.closed(1006);
    });
    wss.handleUpgrade(req, raw, head, (ws) => {
      const pending = accepted.get(req);
      accepted.delete(req);
      if (pending === undefined) {
        ws.terminate();
        return;
      }
      carry(ws, pending.socket, pending.connection, onInternalError);
    });
  });

  return { close: () => wss.close() };
}

function carry(ws: WebSocket, socket: LoopbackVenueSocket, connection: VenueConnection, onInternalError: (error: unknown) => void): void {
  const guarded = (step: () => void): void => {
    try {
      step();
    } catch (error: unknown) {
      // A venue bug must not take the standalone server down (an exception out of a `ws` listener
      // would); the client sees Binance's server-side failure as a 1011 close.
      onInternalError(error);
      if (ws.readyState === WebSocket.OPEN) ws.close(INTERNAL_ERROR, 'internal error');
    }
  };
  // Binance's WebSocket API speaks JSON text; a binary frame is read as UTF-8 text too.
  ws.on('message', (data: WebSocket.RawData) => {
    if (!socket.silenced) guarded(() => connection.message(textOf(data)));
  });
  ws.on('pong', (data: Buffer) => {
    if (!socket.silenced) guarded(() => connection.pong(data.toString('utf8')));
  });
  // What `ws` does with autoPong on (receiver.js: pong with the ping's payload), while not silenced.
  ws.on('ping', (data: Buffer) => {
    if (!socket.silenced && ws.readyState === WebSocket.OPEN) ws.pong(data);
  });
  // A protocol error or an oversized frame: `ws` closes the connection itself, 'close' follows.
  ws.on('error', () => undefined);
  ws.once('close', (code: number) => guarded(() => connection.closed(code)));
  socket.bind(ws);
}

/**
 * The venue's handle on one loopback connection. `accept` gets it before the `ws` WebSocket exists
 * (the 101 is not sent yet): what the venue does with it meanwhile is replayed once bound.
 */
class LoopbackVenueSocket implements VenueSocket {
  /** The venue silenced the connection: nothing is carried either way from now on. */
  silenced = false;
  private ws: WebSocket | undefined;
  private readonly early: Array<(ws: WebSocket) => void> = [];

  bind(ws: WebSocket): void {
    this.ws = ws;
    for (const call of this.early.splice(0)) call(ws);
  }

  send(text: string): void {
    this.use((ws) => {
      if (ws.readyState === WebSocket.OPEN) ws.send(text);
    });
  }

  ping(payload: string): void {
    this.use((ws) => {
      if (ws.readyState === WebSocket.OPEN) ws.ping(payload);
    });
  }

  close(code: number, reason: string): void {
    this.use((ws) => ws.close(code, reason));
  }

  terminate(): void {
    this.use((ws) => ws.terminate());
  }

  silence(): void {
    this.silenced = true;
  }

  /** Runs `call` on the bound WebSocket (replayed once bound), unless the connection is silenced by then. */
  private use(call: (ws: WebSocket) => void): void {
    const unlessSilenced = (ws: WebSocket): void => {
      if (!this.silenced) call(ws);
    };
    if (this.ws === undefined) this.early.push(unlessSilenced);
    else unlessSilenced(this.ws);
  }
}

function textOf(data: WebSocket.RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  if (data instanceof ArrayBuffer) return Buffer.from(data).toString('utf8');
  return data.toString('utf8');
}
