import type { Credentials } from '../../exchange/contract';
import { signatureOf } from '../api/signature';
import type { AcceptConnection, VenueConnection, VenueSocket } from './socket';
import { wsSignaturePayload } from './ws-api-signature';

/** Everything the venue did to one socket, in order: for tests and transports' self-checks. */
export type SocketAction = { kind: 'send'; text: string } | { kind: 'ping'; payload: string } | { kind: 'close'; code: number; reason: string } | { kind: 'terminate' } | { kind: 'silence' };

/**
 * A VenueSocket that records what the venue does. It plays the transport's part too: a close
 * or terminate from the venue is reported back through `VenueConnection.closed`, and
 * `answerPings` makes it answer every ping as a `ws` client does (echoing the payload). Once
 * silenced it still records what the venue calls (a test sees anything that leaks) but, as a
 * transport would, carries none of it: no pong, no report of the venue's close.
 */
export class RecordingSocket implements VenueSocket {
  readonly actions: SocketAction[] = [];
  connection: VenueConnection | undefined;
  answerPings = true;
  silenced = false;

  /** Opens `path` on `accept`; throws if the venue refuses, with the status. */
  static open(accept: AcceptConnection, path: string): RecordingSocket {
    const socket = new RecordingSocket();
    const accepted = accept(path, socket, '127.0.0.1');
    if ('refused' in accepted) throw new Error(`refused with ${accepted.refused}`);
    socket.connection = accepted;
    return socket;
  }

  send(text: string): void {
    this.actions.push({ kind: 'send', text });
  }

  ping(payload: string): void {
    this.actions.push({ kind: 'ping', payload });
    if (this.answerPings && !this.silenced) this.connection?.pong(payload);
  }

  close(code: number, reason: string): void {
    this.actions.push({ kind: 'close', code, reason });
    if (!this.silenced) this.connection?.closed(code);
  }

  terminate(): void {
    this.actions.push({ kind: 'terminate' });
    if (!this.silenced) this.connection?.closed(1006);
  }

  silence(): void {
    this.actions.push({ kind: 'silence' });
    this.silenced = true;
  }

  /** The client sends one text frame. */
  request(frame: unknown): void {
    this.connection?.message(typeof frame === 'string' ? frame : JSON.stringify(frame));
  }

  /** Text frames sent so far, parsed. */
  frames(): unknown[] {
    return this.actions.flatMap((action) => (action.kind === 'send' ? [JSON.parse(action.text) as unknown] : []));
  }

  /** Text frames sent so far, exactly as sent. */
  texts(): string[] {
    return this.actions.flatMap((action) => (action.kind === 'send' ? [action.text] : []));
  }

  /** Forgets what was recorded (to look at what comes next). */
  clear(): void {
    this.actions.length = 0;
  }
}

/** `userDataStream.subscribe.signature` params signed as ccxt's signParams signs them. */
export function signedSubscribeParams(credentials: Credentials, timestamp: number, recvWindow = 10_000): Record<string, string | number> {
  const params: Record<string, string | number> = { apiKey: credentials.apiKey, recvWindow, timestamp };
  return { ...params, signature: signatureOf(credentials.secret, wsSignaturePayload(params)) };
}
