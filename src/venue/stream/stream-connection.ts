import type { Clock } from '../../clock/clock';
import { EventFrameFaults, ON_TIME } from './event-frame-faults';
import type { FrameLog } from './frame-log';
import { watchLiveness, type Liveness } from './liveness';
import type { VenueConnection, VenueSocket } from './socket';
import { DROP_CLOSE_CODE, DROP_CLOSE_REASON } from './stream-faults';
import type { StreamTimers } from './stream-timers';
import type { UserDataSource } from './user-data-hub';

/** What one accepted connection does with traffic (a WS API session or a listenKey stream). */
export interface ConnectionHandler {
  receive?(text: string): void;
  /** The connection is gone or silenced: stop listening, cancel timers, send nothing more. */
  end(): void;
  /** Ends the account's subscriptions, the connection staying open (WS API only); how many ended. */
  terminateSubscriptionsOf?(account: string): number;
}

/** What a handler is built on: the socket it sends through, where it hears payloads, how it ends the connection. */
export interface HandlerLink {
  socket: VenueSocket;
  userData: UserDataSource;
  onClose: () => void;
}

export interface StreamConnectionDeps {
  /** The connection's number in the frame log. */
  id: number;
  /** Path and query the client asked for, as the frame log's 'open' shows it. */
  path: string;
  /** The route as fault events name it: "/ws-api/v3" or "/ws/*" (a listenKey stream, its key left out). */
  route: string;
  /** The transport's socket. */
  socket: VenueSocket;
  clock: Clock;
  timers: StreamTimers;
  userData: UserDataSource;
  frames: FrameLog | undefined;
  /** Told once, when the connection ends, whoever ended it. */
  onEnd: () => void;
}

/**
 * One accepted user-data connection: Binance's liveness rules around its handler, ending made
 * idempotent whoever ends it, every frame recorded when the frame log is on, and the nemesis's
 * stream faults applied here, between the handler and the transport, so both transports get them.
 */
export class StreamConnection {
  /** What the transport reports to the venue. */
  readonly incoming: VenueConnection;
  readonly route: string;
  private live = true;
  private silenced = false;
  /** Accounts the handler listens to now, with how many listeners each. */
  private readonly listening = new Map<string, number>();
  private readonly eventFaults = new Map<string, EventFrameFaults>();
  /** Withdraws the holds of late frames when the connection ends: an ended connection keeps no timer. */
  private readonly ended = new AbortController();
  private readonly outgoing: VenueSocket;
  private readonly liveness: Liveness;
  private readonly handler: ConnectionHandler;

  constructor(
    private readonly deps: StreamConnectionDeps,
    makeHandler: (link: HandlerLink) => ConnectionHandler,
  ) {
    this.route = deps.route;
    deps.frames?.record(deps.id, 'in', 'open', deps.path);
    this.outgoing = this.recordedSocket();
    const finish = (): void => this.finish();
    this.liveness = watchLiveness(this.outgoing, deps.timers, () => deps.clock.now(), finish);
    this.handler = makeHandler({ socket: this.outgoing, userData: this.userDataView(), onClose: finish });
    this.incoming = {
      message: (text) => {
        if (!this.hears()) return;
        deps.frames?.record(deps.id, 'in', 'text', text);
        this.handler.receive?.(text);
      },
      pong: (payload) => {
        if (!this.hears()) return;
        deps.frames?.record(deps.id, 'in', 'pong', payload);
        this.liveness.pong(payload);
      },
      closed: (code) => {
        deps.frames?.record(deps.id, 'in', 'close', String(code));
        this.finish();
      },
    };
  }

  /** Whether the account's user data reaches the client through this connection (a silent one's does not). */
  listensTo(account: string): boolean {
    return this.hears() && this.listening.has(account);
  }

  /** stream_drop: ends the connection with a 1001 close frame, or abruptly. */
  drop(mode: 'close' | 'reset'): void {
    if (!this.hears()) return;
    if (mode === 'close') this.outgoing.close(DROP_CLOSE_CODE, DROP_CLOSE_REASON);
    else this.outgoing.terminate();
    this.finish();
  }

  /**
   * stream_silent: the transport carries nothing more; the handler ends (events meant for the
   * client are lost, a listenKey's expiry no longer closes it) and liveness stops (no pings, no
   * pong deadline, no 24-hour close), so the connection holds no timer. It stays open until the
   * client's end is reported.
   */
  silence(): void {
    if (!this.hears()) return;
    this.silenced = true;
    this.deps.socket.silence();
    this.liveness.stop();
    this.handler.end();
  }

  /** stream_duplicate: the account's next `count` event frames on this connection go out twice. */
  duplicateNext(account: string, count: number): void {
    this.faultsOf(account).duplicateNext(count);
  }

  /** stream_late: the account's next `count` event frames on this connection are held `delayMs`. */
  holdNext(account: string, count: number, delayMs: number): void {
    this.faultsOf(account).holdNext(count, delayMs);
  }

  /** stream_expire on the WebSocket API: ends the account's subscriptions here; how many ended. */
  terminateSubscriptionsOf(account: string): number {
    return this.hears() ? (this.handler.terminateSubscriptionsOf?.(account) ?? 0) : 0;
  }

  private hears(): boolean {
    return this.live && !this.silenced;
  }

  private finish(): void {
    if (!this.live) return;
    this.live = false;
    this.ended.abort();
    this.liveness.stop();
    this.handler.end();
    this.deps.onEnd();
  }

  private faultsOf(account: string): EventFrameFaults {
    const existing = this.eventFaults.get(account);
    if (existing !== undefined) return existing;
    const created = new EventFrameFaults();
    this.eventFaults.set(account, created);
    return created;
  }

  /** The socket the handler and liveness use: nothing leaves once the connection ended or went silent. */
  private recordedSocket(): VenueSocket {
    const { socket, frames, id } = this.deps;
    const out = (kind: 'text' | 'ping' | 'close' | 'terminate', text: string, send: () => void): void => {
      if (!this.hears()) return;
      frames?.record(id, 'out', kind, text);
      send();
    };
    return {
      send: (text) => out('text', text, () => socket.send(text)),
      ping: (payload) => out('ping', payload, () => socket.ping(payload)),
      close: (code, reason) => out('close', `${code} ${reason}`, () => socket.close(code, reason)),
      terminate: () => out('terminate', '', () => socket.terminate()),
      silence: () => this.silence(),
    };
  }

  /** The hub as this connection's handler hears it: each event frame through the armed faults. */
  private userDataView(): UserDataSource {
    return {
      listen: (account, listener) => {
        this.listening.set(account, (this.listening.get(account) ?? 0) + 1);
        const stop = this.deps.userData.listen(account, (payload) => this.deliverEvent(account, () => listener(payload)));
        let stopped = false;
        return () => {
          if (stopped) return;
          stopped = true;
          stop();
          const left = (this.listening.get(account) ?? 1) - 1;
          if (left === 0) this.listening.delete(account);
          else this.listening.set(account, left);
        };
      },
    };
  }

  /** One event frame: sent now, or twice, or after a hold; a held frame is dropped, and its hold withdrawn, when the connection ends first. */
  private deliverEvent(account: string, send: () => void): void {
    const fate = this.eventFaults.get(account)?.next() ?? ON_TIME;
    const deliver = (): void => {
      if (!this.hears()) return;
      send();
      if (fate.copies === 2) send();
    };
    if (fate.delayMs === undefined) deliver();
    else void this.deps.clock.sleep(fate.delayMs, this.ended.signal).then(deliver);
  }
}
