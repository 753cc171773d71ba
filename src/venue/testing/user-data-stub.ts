import type { Clock } from '../../clock/clock';
import type { AcceptConnection, VenueConnection, VenueSocket } from '../stream/socket';

/** What one test connection saw, with the venue's virtual time: enough to compare two runs. */
export interface StubTrace {
  at: number;
  connection: number;
  what: string;
}

/**
 * Just enough of Binance's WebSocket API for transport tests, until the venue's stream side lands
 * (src/venue/stream/): `/ws-api/v3` accepts, anything else is refused with 404;
 * `userDataStream.subscribe.signature` is answered `{"id","status":200,"result":{"subscriptionId":0}}`
 * (shared/notes/ccxt-binance.md), and `push` sends `{"subscriptionId":0,"event":...}` to every
 * subscribed connection.
 */
export class UserDataStub {
  readonly trace: StubTrace[] = [];
  readonly requests: Array<{ method: string; params: Record<string, unknown> }> = [];
  private readonly subscribers = new Map<number, VenueSocket>();
  private readonly sockets = new Map<number, VenueSocket>();
  private connections = 0;
  private subscriptions = 0;
  private waiting: Array<{ count: number; resolve: () => void }> = [];
  private watchers: Array<{ prefix: string; resolve: () => void }> = [];

  constructor(private readonly now: () => number) {}

  static on(clock: Clock): UserDataStub {
    return new UserDataStub(() => clock.now());
  }

  readonly accept: AcceptConnection = (path, socket, remoteAddress) => {
    if (path !== '/ws-api/v3') {
      this.note(0, `refused ${path}`);
      return { refused: 404 };
    }
    this.connections += 1;
    const id = this.connections;
    this.sockets.set(id, socket);
    this.note(id, `accepted ${path} from ${remoteAddress}`);
    const connection: VenueConnection = {
      message: (text) => this.answer(id, socket, text),
      pong: (payload) => this.note(id, `pong ${payload}`),
      closed: (code) => {
        this.note(id, `closed ${code}`);
        this.sockets.delete(id);
        this.subscribers.delete(id);
      },
    };
    return connection;
  };

  /** Resolves once `count` subscriptions to user data have been answered in all (a reconnect makes a new one). */
  subscribed(count = 1): Promise<void> {
    if (this.subscriptions >= count) return Promise.resolve();
    return new Promise((resolve) => this.waiting.push({ count, resolve }));
  }

  /** Resolves once the trace holds an entry starting with `prefix` (at once, if it does). */
  saw(prefix: string): Promise<void> {
    if (this.trace.some((entry) => entry.what.startsWith(prefix))) return Promise.resolve();
    return new Promise((resolve) => this.watchers.push({ prefix, resolve }));
  }

  push(event: Record<string, unknown>): void {
    for (const [id, socket] of this.subscribers) {
      this.note(id, `push ${String(event.e)}`);
      socket.send(JSON.stringify({ subscriptionId: 0, event }));
    }
  }

  /** The newest open connection's socket, to close, terminate or ping it. */
  latest(): VenueSocket {
    const socket = [...this.sockets.values()].at(-1);
    if (socket === undefined) throw new Error('no open connection');
    return socket;
  }

  private answer(id: number, socket: VenueSocket, text: string): void {
    const request = JSON.parse(text) as { id: string; method: string; params: Record<string, unknown> };
    this.requests.push({ method: request.method, params: request.params });
    this.note(id, `request ${request.method}`);
    if (request.method !== 'userDataStream.subscribe.signature') {
      socket.send(JSON.stringify({ id: request.id, status: 400, error: { code: -1100, msg: `unknown method ${request.method}` } }));
      return;
    }
    socket.send(JSON.stringify({ id: request.id, status: 200, result: { subscriptionId: 0 } }));
    this.subscribers.set(id, socket);
    this.subscriptions += 1;
    const due = this.waiting.filter((waiter) => waiter.count <= this.subscriptions);
    this.waiting = this.waiting.filter((waiter) => waiter.count > this.subscriptions);
    for (const waiter of due) waiter.resolve();
  }

  private note(connection: number, what: string): void {
    this.trace.push({ at: this.now(), connection, what });
    const due = this.watchers.filter((watcher) => what.startsWith(watcher.prefix));
    this.watchers = this.watchers.filter((watcher) => !what.startsWith(watcher.prefix));
    for (const watcher of due) watcher.resolve();
  }
}

/** An `executionReport` as Binance sends it for a new limit order (spot user data stream doc). */
export function executionReport(fields: Partial<Record<string, string | number | boolean>> = {}): Record<string, unknown> {
  return {
    e: 'executionReport',
    E: 1_704_067_200_100,
    s: 'BTCUSDT',
    c: 'alice-1',
    S: 'BUY',
    o: 'LIMIT',
    f: 'GTC',
    q: '0.01000000',
    p: '42000.00000000',
    P: '0.00000000',
    F: '0.00000000',
    g: -1,
    C: '',
    x: 'NEW',
    X: 'NEW',
    r: 'NONE',
    i: 7,
    l: '0.00000000',
    z: '0.00000000',
    L: '0.00000000',
    n: '0',
    N: null,
    T: 1_704_067_200_099,
    t: -1,
    I: 21,
    w: true,
    m: false,
    M: false,
    O: 1_704_067_200_099,
    Z: '0.00000000',
    Y: '0.00000000',
    Q: '0.00000000',
    W: 1_704_067_200_099,
    V: 'EXPIRE_MAKER',
    ...fields,
  };
}
